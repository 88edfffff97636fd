import type { Call } from '../core/index.js';

const ids = new WeakMap<Call, number>();
let next = 0;

/**
 * The query key of loading one call object. Keyed by the object itself, not by type, id and
 * user: a new client for the same user (a refreshed token, another backend) loads afresh.
 */
export function callLoadKey(call: Call): readonly unknown[] {
  let id = ids.get(call);
  if (id === undefined) ids.set(call, (id = ++next));
  return ['stagekit', 'call', call.cid, id];
}
