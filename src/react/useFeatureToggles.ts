'use client';
import type { CallSideEffect } from '../core/index.js';
import { useCallMutation, type CallMutation, type CallMutationOptions } from './useCallMutation.js';

/**
 * A feature's switch as a mutation: `mutate(true)` starts it, `mutate(false)` stops it, and
 * `mutate()` turns it the other way from what the call says when the mutation runs.
 */
export type UseFeatureToggleResult = CallMutation<boolean | void, void>;

/** Starts or stops one feature at any time before the call ends, live or not; needs its start or stop capability. */
export function useToggleFeature(feature: CallSideEffect, options?: CallMutationOptions<boolean | void, void>): UseFeatureToggleResult {
  return useCallMutation(
    'useToggleFeature',
    `feature.${feature}`,
    (call, on) => ((on ?? !call.getState().call?.[feature]) ? call.startFeature(feature) : call.stopFeature(feature)),
    options,
  );
}

/** HLS broadcasting (`start-broadcast-call` / `stop-broadcast-call`). */
export function useToggleBroadcast(options?: CallMutationOptions<boolean | void, void>): UseFeatureToggleResult {
  return useToggleFeature('hls', options);
}

/** Recording (`start-record-call` / `stop-record-call`). */
export function useToggleRecording(options?: CallMutationOptions<boolean | void, void>): UseFeatureToggleResult {
  return useToggleFeature('recording', options);
}

/** Transcription (`start-transcription-call` / `stop-transcription-call`). */
export function useToggleTranscription(options?: CallMutationOptions<boolean | void, void>): UseFeatureToggleResult {
  return useToggleFeature('transcribing', options);
}

/** Closed captions (`start-closed-captions-call` / `stop-closed-captions-call`). */
export function useToggleClosedCaptions(options?: CallMutationOptions<boolean | void, void>): UseFeatureToggleResult {
  return useToggleFeature('captioning', options);
}
