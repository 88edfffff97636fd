'use client';
import { useStore } from 'zustand';
import type { Capability } from '../core/index.js';
import { useCallFor } from './context.js';

const NONE: Capability[] = [];

/** Your capabilities on the call; an empty list until the call is loaded. */
export function useOwnCapabilities(): readonly Capability[] {
  const call = useCallFor('useOwnCapabilities');
  return useStore(call.store, (state) => state.call?.own_capabilities ?? NONE);
}

/** Whether you hold every one of the given capabilities. */
export function useHasCapability(...capabilities: Capability[]): boolean {
  const call = useCallFor('useHasCapability');
  return useStore(call.store, (state) => {
    const own = state.call?.own_capabilities;
    return !!own && capabilities.every((capability) => own.includes(capability));
  });
}
