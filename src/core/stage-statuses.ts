import type { CallRecord, StageStatus } from './model.js';
import { PersistentMap } from './persistent-map.js';

/** A call's stage as the engine keeps it: everyone's status, and who of them is ON_STAGE. */
export type StageMaps = Pick<CallRecord, 'stage' | 'on_stage'>;

/**
 * The stage with one user's status set (OFF_STAGE takes them out). Every change of a status goes
 * through here, so who is ON_STAGE never drifts from the statuses; each map copies one path.
 */
export function withStatus(maps: StageMaps, userId: string, status: StageStatus): StageMaps {
  return {
    stage: status === 'OFF_STAGE' ? maps.stage.delete(userId) : maps.stage.set(userId, status),
    on_stage: status === 'ON_STAGE' ? maps.on_stage.set(userId, true) : maps.on_stage.delete(userId),
  };
}

/** The stage with many users' statuses set in one batch (a bulk decision): each node copied once. */
export function withStatuses(maps: StageMaps, statuses: ReadonlyMap<string, StageStatus>): StageMaps {
  return {
    stage: maps.stage.batch((draft) => {
      for (const [userId, status] of statuses) {
        if (status === 'OFF_STAGE') draft.delete(userId);
        else draft.set(userId, status);
      }
    }),
    on_stage: maps.on_stage.batch((draft) => {
      for (const [userId, status] of statuses) {
        if (status === 'ON_STAGE') draft.set(userId, true);
        else draft.delete(userId);
      }
    }),
  };
}

/** The stage's maps from a plain object of statuses, as a stored record keeps them. */
export function stageFromStatuses(statuses: Record<string, StageStatus>): StageMaps {
  const entries = Object.entries(statuses);
  return {
    stage: PersistentMap.from(entries),
    on_stage: PersistentMap.from(entries.filter(([, status]) => status === 'ON_STAGE').map(([userId]) => [userId, true] as const)),
  };
}
