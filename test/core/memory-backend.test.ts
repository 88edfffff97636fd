import { createManualClock, createMemoryBackend, StageKitError, viewOf } from '../../src/core/index.js';

const START = '2030-01-01T00:00:00.000Z';

function withoutSeq<T extends { seq: number } | null | undefined>(view: T) {
  if (!view) return view;
  const { seq: _seq, ...rest } = view;
  return rest;
}

describe('memory backend delivery', () => {
  it('keeps every store in step when a store listener acts while a batch is being delivered', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const alice = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const carol = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await alice.getOrCreate({ data: { members: [{ user_id: 'carol', role: 'host' }] } });
    // Bob watches before carol, so his listener runs before carol has the batch that moved him.
    await bob.get();
    await alice.join();
    await carol.join();
    await alice.goLive();
    await bob.join();
    // Bob steps on stage the moment he is accepted, from inside his store's listener.
    bob.subscribe((state) => {
      if (state.call?.stage.bob === 'ACCEPTED_TO_JOIN_STAGE') void bob.stage.join();
    });
    await bob.stage.requestAccess();
    await alice.stage.grantAccess(['bob']);

    const record = backend.inspect('livestream', 'show')!;
    expect(record.stage.get('bob')).toBe('ON_STAGE');
    expect(record.stage_requests.toArray()).toEqual([]);
    for (const [call, user] of [
      [alice, { id: 'alice' }],
      [carol, { id: 'carol' }],
      [bob, { id: 'bob' }],
    ] as const) {
      expect(withoutSeq(call.getState().call)).toEqual(withoutSeq(viewOf(record, backend.getCallType('livestream')!, user)));
    }
  });

  it('does not hand a call to a user without read-call through an action that succeeds', async () => {
    const backend = createMemoryBackend({
      clock: createManualClock(START),
      callTypes: { locked: { grants: { user: ['join-call'], host: ['read-call', 'join-call', 'create-call', 'update-call'] } } },
    });
    const owner = backend.client({ user: { id: 'owner', role: 'host' } }).call('locked', 'secret');
    await owner.getOrCreate({ data: { custom: { plan: 'top secret' } } });
    const eve = backend.client({ user: { id: 'eve' } }).call('locked', 'secret');
    await expect(eve.get()).rejects.toMatchObject({ code: 'FORBIDDEN', capability: 'read-call' });
    await eve.leave();
    expect(eve.getState().call).toBeNull();
  });
});

describe('input limits', () => {
  it('rejects an update that changes nothing, naming the input', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const host = backend.client({ user: { id: 'host' } }).call('livestream', 'show');
    await host.getOrCreate();
    const seq = backend.inspect('livestream', 'show')!.seq;
    await expect(host.update({})).rejects.toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'input' }] });
    await expect(host.updateCallMembers({})).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(backend.inspect('livestream', 'show')!.seq).toBe(seq);
  });

  it('rejects custom data too large to send with every event, and changes nothing', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const host = backend.client({ user: { id: 'host' } }).call('livestream', 'show');
    await host.getOrCreate({ data: { custom: { title: 'Launch' } } });
    const error = await host.update({ custom: { blob: 'x'.repeat(20_000) } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StageKitError);
    expect((error as StageKitError).fields?.[0]).toMatchObject({ path: 'input.custom', message: expect.stringMatching(/16384 characters/) });
    expect(backend.inspect('livestream', 'show')!.custom).toEqual({ title: 'Launch' });
  });
});

describe('someone who may no longer watch', () => {
  async function room() {
    const backend = createMemoryBackend({ clock: createManualClock(START), countsIntervalMs: 0 });
    const host = backend.client({ user: { id: 'hana', teams: ['blue'] } }).call('default', 'room');
    const bo = backend.client({ user: { id: 'bo' } }).call('default', 'room');
    await host.join({ create: true });
    await bo.join();
    return { backend, host, bo };
  }

  it('leaves the call and stops following it when a team they are not in is set mid-call', async () => {
    const { backend, host, bo } = await room();
    await host.update({ team: 'blue' });
    expect(backend.inspect('default', 'room')!.participants.has('bo')).toBe(false);
    expect(host.getState().call?.participant_count).toBe(1);
    expect(bo.getState().connection).toBe('disconnected');
  });

  it('stops following the call once blocked, as the server stops their stream', async () => {
    const { backend, host, bo } = await room();
    await host.blockUser('bo');
    expect(backend.inspect('default', 'room')!.participants.has('bo')).toBe(false);
    expect(bo.getState().connection).toBe('disconnected');
  });
});
