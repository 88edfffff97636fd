'use client';
import { useStore } from 'zustand';
import type { StageRequest } from '../core/index.js';
import { useCallFor } from './context.js';

const NONE: StageRequest[] = [];

/** Pending stage requests, oldest first. Empty unless you hold `manage-stage`. */
export function useStageRequests(): readonly StageRequest[] {
  const call = useCallFor('useStageRequests');
  return useStore(call.store, (state) => state.call?.stage_requests ?? NONE);
}
