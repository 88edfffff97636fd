'use client';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Participant } from '../core/index.js';
import { useCallFor } from './context.js';
import { byJoinTime } from './useParticipants.js';

/** The participants on stage now, in join order. Re-renders only when someone steps on or off. */
export function useOnStage(): Participant[] {
  const call = useCallFor('useOnStage');
  return useStore(
    call.store,
    // Compared element by element: participant objects keep their identity between events.
    useShallow((state) => {
      const view = state.call;
      const onStage: Participant[] = [];
      if (!view) return onStage;
      for (const userId in view.stage) {
        const participant = view.participants[userId];
        if (view.stage[userId] === 'ON_STAGE' && participant) onStage.push(participant);
      }
      return onStage.sort(byJoinTime);
    }),
  );
}
