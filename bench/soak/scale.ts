import { createManualClock } from '../../src/core/index.js';
import { createHub, createMemoryStorage } from '../../src/server/index.js';

/**
 * The median time of one join into a live call while the hub holds `calls` calls: what a change
 * costs should not depend on how many other calls there are.
 */
export async function joinCost(calls: number): Promise<number> {
  const hub = createHub({ storage: createMemoryStorage(), clock: createManualClock('2030-01-01T00:00:00Z'), maxCalls: calls + 10, callsPerUser: calls + 10 });
  await hub.ready;
  const host = { id: 'host' };
  for (let i = 1; i < calls; i += 1) await hub.dispatch(host, 'default', `other-${i}`, { type: 'getOrCreate' }, { view: false });
  await hub.dispatch(host, 'livestream', 'measured', { type: 'getOrCreate' }, { view: false });
  await hub.dispatch(host, 'livestream', 'measured', { type: 'goLive' }, { view: false });
  const times: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const start = performance.now();
    await hub.dispatch({ id: `viewer-${i}` }, 'livestream', 'measured', { type: 'join' }, { view: false });
    times.push(performance.now() - start);
  }
  hub.close();
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
