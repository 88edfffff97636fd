'use client';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { Member } from '../core/index.js';
import { useCallFor } from './context.js';

const NONE: Record<string, Member> = {};

/** The call's members with their call-level roles. */
export function useCallMembers(): Member[] {
  const call = useCallFor('useCallMembers');
  const members = useStore(call.store, (state) => state.call?.members ?? NONE);
  return useMemo(() => Object.values(members), [members]);
}
