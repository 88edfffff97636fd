import { createManualClock, createMemoryBackend, type CallEvent } from '../../src/core/index.js';

const START = '2030-01-01T00:00:00.000Z';

async function liveShow() {
  const clock = createManualClock(START);
  const backend = createMemoryBackend({ clock });
  const host = backend.client({ user: { id: 'alice', name: 'Alice' } }).call('livestream', 'show');
  const cohost = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
  const bob = backend.client({ user: { id: 'bob', name: 'Bob' } }).call('livestream', 'show');
  const dan = backend.client({ user: { id: 'dan' } }).call('livestream', 'show');
  await host.join({ create: true, data: { members: [{ user_id: 'carol', role: 'host' }] } });
  await host.goLive();
  await cohost.join();
  await bob.join();
  await dan.join();
  return { backend, host, cohost, bob, dan };
}

function record(call: { on(type: '*', listener: (event: CallEvent) => void): () => void }) {
  const seen: CallEvent[] = [];
  call.on('*', (event) => seen.push(event));
  return seen;
}

describe('invitations', () => {
  it('tells an invitation from an approval, to the user and to managers, and not to other viewers', async () => {
    const { host, bob, dan } = await liveShow();
    await host.stage.grantAccess(['bob']);
    await dan.stage.requestAccess();
    await host.stage.grantAccess(['dan']);

    expect(bob.getState().call!.stage_invited).toEqual({ bob: true });
    expect(dan.getState().call!.stage_invited).toEqual({});
    expect(host.getState().call!.stage_invited).toEqual({ bob: true });
    expect(dan.getState().call!.stage.bob).toBeUndefined();
  });

  it('lets the invited user decline: back to OFF_STAGE, and managers hear whether it was an invitation', async () => {
    const { host, cohost, bob, dan } = await liveShow();
    await host.stage.grantAccess(['bob']);
    const hostSees = record(host);
    const cohostSees = record(cohost);
    const danSees = record(dan);

    expect(await bob.stage.declineInvitation()).toEqual({ status: 'OFF_STAGE' });
    expect(bob.getState().call!.stage.bob).toBeUndefined();
    expect(bob.getState().call!.stage_invited).toEqual({});
    expect(host.getState().call!.stage_invited).toEqual({});
    expect(hostSees.map((e) => e.type)).toEqual(['stageStatusUpdate', 'stageInvitationDeclined']);
    expect(hostSees[1]).toMatchObject({ user_id: 'bob', invited: true });
    expect(cohostSees.map((e) => e.type)).toEqual(['stageStatusUpdate', 'stageInvitationDeclined']);
    expect(danSees).toEqual([]);
  });

  it('treats cancelRequestAccess on an approval as the same decline, with invited false', async () => {
    const { host, bob } = await liveShow();
    await bob.stage.requestAccess();
    await host.stage.grantAccess(['bob']);
    const hostSees = record(host);
    await bob.stage.cancelRequestAccess();
    expect(hostSees.find((e) => e.type === 'stageInvitationDeclined')).toMatchObject({ user_id: 'bob', invited: false });
  });

  it('refuses a decline without an invitation, and for join-stage holders, changing nothing', async () => {
    const { backend, host, bob } = await liveShow();
    const before = backend.inspect('livestream', 'show');
    await expect(bob.stage.declineInvitation()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(host.stage.declineInvitation()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });

  it('tells managers when a viewer withdraws a request', async () => {
    const { host, bob } = await liveShow();
    await bob.stage.requestAccess();
    const hostSees = record(host);
    await bob.stage.cancelRequestAccess();
    expect(hostSees.map((e) => e.type)).toEqual(['stageStatusUpdate', 'stageAccessRequestUpdate', 'stageRequestWithdrawn']);
  });
});

describe('revokeAccess', () => {
  it('takes back an invitation and an approval, skipping others with a reason, and tells the users', async () => {
    const { host, bob, dan, cohost } = await liveShow();
    await host.stage.grantAccess(['bob']);
    await dan.stage.requestAccess();
    await host.stage.grantAccess(['dan']);
    const bobSees = record(bob);

    const result = await host.stage.revokeAccess(['bob', 'dan', 'carol', 'ghost']);
    expect(result).toEqual({
      results: [
        { user_id: 'bob', applied: true, status: 'OFF_STAGE' },
        { user_id: 'dan', applied: true, status: 'OFF_STAGE' },
        { user_id: 'carol', applied: false, reason: 'HOLDS_JOIN_STAGE', status: 'ACCEPTED_TO_JOIN_STAGE' },
        { user_id: 'ghost', applied: false, reason: 'NOT_IN_CALL', status: 'OFF_STAGE' },
      ],
      applied: 2,
      skipped: 2,
    });
    expect(bob.getState().call!.stage.bob).toBeUndefined();
    expect(cohost.getState().call!.stage_invited).toEqual({});
    expect(bobSees.map((e) => e.type)).toEqual(['stageStatusUpdate', 'stageAccessRevoked']);
    expect(bobSees[1]).toMatchObject({ user_id: 'bob', by: 'alice' });
  });

  it('skips a pending request (deny it) and someone on stage (kick them)', async () => {
    const { host, bob, dan } = await liveShow();
    await bob.stage.requestAccess();
    await host.stage.grantAccess(['dan']);
    await dan.stage.join();
    const result = await host.stage.revokeAccess(['bob', 'dan']);
    expect(result.results).toEqual([
      { user_id: 'bob', applied: false, reason: 'NOT_ACCEPTED', status: 'REQUESTED_TO_JOIN_STAGE' },
      { user_id: 'dan', applied: false, reason: 'ALREADY_ON_STAGE', status: 'ON_STAGE' },
    ]);
  });

  it('is refused to viewers, who lack manage-stage', async () => {
    const { bob } = await liveShow();
    await expect(bob.stage.revokeAccess(['dan'])).rejects.toMatchObject({ code: 'FORBIDDEN', capability: 'manage-stage' });
  });

  it('keeps deny from reversing an accept that won the race', async () => {
    const { host, cohost, bob } = await liveShow();
    await bob.stage.requestAccess();
    await host.stage.grantAccess(['bob'], { onlyRequested: true });
    const result = await cohost.stage.denyAccess(['bob']);
    expect(result.results).toEqual([{ user_id: 'bob', applied: false, reason: 'ALREADY_ACCEPTED', status: 'ACCEPTED_TO_JOIN_STAGE' }]);
  });
});

describe('publishing follows the stage', () => {
  it('adds send-audio and send-video while ON_STAGE and takes them away after', async () => {
    const { host, bob } = await liveShow();
    expect(bob.getState().call!.own_capabilities).not.toContain('send-audio');
    await host.stage.grantAccess(['bob']);
    expect(bob.getState().call!.own_capabilities).not.toContain('send-audio');
    const bobSees = record(bob);
    await bob.stage.join();
    expect(bob.getState().call!.own_capabilities).toEqual(expect.arrayContaining(['send-audio', 'send-video']));
    // The change arrives as the stage event itself, not as a whole new view.
    expect(bobSees.map((e) => e.type)).toEqual(['stageStatusUpdate']);

    await host.stage.kick(['bob']);
    expect(bob.getState().call!.own_capabilities).not.toContain('send-audio');
    expect(bob.getState().call!.own_capabilities).not.toContain('send-video');
    expect(bobSees.map((e) => e.type)).toEqual(['stageStatusUpdate', 'stageStatusUpdate', 'stageRemoved']);
  });

  it('keeps send-audio for a role that grants it when leaving the stage', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.stage.join();
    await host.stage.leave();
    expect(host.getState().call!.own_capabilities).toContain('send-audio');
  });

  it('drops the stage capabilities when the call ends', async () => {
    const { host, bob } = await liveShow();
    await host.stage.grantAccess(['bob']);
    await bob.stage.join();
    await host.endCall();
    expect(bob.getState().call!.own_capabilities).not.toContain('send-audio');
  });
});

describe('call.on', () => {
  it('delivers by type and to "*", after the store applied the event, until unsubscribed', async () => {
    const { host, bob } = await liveShow();
    const statuses: string[] = [];
    const stop = bob.on('stageStatusUpdate', (event) => {
      // The store already holds what the event says.
      statuses.push(`${event.status}:${bob.getState().call!.stage.bob ?? 'OFF_STAGE'}`);
    });
    const all = record(bob);
    await host.stage.grantAccess(['bob']);
    stop();
    await bob.stage.join();
    expect(statuses).toEqual(['ACCEPTED_TO_JOIN_STAGE:ACCEPTED_TO_JOIN_STAGE']);
    expect(all.map((e) => e.type)).toEqual(['stageStatusUpdate', 'stageRequestApproved', 'stageStatusUpdate']);
  });

  it('keeps delivering to other listeners when one throws', async () => {
    const { host, bob } = await liveShow();
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      bob.on('stageStatusUpdate', () => {
        throw new Error('listener failed');
      });
      const after = record(bob);
      await host.stage.grantAccess(['bob']);
      expect(after.map((e) => e.type)).toEqual(['stageStatusUpdate', 'stageRequestApproved']);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(rejections).toHaveLength(1);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
