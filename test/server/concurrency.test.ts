import { expectInSync, startServer, type TestServer } from './harness.js';

// Two hosts deciding the same stage request at the same moment: the server takes one decision,
// the other is a clear no-op, and every client agrees on the outcome.

let test: TestServer;
beforeEach(async () => {
  test = await startServer({ limits: { stageRequestBurst: 10_000 } });
});
afterEach(() => test.close());

it('settles a grant and a deny sent at once the same way on every client', async () => {
  const clients = await Promise.all([{ id: 'olga' }, { id: 'hana' }, { id: 'bob' }, { id: 'carl' }].map((user) => test.client(user)));
  const [olga, hana, bob, carl] = clients.map((client) => client.call('livestream', 'race'));
  await olga!.getOrCreate({ data: { members: [{ user_id: 'hana', role: 'host' }] } });
  await olga!.join();
  await hana!.join();
  await olga!.goLive();
  await bob!.join();
  await carl!.join();

  const order = { grantFirst: 0, denyFirst: 0 };
  for (let round = 0; round < 12; round += 1) {
    await bob!.stage.requestAccess();
    await expectInSync(test, clients, 'livestream', 'race');
    // Alternate which host grants and which request leaves first.
    const [granter, denier] = round % 2 === 0 ? [olga!, hana!] : [hana!, olga!];
    const [grant, deny] =
      round % 3 === 0
        ? await Promise.all([granter.stage.grantAccess(['bob']), denier.stage.denyAccess(['bob'])])
        : await Promise.all([denier.stage.denyAccess(['bob']), granter.stage.grantAccess(['bob'])]).then(([d, g]) => [g, d] as const);

    // The server took them one after the other. Grant first: the deny finds no pending request
    // and is skipped. Deny first: the request is rejected, and the grant that follows invites bob
    // (a grant invites users who did not ask). Either way bob ends accepted, with no request left.
    expect(grant.applied).toBe(1);
    expect(deny.results).toEqual([
      deny.applied
        ? { user_id: 'bob', applied: true, status: 'OFF_STAGE' }
        : { user_id: 'bob', applied: false, reason: 'ALREADY_ACCEPTED', status: 'ACCEPTED_TO_JOIN_STAGE' },
    ]);
    order[deny.applied ? 'denyFirst' : 'grantFirst'] += 1;

    await expectInSync(test, clients, 'livestream', 'race');
    expect(test.server.hub.inspect('livestream', 'race')!.stage.get('bob')).toBe('ACCEPTED_TO_JOIN_STAGE');
    for (const call of [olga, hana, bob]) expect(call!.getState().call!.stage.bob).toBe('ACCEPTED_TO_JOIN_STAGE');
    for (const call of [olga, hana]) expect(call!.getState().call!.stage_requests).toEqual([]);
    // An invitation may be declined: back to OFF_STAGE for the next round.
    await bob!.stage.cancelRequestAccess();
  }
  expect(order.grantFirst + order.denyFirst).toBe(12);
});

it('takes exactly one decision when an accept of the request races a deny', async () => {
  const clients = await Promise.all([{ id: 'olga' }, { id: 'hana' }, { id: 'bob' }].map((user) => test.client(user)));
  const [olga, hana, bob] = clients.map((client) => client.call('livestream', 'accept-race'));
  await olga!.getOrCreate({ data: { members: [{ user_id: 'hana', role: 'host' }] } });
  await olga!.join();
  await hana!.join();
  await olga!.goLive();
  await bob!.join();

  const order = { acceptFirst: 0, denyFirst: 0 };
  for (let round = 0; round < 12; round += 1) {
    await bob!.stage.requestAccess();
    await expectInSync(test, clients, 'livestream', 'accept-race');
    const [accepter, denier] = round % 2 === 0 ? [olga!, hana!] : [hana!, olga!];
    const [accept, deny] =
      round % 3 === 0
        ? await Promise.all([accepter.stage.grantAccess(['bob'], { onlyRequested: true }), denier.stage.denyAccess(['bob'])])
        : await Promise.all([denier.stage.denyAccess(['bob']), accepter.stage.grantAccess(['bob'], { onlyRequested: true })]).then(
            ([d, a]) => [a, d] as const,
          );
    // One of the two applied; the other found the request decided and skipped.
    expect(accept.applied + deny.applied).toBe(1);
    const expected = accept.applied ? 'ACCEPTED_TO_JOIN_STAGE' : undefined;
    order[accept.applied ? 'acceptFirst' : 'denyFirst'] += 1;

    await expectInSync(test, clients, 'livestream', 'accept-race');
    expect(test.server.hub.inspect('livestream', 'accept-race')!.stage.get('bob')).toBe(expected);
    for (const call of [olga, hana]) {
      expect(call!.getState().call!.stage.bob).toBe(expected);
      expect(call!.getState().call!.stage_requests).toEqual([]);
    }
    expect(bob!.getState().call!.stage.bob).toBe(expected);
    if (accept.applied) await bob!.stage.cancelRequestAccess();
  }
  expect(order.acceptFirst + order.denyFirst).toBe(12);
});

it('applies one of two simultaneous denials, and every client agrees', async () => {
  const clients = await Promise.all([{ id: 'olga' }, { id: 'hana' }, { id: 'bob' }].map((user) => test.client(user)));
  const [olga, hana, bob] = clients.map((client) => client.call('livestream', 'deny'));
  await olga!.getOrCreate({ data: { members: [{ user_id: 'hana', role: 'host' }] } });
  await olga!.join();
  await hana!.join();
  await olga!.goLive();
  await bob!.join();
  for (let round = 0; round < 10; round += 1) {
    await bob!.stage.requestAccess();
    const denials = await Promise.all([olga!.stage.denyAccess(['bob']), hana!.stage.denyAccess(['bob'])]);
    expect(denials.map((result) => result.applied).sort()).toEqual([0, 1]);
    const skipped = denials.find((result) => result.applied === 0)!.results;
    expect(skipped).toEqual([{ user_id: 'bob', applied: false, reason: 'NO_PENDING_REQUEST', status: 'OFF_STAGE' }]);
    await expectInSync(test, clients, 'livestream', 'deny');
    for (const call of [olga, hana, bob]) expect(call!.getState().call!.stage.bob).toBeUndefined();
  }
});

it('applies one of two simultaneous grants, or kicks, and reports the other as skipped', async () => {
  const clients = await Promise.all([{ id: 'olga' }, { id: 'hana' }, { id: 'bob' }].map((user) => test.client(user)));
  const [olga, hana, bob] = clients.map((client) => client.call('livestream', 'race2'));
  await olga!.getOrCreate({ data: { members: [{ user_id: 'hana', role: 'host' }] } });
  await olga!.join();
  await hana!.join();
  await olga!.goLive();
  await bob!.join();
  await bob!.stage.requestAccess();

  const grants = await Promise.all([olga!.stage.grantAccess(['bob']), hana!.stage.grantAccess(['bob'])]);
  expect(grants.map((result) => result.applied).sort()).toEqual([0, 1]);
  expect(grants.flatMap((result) => result.results.filter((r) => !r.applied).map((r) => (r.applied ? '' : r.reason)))).toEqual(['ALREADY_ACCEPTED']);

  await bob!.stage.join();
  const kicks = await Promise.all([olga!.stage.kick(['bob']), hana!.stage.kick(['bob'])]);
  expect(kicks.map((result) => result.applied).sort()).toEqual([0, 1]);
  await expectInSync(test, clients, 'livestream', 'race2');
  for (const call of [olga, hana, bob]) expect(call!.getState().call!.stage.bob).toBeUndefined();
});
