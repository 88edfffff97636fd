import { builtInCallTypes, createManualClock, createMemoryBackend, executeCall, type CallRecord } from '../../src/core/index.js';

// The in-process halves of the audience bench: a host searching a large audience, and the memory
// backend holding a crowd in which every participant watches the call.

const START = '2030-01-01T00:00:00Z';

/** A live livestream with `size` viewers in it, built by the engine one join at a time. */
export function crowdCall(size: number): CallRecord {
  const type = builtInCallTypes().get('livestream')!;
  const now = Date.parse(START);
  const host = { id: 'host', name: 'Hana Host' };
  let call = executeCall(type, null, { type: 'livestream', id: 'big', actor: host, command: { type: 'join', input: { create: true } } }, now).after!;
  call = executeCall(type, call, { type: 'livestream', id: 'big', actor: host, command: { type: 'goLive' } }, now).after!;
  for (let i = 0; i < size; i += 1) {
    const actor = { id: `viewer-${i}`, name: `Viewer ${i}` };
    call = executeCall(type, call, { type: 'livestream', id: 'big', actor, command: { type: 'join' } }, now).after!;
  }
  return call;
}

/** Median time of a host's audience query on `call`, over a spread of searches. */
export function searchTimes(call: CallRecord, runs: number): { firstPageMs: number; searchMs: number; total: number } {
  const type = builtInCallTypes().get('livestream')!;
  const query = (input: Record<string, unknown>) => {
    const start = performance.now();
    const { result } = executeCall(type, call, { type: 'livestream', id: 'big', actor: { id: 'host' }, command: { type: 'audience.query', input } }, Date.parse(START));
    return { ms: performance.now() - start, total: (result as { total: number }).total };
  };
  const first: number[] = [];
  const search: number[] = [];
  let total = 0;
  for (let i = 0; i < runs; i += 1) {
    first.push(query({ limit: 50 }).ms);
    const found = query({ q: `viewer ${(i * 7919) % 5000}`, limit: 50 });
    search.push(found.ms);
    total = Math.max(total, found.total);
  }
  return { firstPageMs: median(first), searchMs: median(search), total };
}

/** How long the memory backend takes to fill a call with `size` participants, each watching it. */
export async function fillMemory(size: number): Promise<{ ms: number; participants: number; viewKeys: number }> {
  const backend = createMemoryBackend({ clock: createManualClock(START) });
  const host = backend.client({ user: { id: 'host' } }).call('livestream', 'crowd');
  await host.join({ create: true });
  await host.goLive();
  const start = performance.now();
  let last = host;
  for (let i = 0; i < size; i += 1) {
    last = backend.client({ user: { id: `viewer-${i}` } }).call('livestream', 'crowd');
    await last.join();
  }
  const ms = performance.now() - start;
  return { ms, participants: backend.inspect('livestream', 'crowd')!.participants.size, viewKeys: Object.keys(last.getState().call!.participants).length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
