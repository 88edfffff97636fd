import type { CallSideEffect } from './model.js';

/**
 * Each feature's name in the reference REST paths (`start_broadcasting`, `stop_recording`, …):
 * one table for the server's routes and the remote client's requests, apart from the rules so
 * the client does not ship them.
 */
export const FEATURE_PATHS: Readonly<Record<CallSideEffect, string>> = {
  hls: 'broadcasting',
  recording: 'recording',
  transcribing: 'transcription',
  captioning: 'closed_captions',
};
