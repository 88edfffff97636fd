import { createManualClock, createMemoryBackend, type Call, type CallEvent } from '../../src/core/index.js';
import { expectInSync, START, startServer, type TestServer } from './harness.js';

// One scripted show, played on the memory backend and on the server: every user's `call.on('*')`
// must hear the same events in the same order, whichever wire carried them.

const USERS = [{ id: 'alice', name: 'Alice' }, { id: 'carol' }, { id: 'bob', name: 'Bob' }, { id: 'dan' }] as const;
type Calls = Record<(typeof USERS)[number]['id'], Call>;

async function show({ alice, carol, bob, dan }: Calls): Promise<void> {
  await alice.join();
  await alice.goLive();
  await carol.join();
  await bob.join();
  await dan.join();
  await bob.stage.requestAccess();
  await alice.stage.grantAccess(['bob'], { onlyRequested: true });
  // Carol's deny loses to Alice's accept: skipped, nothing sent.
  await carol.stage.denyAccess(['bob']);
  await bob.stage.declineInvitation();
  await alice.stage.grantAccess(['dan']);
  await alice.stage.revokeAccess(['dan']);
  await carol.stage.grantAccess(['bob']);
  await bob.stage.join();
  await alice.stage.kick(['bob']);
  await dan.stage.requestAccess();
  await dan.stage.cancelRequestAccess();
  await alice.endCall();
}

/** What a user heard, without the parts that name the wire's clock. */
function heard(events: CallEvent[]): string[] {
  return events.map((event) => `${event.seq} ${event.type}${'user_id' in event ? ` ${event.user_id}` : ''}`);
}

function listen(calls: Calls): Record<string, CallEvent[]> {
  const log: Record<string, CallEvent[]> = {};
  for (const [id, call] of Object.entries(calls)) {
    log[id] = [];
    call.on('*', (event) => log[id]!.push(event));
  }
  return log;
}

let test: TestServer;
beforeEach(async () => {
  test = await startServer();
});
afterEach(() => test.close());

it('delivers the same events, in the same order, on the memory backend and over the server', async () => {
  const backend = createMemoryBackend({ clock: createManualClock(START) });
  const memoryCalls = Object.fromEntries(USERS.map((user) => [user.id, backend.client({ user }).call('livestream', 'show')])) as Calls;
  // Everyone loads the call before the show, so each hears it from the start.
  const memoryLog = listen(memoryCalls);
  await memoryCalls.alice.getOrCreate({ data: { members: [{ user_id: 'carol', role: 'host' }] } });
  for (const user of USERS.slice(1)) await memoryCalls[user.id].get();
  await show(memoryCalls);

  const clients = await Promise.all(USERS.map((user) => test.client(user)));
  const remoteCalls = Object.fromEntries(clients.map((client) => [client.user.id, client.call('livestream', 'show')])) as Calls;
  const remoteLog = listen(remoteCalls);
  await remoteCalls.alice.getOrCreate({ data: { members: [{ user_id: 'carol', role: 'host' }] } });
  for (const user of USERS.slice(1)) await remoteCalls[user.id].get();
  await show(remoteCalls);
  await expectInSync(test, clients, 'livestream', 'show');

  const memory = Object.fromEntries(Object.entries(memoryLog).map(([id, events]) => [id, heard(events)]));
  await vi.waitFor(() => expect(Object.fromEntries(Object.entries(remoteLog).map(([id, events]) => [id, heard(events)]))).toEqual(memory));

  // The show's stage news reaches the user concerned and the managers, and no other viewer.
  const news = (id: string) => memory[id]!.filter((line) => /stage(Request|Invitation|Access|Removed)/.test(line) && !line.includes('RequestUpdate'));
  expect(news('bob')).toEqual([
    expect.stringMatching(/stageRequestApproved bob$/),
    expect.stringMatching(/stageInvitationDeclined bob$/),
    expect.stringMatching(/stageRequestApproved bob$/),
    expect.stringMatching(/stageRemoved bob$/),
  ]);
  expect(news('dan')).toEqual([
    expect.stringMatching(/stageRequestApproved dan$/),
    expect.stringMatching(/stageAccessRevoked dan$/),
    expect.stringMatching(/stageRequestWithdrawn dan$/),
  ]);
  expect(news('carol')).toEqual(news('alice'));
  expect(news('alice')).toHaveLength(7);
});
