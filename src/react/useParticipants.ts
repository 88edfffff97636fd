'use client';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { Participant } from '../core/index.js';
import { useCallFor } from './context.js';

const NONE: Record<string, Participant> = {};

/** Everyone in the call now, in the order they joined. */
export function useParticipants(): Participant[] {
  const call = useCallFor('useParticipants');
  const participants = useStore(call.store, (state) => state.call?.participants ?? NONE);
  return useMemo(() => Object.values(participants), [participants]);
}

/** Whether you are in the call. */
export function useIsInCall(): boolean {
  const call = useCallFor('useIsInCall');
  return useStore(call.store, (state) => !!state.call?.participants[state.user.id]);
}
