import { createManualClock, createMemoryBackend, type Call, type CallEvent } from '../../src/core/index.js';

// A crowd is counted, not copied: viewers are shown themselves, the members and the stage, and
// told the counts; small rooms list everyone, up to their limit.

const START = '2030-01-01T00:00:00Z';

function backend(countsIntervalMs = 0) {
  return createMemoryBackend({ clock: createManualClock(START), countsIntervalMs });
}

async function liveShow(memory: ReturnType<typeof backend>, id = 'show'): Promise<Call> {
  const host = memory.client({ user: { id: 'hana', name: 'Hana' } }).call('livestream', id);
  await host.join({ create: true });
  await host.goLive();
  return host;
}

function recorder(call: Call): CallEvent[] {
  const seen: CallEvent[] = [];
  call.on('*', (event) => seen.push(event));
  return seen;
}

describe('a livestream audience', () => {
  it('shows a viewer themselves, the members and the stage, and counts everyone', async () => {
    const memory = backend();
    const host = await liveShow(memory);
    const viewers = [];
    for (let i = 0; i < 20; i += 1) {
      const viewer = memory.client({ user: { id: `v${i}`, name: `Viewer ${i}` } }).call('livestream', 'show');
      await viewer.join();
      viewers.push(viewer);
    }
    const last = viewers[19]!.getState().call!;
    expect(Object.keys(last.participants).sort()).toEqual(['hana', 'v19']);
    expect(last).toMatchObject({ participant_count: 21, participants_count_by_role: { host: 1, user: 20 }, listing: 'counts' });
    // The host is shown no more of the crowd than a viewer is: counts, and the query.
    expect(Object.keys(host.getState().call!.participants)).toEqual(['hana']);
    expect(host.getState().call!.participant_count).toBe(21);
  });

  it('tells a viewer nothing of another viewer joining or leaving, only the counts', async () => {
    const memory = backend();
    await liveShow(memory);
    const first = memory.client({ user: { id: 'first' } }).call('livestream', 'show');
    await first.join();
    const seen = recorder(first);
    const other = memory.client({ user: { id: 'other' } }).call('livestream', 'show');
    await other.join();
    await other.leave();
    expect(seen.map((event) => event.type)).toEqual(['call.counts_updated', 'call.counts_updated']);
    expect(first.getState().call).toMatchObject({ participant_count: 2 });
  });

  it('lists a viewer to everyone while they are on stage, and no longer once they leave it', async () => {
    const memory = backend();
    const host = await liveShow(memory);
    const watcher = memory.client({ user: { id: 'watcher' } }).call('livestream', 'show');
    await watcher.join();
    const guest = memory.client({ user: { id: 'guest', name: 'Guest' } }).call('livestream', 'show');
    await guest.join();
    await host.stage.grantAccess(['guest']);
    await guest.stage.join();
    expect(watcher.getState().call!.participants.guest).toMatchObject({ name: 'Guest' });
    expect(watcher.getState().call!.stage.guest).toBe('ON_STAGE');
    await guest.stage.leave();
    expect(watcher.getState().call!.participants.guest).toBeUndefined();
    await host.stage.grantAccess(['guest']);
    await guest.stage.join();
    await host.stage.kick(['guest']);
    expect(watcher.getState().call!.participants.guest).toBeUndefined();
    expect(guest.getState().call!.participants.guest).toBeDefined();
  });

  it('lists members to everyone, from the moment they become members', async () => {
    const memory = backend();
    const host = await liveShow(memory);
    const watcher = memory.client({ user: { id: 'watcher' } }).call('livestream', 'show');
    await watcher.join();
    const speaker = memory.client({ user: { id: 'speaker' } }).call('livestream', 'show');
    await speaker.join();
    await host.updateCallMembers({ update_members: [{ user_id: 'speaker', role: 'call_member' }] });
    expect(Object.keys(watcher.getState().call!.participants).sort()).toEqual(['hana', 'speaker', 'watcher']);
    expect(watcher.getState().call!.participants_count_by_role).toEqual({ host: 1, user: 1, call_member: 1 });
    await host.updateCallMembers({ remove_members: ['speaker'] });
    expect(Object.keys(watcher.getState().call!.participants).sort()).toEqual(['hana', 'watcher']);
  });

  it('tells the counts once for a burst of joins, after the interval', async () => {
    vi.useFakeTimers();
    try {
      const memory = backend(250);
      await liveShow(memory);
      const watcher = memory.client({ user: { id: 'watcher' } }).call('livestream', 'show');
      await watcher.join();
      vi.advanceTimersByTime(250);
      const seen = recorder(watcher);
      for (let i = 0; i < 50; i += 1) await memory.client({ user: { id: `v${i}` } }).call('livestream', 'show').join();
      expect(seen).toEqual([]);
      vi.advanceTimersByTime(250);
      expect(seen.map((event) => event.type)).toEqual(['call.counts_updated']);
      expect(watcher.getState().call!.participant_count).toBe(52);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells each viewer of their own removal when the call stops live, and managers of all', async () => {
    const memory = backend();
    const host = await liveShow(memory);
    const bob = memory.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await bob.join();
    await bob.stage.requestAccess();
    const carl = memory.client({ user: { id: 'carl' } }).call('livestream', 'show');
    await carl.join();
    await host.stopLive();
    expect(bob.getState().call!.participants.bob).toBeUndefined();
    expect(carl.getState().call!.participants.carl).toBeUndefined();
    expect(host.getState().call!.stage_requests).toEqual([]);
    expect(host.getState().call).toMatchObject({ participant_count: 1, participants_count_by_role: { host: 1 } });
  });
});

describe('a meeting', () => {
  it('lists everyone to everyone up to its limit, then counts, and lists again below 80 % of it', async () => {
    const memory = createMemoryBackend({ clock: createManualClock(START), countsIntervalMs: 0 });
    const host = memory.client({ user: { id: 'hana' } }).call('default', 'room');
    await host.join({ create: true, data: { settings_override: { audience: { list_all_up_to: 5 } } } });
    const guests: Call[] = [];
    for (let i = 0; i < 4; i += 1) {
      const guest = memory.client({ user: { id: `g${i}` } }).call('default', 'room');
      await guest.join();
      guests.push(guest);
    }
    expect(guests[0]!.getState().call).toMatchObject({ listing: 'all', participant_count: 5 });
    expect(Object.keys(guests[0]!.getState().call!.participants)).toHaveLength(5);

    // The sixth takes the room past its limit: everyone gets a whole view, with counts only.
    const seen = recorder(guests[0]!);
    const sixth = memory.client({ user: { id: 'g4' } }).call('default', 'room');
    await sixth.join();
    expect(seen.map((event) => event.type)).toContain('call.state');
    expect(guests[0]!.getState().call).toMatchObject({ listing: 'counts', participant_count: 6 });
    expect(Object.keys(guests[0]!.getState().call!.participants).sort()).toEqual(['g0', 'hana']);

    // Down to 5 it still counts (no flapping at the limit); at 4 (80 %) everyone is listed again.
    await sixth.leave();
    expect(guests[0]!.getState().call!.listing).toBe('counts');
    await guests[3]!.leave();
    expect(guests[0]!.getState().call).toMatchObject({ listing: 'all', participant_count: 4 });
    expect(Object.keys(guests[0]!.getState().call!.participants).sort()).toEqual(['g0', 'g1', 'g2', 'hana']);
  });
});

describe('finding someone in the audience', () => {
  it('pages through the audience by name, searched by name or id, for managers only', async () => {
    const memory = backend();
    const host = await liveShow(memory);
    const names = ['Zoe', 'adam', 'Bea', 'Carl', 'bert', 'Anna'];
    for (const [i, name] of names.entries()) await memory.client({ user: { id: `u${i}`, name } }).call('livestream', 'show').join();

    const first = await host.queryAudience({ limit: 3 });
    expect(first.participants.map((p) => p.name)).toEqual(['adam', 'Anna', 'Bea']);
    expect(first.total).toBe(7);
    const second = await host.queryAudience({ limit: 3, after: first.next! });
    expect(second.participants.map((p) => p.name)).toEqual(['bert', 'Carl', 'Hana']);
    const third = await host.queryAudience({ limit: 3, after: second.next! });
    expect(third).toMatchObject({ participants: [{ name: 'Zoe' }], next: null });

    const found = await host.queryAudience({ q: 'BE' });
    expect(found.participants.map((p) => p.name)).toEqual(['Bea', 'bert']);
    expect((await host.queryAudience({ q: 'u5' })).participants.map((p) => p.name)).toEqual(['Anna']);

    const viewer = memory.client({ user: { id: 'nosy' } }).call('livestream', 'show');
    await viewer.join();
    await expect(viewer.queryAudience()).rejects.toMatchObject({ code: 'FORBIDDEN', capability: 'manage-stage' });
    await expect(host.queryAudience({ limit: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'input.limit' }] });
  });
});

describe('a crowd in memory', () => {
  it('fills a call with 10,000 participants while each of them watches it', async () => {
    const memory = backend(250);
    const host = await liveShow(memory, 'crowd');
    const calls: Call[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      const call = memory.client({ user: { id: `v${i}` } }).call('livestream', 'crowd');
      await call.join();
      calls.push(call);
    }
    expect(memory.inspect('livestream', 'crowd')!.participants.size).toBe(10_001);
    // Each viewer's view holds the host and themselves, however large the crowd.
    expect(Object.keys(calls[9_999]!.getState().call!.participants).sort()).toEqual(['hana', 'v9999']);
    expect(Object.keys(host.getState().call!.participants)).toEqual(['hana']);
  }, 60_000);
});
