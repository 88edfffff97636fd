import { createManualClock, createMemoryBackend, StageKitError } from '../../src/core/index.js';

const START = '2030-01-01T00:00:00.000Z';
const T0 = Date.parse(START);

describe('call types and per-call settings', () => {
  it('gives the built-in types their backstage settings', () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    expect(backend.getCallType('default')!.settings.backstage.enabled).toBe(false);
    expect(backend.getCallType('livestream')!.settings.backstage.enabled).toBe(true);
    expect(backend.getCallType('audio_room')!.settings.backstage.enabled).toBe(true);
    expect(backend.getCallType('development')!.settings.backstage.enabled).toBe(false);
    expect(backend.getCallType('nope')).toBeUndefined();
  });

  it('lets everyone do everything on a development call', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const alice = backend.client({ user: { id: 'alice' } }).call('development', 'dev');
    const bob = backend.client({ user: { id: 'bob' } }).call('development', 'dev');
    await alice.join({ create: true });
    await bob.join();

    expect(bob.getState().call!.own_capabilities).toContain('end-call');
    await bob.stage.grantAccess(['alice']);
    await bob.endCall();
    expect(backend.inspect('development', 'dev')!.ended_at).not.toBeNull();
  });

  it('refuses a call type that does not exist with NOT_FOUND', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const alice = backend.client({ user: { id: 'alice' } }).call('nope', 'x');

    await expect(alice.getOrCreate()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lays a call’s settings_override over its type and reports the effective settings', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.getOrCreate({
      data: { settings_override: { backstage: { join_ahead_time_seconds: 120 }, audio: { mic_default_on: false } } },
    });

    const call = backend.inspect('livestream', 'show')!;
    expect(call.settings_override).toEqual({ backstage: { join_ahead_time_seconds: 120 }, audio: { mic_default_on: false } });
    expect(call.settings.backstage).toEqual({ enabled: true, join_ahead_time_seconds: 120 });
    expect(call.settings.audio.mic_default_on).toBe(false);
    expect(call.settings.video.camera_default_on).toBe(true);
    expect(host.getState().call!.settings).toEqual(call.settings);
  });

  it('keeps earlier override fields when a later update overrides others', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.getOrCreate({ data: { settings_override: { backstage: { join_ahead_time_seconds: 120 } } } });

    await host.update({ settings_override: { video: { camera_default_on: false } } });
    expect(backend.inspect('livestream', 'show')!.settings).toMatchObject({
      backstage: { enabled: true, join_ahead_time_seconds: 120 },
      video: { camera_default_on: false },
    });
  });

  it('makes calls without an override follow a changed call type at once, and calls with one keep it', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'plain');
    const pinnedHost = backend.client({ user: { id: 'alice' } }).call('livestream', 'pinned');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'plain');
    const pinnedViewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'pinned');
    await host.getOrCreate({ data: { starts_at: new Date(T0 + 500_000) } });
    await pinnedHost.getOrCreate({
      data: { starts_at: new Date(T0 + 500_000), settings_override: { backstage: { join_ahead_time_seconds: 0 } } },
    });
    clock.advance(300_000);
    await expect(viewer.join()).rejects.toMatchObject({ code: 'NOT_YET_OPEN' });

    backend.updateCallType('livestream', { settings: { backstage: { join_ahead_time_seconds: 300 } } });
    expect(backend.inspect('livestream', 'plain')!.settings.backstage.join_ahead_time_seconds).toBe(300);
    expect(host.getState().call!.settings.backstage.join_ahead_time_seconds).toBe(300);
    expect(backend.inspect('livestream', 'pinned')!.settings.backstage.join_ahead_time_seconds).toBe(0);

    await viewer.join();
    await expect(pinnedViewer.join()).rejects.toMatchObject({ code: 'NOT_YET_OPEN' });
    expect(backend.inspect('livestream', 'plain')!.participants.get('bob')).toBeDefined();
  });

  it('follows a call type that turns backstage off, admitting viewers to a call that was in backstage', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate();
    await expect(viewer.join()).rejects.toMatchObject({ code: 'NOT_YET_OPEN' });

    backend.updateCallType('livestream', { settings: { backstage: { enabled: false } } });
    await viewer.join();
    expect(backend.inspect('livestream', 'show')!.participants.get('bob')).toBeDefined();
  });

  it('applies changed grants to calls at once: a user who may now join the stage rests at ACCEPTED', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await viewer.join();
    await viewer.stage.requestAccess();

    backend.updateCallType('livestream', {
      grants: { user: ['create-call', 'read-call', 'join-call', 'request-stage', 'join-stage'] },
    });
    const call = backend.inspect('livestream', 'show')!;
    expect(call.stage.get('bob')).toBe('ACCEPTED_TO_JOIN_STAGE');
    expect(call.stage_requests.toArray()).toEqual([]);
    expect(viewer.getState().call!.own_capabilities).toContain('join-stage');
    expect(viewer.getState().call!.stage.bob).toBe('ACCEPTED_TO_JOIN_STAGE');
    expect(host.getState().call!.stage_requests).toEqual([]);
  });

  it('drops a pending request when the user loses request-stage', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await viewer.join();
    await viewer.stage.requestAccess();

    backend.updateCallType('livestream', { grants: { user: ['create-call', 'read-call', 'join-call'] } });
    expect(backend.inspect('livestream', 'show')!.stage.get('bob')).toBeUndefined();
    expect(backend.inspect('livestream', 'show')!.stage_requests.toArray()).toEqual([]);
    expect(viewer.getState().call!.own_capabilities).not.toContain('request-stage');
    expect(viewer.getState().call!.stage.bob).toBeUndefined();
  });

  it('removes from a backstage call a host whose role loses join-backstage', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.join({ create: true });

    backend.updateCallType('livestream', { grants: { host: ['read-call', 'join-call', 'update-call'] } });
    expect(backend.inspect('livestream', 'show')!.participants.size).toBe(0);
    expect(host.getState().call!.participants).toEqual({});
    await expect(host.join()).rejects.toMatchObject({ code: 'NOT_YET_OPEN' });
  });

  it('refuses a bad call type patch with INVALID_INPUT and an unknown type with NOT_FOUND, changing nothing', () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const before = backend.getCallType('livestream');

    let refusal: unknown;
    try {
      backend.updateCallType('livestream', { grants: { user: ['fly'] } } as never);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(StageKitError);
    expect(refusal).toMatchObject({ code: 'INVALID_INPUT', fields: [expect.objectContaining({ path: 'input.grants.user.0' })] });
    expect(() => backend.updateCallType('nope', { settings: {} })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(backend.getCallType('livestream')).toBe(before);
  });

  it('adds a custom call type through the backend options', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({
      clock,
      callTypes: {
        webinar: {
          settings: { backstage: { enabled: true, join_ahead_time_seconds: 60 } },
          grants: { user: ['read-call', 'join-call'], host: ['read-call', 'join-call', 'join-backstage', 'update-call'], admin: ['create-call', 'read-call'] },
        },
      },
    });
    const admin = backend.client({ user: { id: 'root', role: 'admin' } }).call('webinar', 'w1');
    const viewer = backend.client({ user: { id: 'bob' } }).call('webinar', 'w1');
    await admin.getOrCreate({ data: { starts_at: new Date(T0 + 120_000) } });

    await expect(viewer.join()).rejects.toMatchObject({ code: 'NOT_YET_OPEN', opensAt: new Date(T0 + 60_000).toISOString() });
    clock.advance(60_000);
    await viewer.join();
    expect(backend.inspect('webinar', 'w1')!.participants.get('bob')).toBeDefined();
  });
});

describe('updating a call', () => {
  it('needs update-call for custom and starts_at, and update-call-settings for the override', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({
      clock,
      callTypes: { livestream: { grants: { editor: ['read-call', 'update-call'] } } },
    });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const editor = backend.client({ user: { id: 'ed' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate({ data: { members: [{ user_id: 'ed', role: 'editor' }] } });

    await expect(viewer.update({ custom: { title: 'x' } })).rejects.toMatchObject({ code: 'FORBIDDEN', capability: 'update-call' });
    const before = backend.inspect('livestream', 'show');
    await expect(
      editor.update({ custom: { title: 'x' }, settings_override: { audio: { mic_default_on: false } } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', capability: 'update-call-settings' });
    expect(backend.inspect('livestream', 'show')).toBe(before);

    await editor.update({ custom: { title: 'Launch' }, starts_at: '2030-01-02T00:00:00Z' });
    expect(backend.inspect('livestream', 'show')).toMatchObject({
      custom: { title: 'Launch' },
      starts_at: '2030-01-02T00:00:00.000Z',
    });
    expect(viewer.getState().call).toBeNull();
    await viewer.get();
    expect(viewer.getState().call).toMatchObject({ custom: { title: 'Launch' }, starts_at: '2030-01-02T00:00:00.000Z' });
  });

  it('removes the join-ahead viewers when a new schedule closes the doors again', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({
      create: true,
      data: { starts_at: new Date(T0 + 500_000), settings_override: { backstage: { join_ahead_time_seconds: 300 } } },
    });
    clock.advance(200_000);
    await viewer.join();

    await host.update({ starts_at: new Date(T0 + 5_000_000) });
    expect([...backend.inspect('livestream', 'show')!.participants.keys()]).toEqual(['alice']);
    expect(viewer.getState().call!.participants.bob).toBeUndefined();
  });
});

describe('members and roles', () => {
  it('makes the creator the host unless the members list says otherwise', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const alice = backend.client({ user: { id: 'alice' } }).call('livestream', 'a');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'b');
    await alice.getOrCreate();
    await bob.getOrCreate({ data: { members: [{ user_id: 'bob', role: 'call_member' }, { user_id: 'carol' }] } });

    expect(backend.inspect('livestream', 'a')!.members.alice!.role).toBe('host');
    expect(backend.inspect('livestream', 'b')!.members.bob!.role).toBe('call_member');
    expect(backend.inspect('livestream', 'b')!.members.carol!.role).toBe('call_member');
    expect(bob.getState().call!.own_capabilities).not.toContain('join-backstage');
  });

  it('derives capabilities from the global role plus the member role', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const admin = backend.client({ user: { id: 'root', role: 'admin' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate();
    await admin.get();
    await viewer.get();

    expect(viewer.getState().call!.own_capabilities).toEqual(['create-call', 'read-call', 'join-call', 'request-stage']);
    expect(admin.getState().call!.own_capabilities).toContain('join-ended-call');
    expect(host.getState().call!.own_capabilities).toContain('manage-stage');
    expect(host.getState().call!.own_capabilities).not.toContain('join-ended-call');
  });

  it('gives a viewer made host in the call the host’s capabilities, stage status and view', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    const carol = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await bob.join();
    await carol.join();
    await bob.stage.requestAccess();
    await carol.stage.requestAccess();
    expect(bob.getState().call!.stage_requests).toEqual([]);

    await host.updateCallMembers({ update_members: [{ user_id: 'bob', role: 'host' }] });
    const call = backend.inspect('livestream', 'show')!;
    expect(call.members.bob!.role).toBe('host');
    expect(call.stage.get('bob')).toBe('ACCEPTED_TO_JOIN_STAGE');
    expect(call.stage_requests.toArray().map((r) => r.user_id)).toEqual(['carol']);
    expect(bob.getState().call!.own_capabilities).toContain('manage-stage');
    expect(bob.getState().call!.stage_requests.map((r) => r.user_id)).toEqual(['carol']);
    expect(bob.getState().call!.stage.carol).toBe('REQUESTED_TO_JOIN_STAGE');

    await bob.stage.grantAccess(['carol']);
    expect(backend.inspect('livestream', 'show')!.stage.get('carol')).toBe('ACCEPTED_TO_JOIN_STAGE');
  });

  it('removes from a backstage call a co-host whose member role is taken away', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const carol = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    await host.getOrCreate({ data: { members: [{ user_id: 'carol', role: 'host' }] } });
    await host.join();
    await carol.join();
    await carol.stage.join();

    await host.updateCallMembers({ remove_members: ['carol'] });
    const call = backend.inspect('livestream', 'show')!;
    expect(call.members.carol).toBeUndefined();
    expect(call.participants.get('carol')).toBeUndefined();
    expect(call.stage.get('carol')).toBeUndefined();
    expect(carol.getState().call!.own_capabilities).not.toContain('join-backstage');
    expect(carol.getState().call!.participants.carol).toBeUndefined();
  });

  it('keeps a demoted co-host in a live call but takes the stage management away', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const carol = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    await host.getOrCreate({ data: { members: [{ user_id: 'carol', role: 'host' }] } });
    await host.goLive();
    await carol.join();

    await host.updateCallMembers({ update_members: [{ user_id: 'carol', role: 'call_member' }] });
    expect(backend.inspect('livestream', 'show')!.participants.get('carol')).toBeDefined();
    await expect(carol.stage.grantAccess(['alice'])).rejects.toMatchObject({ code: 'FORBIDDEN', capability: 'manage-stage' });
  });

  it('needs update-call-member and remove-call-member to change members', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate();
    const before = backend.inspect('livestream', 'show');

    await expect(bob.updateCallMembers({ update_members: [{ user_id: 'bob', role: 'host' }] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      capability: 'update-call-member',
    });
    await expect(bob.updateCallMembers({ remove_members: ['alice'] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      capability: 'remove-call-member',
    });
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });
});

describe('createMemoryBackend callTypes option', () => {
  it('adds a custom call type, and rejects a bad one naming the field', () => {
    const backend = createMemoryBackend({
      callTypes: { town_hall: { settings: { backstage: { enabled: true, join_ahead_time_seconds: 60 } }, grants: { user: ['read-call'] } } },
    });
    expect(backend.getCallType('town_hall')?.settings.backstage).toEqual({ enabled: true, join_ahead_time_seconds: 60 });
    expect(backend.getCallType('town_hall')?.grants.user).toEqual(['read-call']);
    expect(() => createMemoryBackend({ callTypes: { town_hall: { grants: { user: ['fly' as never] } } } })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', fields: [expect.objectContaining({ path: 'callTypes.town_hall.grants.user.0' })] }),
    );
  });
});
