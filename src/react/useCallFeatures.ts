'use client';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { CallSideEffect } from '../core/index.js';
import { useCallFor } from './context.js';

export interface UseCallFeaturesResult {
  /** HLS broadcasting runs. */
  hls: boolean;
  recording: boolean;
  transcribing: boolean;
  captioning: boolean;
}

/** Whether one feature runs now (false until the call is loaded). Re-renders only when it starts or stops. */
export function useCallFeature(feature: CallSideEffect): boolean {
  const call = useCallFor('useCallFeature');
  return useStore(call.store, (state) => state.call?.[feature] ?? false);
}

/** What the call produces now besides the show: `{ hls, recording, transcribing, captioning }`. */
export function useCallFeatures(): UseCallFeaturesResult {
  const call = useCallFor('useCallFeatures');
  return useStore(
    call.store,
    useShallow((state) => {
      const view = state.call;
      return { hls: !!view?.hls, recording: !!view?.recording, transcribing: !!view?.transcribing, captioning: !!view?.captioning };
    }),
  );
}
