// `stagekit/format`: the plain helpers behind the components' words. No React and no 'use client',
// so server code (a React Server Component, a Node script, an email) can call them too.
export { formatDuration } from '../components/format-duration.js';
export { defaultMessages, type StageKitMessages } from '../react/messages.js';
