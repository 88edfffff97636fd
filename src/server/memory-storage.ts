import type { World } from '../core/index.js';
import type { EventBatch, ServerStorage } from './storage.js';

export interface MemoryStorageOptions {
  /** Events kept per call for resuming clients; older ones fall back to a snapshot. */
  retainEvents?: number;
}

/** The default storage: everything in memory, gone when the process ends. */
export function createMemoryStorage(options: MemoryStorageOptions = {}): ServerStorage & { readonly world: World | null } {
  const retain = options.retainEvents ?? 2000;
  const logs = new Map<string, { batches: EventBatch[]; events: number }>();
  let world: World | null = null;
  return {
    get world() {
      return world;
    },
    load: () => world,
    commit(next, batches) {
      world = next;
      for (const batch of batches) {
        const cid = batch.after.cid;
        let log = logs.get(cid);
        if (!log) logs.set(cid, (log = { batches: [], events: 0 }));
        log.batches.push(batch);
        log.events += batch.events.length;
        // Keep at least the newest batch, however large, so a client one batch behind can resume.
        while (log.events > retain && log.batches.length > 1) log.events -= log.batches.shift()!.events.length;
      }
    },
    batchesSince(cid, since) {
      const log = logs.get(cid);
      if (!log || log.batches.length === 0) return since === 0 ? [] : null;
      const first = log.batches[0]!;
      // The log reaches back to `since` when its oldest batch starts right after it (or earlier).
      const oldestStart = first.events[0]?.seq ?? first.after.seq;
      if (since < oldestStart - 1) return null;
      return log.batches.filter((batch) => batch.after.seq > since);
    },
  };
}
