'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { ConnectionState, StageKitError } from '../core/index.js';
import { callLoadKey } from './call-query-key.js';
import { useCallFor } from './context.js';

export interface UseCallStatusResult {
  /** `loading` until the call's state arrives, `error` when loading failed, else `ready`. */
  status: 'loading' | 'ready' | 'error';
  error: StageKitError | null;
  connection: ConnectionState;
  /** You are a participant of the call. */
  joined: boolean;
}

/** Whether the call is loaded, how the connection stands, and whether you are in the call. */
export function useCallStatus(): UseCallStatusResult {
  const call = useCallFor('useCallStatus');
  const loaded = useStore(call.store, (state) => state.call !== null);
  const joined = useStore(call.store, (state) => !!state.call?.participants[state.user.id]);
  const connection = useStore(call.store, (state) => state.connection);
  const queryClient = useQueryClient();
  // The load error of `<StageCall>`, read from the query cache without starting a query.
  const error = useSyncExternalStore(
    (notify) => queryClient.getQueryCache().subscribe(notify),
    () => (queryClient.getQueryCache().find({ queryKey: callLoadKey(call), exact: false, predicate: (query) => !!query.state.error })?.state.error as StageKitError | undefined) ?? null,
    () => null,
  );
  return { status: loaded ? 'ready' : error ? 'error' : 'loading', error: loaded ? null : error, connection, joined };
}
