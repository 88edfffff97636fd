'use client';
import { useStore } from 'zustand';
import type { StageStatus } from '../core/index.js';
import { useCallFor } from './context.js';

/**
 * A user's stage status: your own by default, or any user's you may see. Users without
 * `manage-stage` see others only as ON_STAGE or OFF_STAGE.
 */
export function useStageStatus(userId?: string): StageStatus {
  const call = useCallFor('useStageStatus');
  return useStore(call.store, (state) => state.call?.stage[userId ?? state.user.id] ?? 'OFF_STAGE');
}
