import { createManualClock, createMemoryBackend, StageKitError } from '../../src/core/index.js';

const START = '2030-01-01T00:00:00.000Z';

async function refusal(promise: Promise<unknown>): Promise<StageKitError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StageKitError);
  return error as StageKitError;
}

describe('StageKitError', () => {
  it('is an Error with a name, a code and the details, and survives the trip through JSON', () => {
    const error = new StageKitError('NOT_YET_OPEN', 'not yet', { opensAt: START });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('StageKitError');
    expect(error.toJSON()).toEqual({ code: 'NOT_YET_OPEN', message: 'not yet', opensAt: START });

    const copy = StageKitError.fromJSON(JSON.parse(JSON.stringify(error)));
    expect(copy).toBeInstanceOf(StageKitError);
    expect(copy).toMatchObject({ code: 'NOT_YET_OPEN', message: 'not yet', opensAt: START });
  });

  it('keeps the missing capability and the bad fields through JSON', () => {
    const forbidden = StageKitError.fromJSON(new StageKitError('FORBIDDEN', 'no', { capability: 'end-call' }).toJSON());
    expect(forbidden.capability).toBe('end-call');
    const invalid = StageKitError.fromJSON(
      new StageKitError('INVALID_INPUT', 'bad', { fields: [{ path: 'input.x', message: 'is not a known field' }] }).toJSON(),
    );
    expect(invalid.fields).toEqual([{ path: 'input.x', message: 'is not a known field' }]);
  });
});

describe('refusals from the memory backend', () => {
  it('names every bad field of a call’s creation data, unknown fields included, and creates nothing', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const alice = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');

    const error = await refusal(
      alice.getOrCreate({
        data: {
          starts_at: 'next tuesday',
          custom: 5,
          color: 'red',
          settings_override: { backstage: { join_ahead_time_seconds: 1.5 }, lights: {} },
        },
      } as never),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fields!.map((f) => f.path).sort()).toEqual([
      'input.data.color',
      'input.data.custom',
      'input.data.settings_override.backstage.join_ahead_time_seconds',
      'input.data.settings_override.lights',
      'input.data.starts_at',
    ]);
    expect(error.fields!.find((f) => f.path === 'input.data.color')!.message).toBe('is not a known field');
    expect(error.message).toContain('input.data.starts_at');
    expect(backend.inspect('livestream', 'show')).toBeUndefined();
  });

  it('rejects bad input before checking capabilities, and changes nothing', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate();
    const before = backend.inspect('livestream', 'show');

    const error = await refusal(viewer.goLive({ start_hls: 'yes', start_everything: true } as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fields!.map((f) => f.path).sort()).toEqual(['input.start_everything', 'input.start_hls']);
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });

  it('names the bad fields of stopLive, update and updateCallMembers', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.getOrCreate();
    await host.goLive();
    const before = backend.inspect('livestream', 'show');

    expect((await refusal(host.stopLive({ continue_hls: 1 } as never))).fields).toEqual([
      { path: 'input.continue_hls', message: 'must be true or false' },
    ]);
    expect((await refusal(host.update({ title: 'x', starts_at: 'soon' } as never))).fields!.map((f) => f.path).sort()).toEqual([
      'input.starts_at',
      'input.title',
    ]);
    expect(
      (
        await refusal(
          host.updateCallMembers({ update_members: [{ user_id: 'bob', role: 'a role with spaces' }], remove_members: [''] }),
        )
      ).fields!.map((f) => f.path),
    ).toEqual(['input.update_members.0.role', 'input.remove_members.0']);
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });

  it('names a bad user id list of a bulk stage action', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.join({ create: true });
    const before = backend.inspect('livestream', 'show');

    expect((await refusal(host.stage.grantAccess([]))).fields).toEqual([{ path: 'user_ids', message: 'must name at least one user' }]);
    expect((await refusal(host.stage.kick(['bob', 'not an id!']))).fields!.map((f) => f.path)).toEqual(['user_ids.1']);
    expect((await refusal(host.stage.denyAccess('bob' as never))).code).toBe('INVALID_INPUT');
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });

  it('refuses a bad call id and a bad user at the boundary', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });

    const error = await refusal(backend.client({ user: { id: 'alice' } }).call('livestream', 'no spaces').getOrCreate());
    expect(error).toMatchObject({ code: 'INVALID_INPUT', fields: [expect.objectContaining({ path: 'call.id' })] });
    expect(() => backend.client({ user: { id: '', role: 'x y' } })).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        fields: [expect.objectContaining({ path: 'user.id' }), expect.objectContaining({ path: 'user.role' })],
      }),
    );
  });

  it('lets only an admin create a call on someone else’s behalf', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'a');
    const admin = backend.client({ user: { id: 'root', role: 'admin' } }).call('livestream', 'b');

    const error = await refusal(bob.getOrCreate({ data: { created_by_id: 'alice' } }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'input.data.created_by_id' }] });
    expect(backend.inspect('livestream', 'a')).toBeUndefined();

    await admin.getOrCreate({ data: { created_by_id: 'alice' } });
    expect(backend.inspect('livestream', 'b')).toMatchObject({ created_by: 'alice', members: { alice: { role: 'host' } } });
  });

  it('answers NOT_FOUND for a call that does not exist, and FORBIDDEN without read-call', async () => {
    const backend = createMemoryBackend({
      clock: createManualClock(START),
      callTypes: { livestream: { grants: { user: ['join-call'] } } },
    });
    const admin = backend.client({ user: { id: 'root', role: 'admin' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');

    expect((await refusal(bob.get())).code).toBe('NOT_FOUND');
    expect((await refusal(bob.stage.requestAccess())).code).toBe('NOT_FOUND');
    await admin.getOrCreate();
    expect(await refusal(bob.get())).toMatchObject({ code: 'FORBIDDEN', capability: 'read-call' });
    expect(await refusal(bob.getOrCreate())).toMatchObject({ code: 'FORBIDDEN', capability: 'read-call' });
    expect(bob.getState().call).toBeNull();
  });

  it('leaves every client’s view untouched by a refused action', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({ create: true });
    await viewer.get();
    const hostState = host.getState();
    const viewerState = viewer.getState();

    await refusal(viewer.join());
    await refusal(viewer.goLive());
    await refusal(host.stopLive());
    await refusal(host.stage.leave());
    await refusal(host.stage.grantAccess(['bob', '']));

    expect(host.getState()).toBe(hostState);
    expect(viewer.getState()).toBe(viewerState);
  });
});
