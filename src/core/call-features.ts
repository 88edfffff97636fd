import type { Capability } from './capabilities.js';
import type { CallSideEffect } from './model.js';

// The four features a call may produce besides the show, as one table for the rules, the server's
// routes, the remote client and the components, kept apart from the rules so clients ship no rules.

export const CALL_FEATURES: readonly CallSideEffect[] = ['hls', 'recording', 'transcribing', 'captioning'];

/** Each feature's name in the reference REST paths: `start_broadcasting`, `stop_recording`, … */
export const FEATURE_PATHS: Readonly<Record<CallSideEffect, string>> = {
  hls: 'broadcasting',
  recording: 'recording',
  transcribing: 'transcription',
  captioning: 'closed_captions',
};

/** The capabilities that start and stop each feature. */
export const FEATURE_CAPABILITIES: Readonly<Record<CallSideEffect, readonly [start: Capability, stop: Capability]>> = {
  hls: ['start-broadcast-call', 'stop-broadcast-call'],
  recording: ['start-record-call', 'stop-record-call'],
  transcribing: ['start-transcription-call', 'stop-transcription-call'],
  captioning: ['start-closed-captions-call', 'stop-closed-captions-call'],
};
