import { createContext, useContext } from 'react';
import type { Call, StageKitClient } from '../core/index.js';
import type { StageKitMessages } from './messages.js';

export interface StageKitContextValue {
  client: StageKitClient | null;
  /**
   * The app's overrides only: each component lays them over its own group of defaults, so an app
   * bundles the words of the components it uses, not every component's.
   */
  messages: Partial<StageKitMessages>;
}

export const StageKitContext = createContext<StageKitContextValue | null>(null);
export const CallContext = createContext<Call | null>(null);

/** The call of the nearest `<StageCall>` (or `<StageKitProvider call>`), or null outside one. */
export function useMaybeCall(): Call | null {
  return useContext(CallContext);
}

/** Throws a message that names the hook and the provider it needs. */
export function useCallFor(hook: string): Call {
  const call = useContext(CallContext);
  if (!call) {
    throw new Error(`${hook} must be used inside <StageCall> (or <StageKitProvider call={...}>).`);
  }
  return call;
}

export function useMaybeStageKit(): StageKitContextValue | null {
  return useContext(StageKitContext);
}
