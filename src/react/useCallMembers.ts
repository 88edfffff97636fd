'use client';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { Member } from '../core/index.js';
import { useCallFor } from './context.js';

const NONE: Record<string, Member> = {};

/** The call's members with their call-level roles, oldest membership first. */
export function useCallMembers(): Member[] {
  const call = useCallFor('useCallMembers');
  const members = useStore(call.store, (state) => state.call?.members ?? NONE);
  // Object key order puts numeric ids first; the time a member was added is the order users expect.
  return useMemo(
    () => Object.values(members).sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.user_id < b.user_id ? -1 : 1)),
    [members],
  );
}
