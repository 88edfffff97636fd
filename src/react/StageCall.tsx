'use client';
import { useQuery } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Call } from '../core/index.js';
import { callLoadKey } from './call-query-key.js';
import { CallContext, useMaybeStageKit } from './context.js';

export type StageCallProps = (
  | { /** The call to provide. */ call: Call; type?: never; id?: never }
  | { call?: never; /** Call type, with `id`: the provider's client makes the call. */ type: string; id: string }
) & {
  /**
   * How to load the call's state when the store has none yet: `get` (the default), `getOrCreate`,
   * or `none` when the app loads it itself.
   */
  load?: 'get' | 'getOrCreate' | 'none';
  children?: ReactNode;
};

/** Provides one call to the hooks and components below it, and loads its state once. */
export function StageCall(props: StageCallProps) {
  const kit = useMaybeStageKit();
  const client = kit?.client;
  const call = useMemo(() => {
    if (props.call) return props.call;
    if (!client) throw new Error('<StageCall type id> needs a client: wrap it in <StageKitProvider client={...}> or pass call={...}.');
    return client.call(props.type!, props.id!);
  }, [props.call, props.type, props.id, client]);
  return (
    <CallContext.Provider value={call}>
      {props.load !== 'none' && <CallLoader call={call} mode={props.load ?? 'get'} />}
      {props.children}
    </CallContext.Provider>
  );
}

/** Loads through TanStack Query so StrictMode's double effects and remounts share one request. */
function CallLoader({ call, mode }: { call: Call; mode: 'get' | 'getOrCreate' }) {
  const loaded = useStore(call.store, (state) => state.call !== null);
  useQuery({
    queryKey: [...callLoadKey(call), mode],
    queryFn: async () => {
      await (mode === 'getOrCreate' ? call.getOrCreate() : call.get());
      return true;
    },
    enabled: !loaded,
    staleTime: Infinity,
  });
  return null;
}
