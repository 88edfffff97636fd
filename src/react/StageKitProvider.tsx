'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
// zustand's own comparison: the hooks' useShallow already brings it into the app.
import { shallow } from 'zustand/vanilla/shallow';
import type { Call, StageKitClient } from '../core/index.js';
import { CallContext, StageKitContext, useMaybeStageKit } from './context.js';
import type { StageKitMessages } from './messages.js';

export interface StageKitProviderProps {
  /** The signed-in client: `backend.client({ user })` or `createRemoteClient({ url, token })`. */
  client?: StageKitClient;
  /** A call to provide directly, instead of nesting a `<StageCall>`. */
  call?: Call;
  /** Your app's QueryClient; the provider makes its own when none is given. */
  queryClient?: QueryClient;
  /** Overrides for any of the components' strings. */
  messages?: Partial<StageKitMessages>;
  children?: ReactNode;
}

function useShallowStable<T extends object>(value: T | undefined): T | undefined {
  const [kept, setKept] = useState(value);
  if (!shallow(value, kept)) {
    setKept(value);
    return value;
  }
  return kept;
}

const NO_OVERRIDES: Partial<StageKitMessages> = {};

function createQueryClient(): QueryClient {
  // Stage actions are commands: a failed one is reported, and retried only when the user asks.
  return new QueryClient({ defaultOptions: { mutations: { retry: false }, queries: { retry: false } } });
}

/** Provides the client, a QueryClient and the messages to every hook and component below it. */
export function StageKitProvider({ client, call, queryClient, messages, children }: StageKitProviderProps) {
  const parent = useMaybeStageKit();
  const [ownQueryClient] = useState(createQueryClient);
  // An inline `messages={{ … }}` is a new object each render; only a changed string re-renders.
  const stableMessages = useShallowStable(messages);
  const value = useMemo(
    () => ({
      client: client ?? parent?.client ?? null,
      messages: stableMessages ? { ...parent?.messages, ...stableMessages } : (parent?.messages ?? NO_OVERRIDES),
    }),
    [client, stableMessages, parent],
  );
  let tree = <StageKitContext.Provider value={value}>{children}</StageKitContext.Provider>;
  if (call) tree = <CallContext.Provider value={call}>{tree}</CallContext.Provider>;
  return <QueryClientProvider client={queryClient ?? ownQueryClient}>{tree}</QueryClientProvider>;
}
