'use client';
import { useStore } from 'zustand';
import type { Call, CallStoreState } from '../core/index.js';
import { useCallFor } from './context.js';

/** The call object of the nearest `<StageCall>`: its actions, store, user and clock. */
export function useCall(): Call {
  return useCallFor('useCall');
}

/**
 * Reads a slice of the call's store and re-renders only when that slice changes (compared with
 * `Object.is`). Return primitives or stable references; wrap object-building selectors in
 * zustand's `useShallow`.
 */
export function useCallState<T>(selector: (state: CallStoreState) => T): T {
  return useStore(useCallFor('useCallState').store, selector);
}
