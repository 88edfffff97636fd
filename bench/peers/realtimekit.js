// What an app needs from Cloudflare RealtimeKit for a stage and a livestream: the client (its
// meeting carries `stage` and `livestream`) and the React provider and selector hooks.
export { default as RealtimeKitClient } from '@cloudflare/realtimekit';
export { RealtimeKitProvider, useRealtimeKitClient, useRealtimeKitMeeting, useRealtimeKitSelector } from '@cloudflare/realtimekit-react';
