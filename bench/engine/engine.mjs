// Stage transitions per second, in the pure core (`execute` over an immutable world) and through the
// in-memory store, where every change is projected and applied for every watching client.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from '../lib/bundle.mjs';
import { figure, unmeasured } from '../lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const s = await importTs(resolve(here, 'scenario.ts'), 'engine');
const SECTION = 'engine';
const USERS = 10_000;
const perSecond = (count, ms) => (count / ms) * 1000;

console.log(`Pure core: one live call, ${USERS.toLocaleString('en-US')} joined viewers`);
const built = s.liveWorld(USERS);
if (s.participantCount(built.world) !== USERS + 1) throw new Error('the call did not fill up');
figure(SECTION, `core: joins/s, filling the call to ${USERS / 1000}k`, perSecond(USERS, built.joinMs), '/s', {
  note: `${(built.joinMs / 1000).toFixed(1)} s in all`,
});
figure(SECTION, `core: joins/s, the last 1,000 of ${USERS / 1000}k`, perSecond(1000, built.lastThousandMs), '/s');

const meeting = s.liveWorld(USERS, 'default');
if (s.participantCount(meeting.world, 'default') !== USERS + 1) throw new Error('the default call did not fill up');
figure(SECTION, `core: joins/s into a default call of ${USERS / 1000}k, where everyone has a stage status`, perSecond(USERS, meeting.joinMs), '/s', {
  note: `${(meeting.joinMs / 1000).toFixed(1)} s in all; the last 1,000 at ${Math.round(perSecond(1000, meeting.lastThousandMs)).toLocaleString('en-US')}/s`,
});

// Warm the engine's paths first, then measure on the full call.
s.engineCycles(built.world, s.viewerIds(200));
const cycles = s.engineCycles(built.world, s.viewerIds(2000));
figure(SECTION, 'core: stage transitions/s (request, grant, join, leave)', perSecond(cycles.transitions, cycles.ms), '/s', {
  note: `${cycles.transitions.toLocaleString('en-US')} single-user commands among ${USERS / 1000}k users`,
});

const bulk = s.engineBulkGrant(built.world, s.viewerIds(USERS));
figure(SECTION, `core: stage requests/s, queue growing to ${USERS / 1000}k`, perSecond(USERS, bulk.requestMs), '/s', {
  note: `${(bulk.requestMs / 1000).toFixed(1)} s in all`,
});
figure(SECTION, `core: one bulk grant of ${USERS / 1000}k requests`, bulk.grantMs, 'ms', {
  note: `${Math.round(perSecond(bulk.transitions, bulk.grantMs)).toLocaleString('en-US')} transitions/s`,
});

const invites = s.engineInvites(built.world, s.viewerIds(USERS));
figure(SECTION, `core: invitations/s, one at a time to ${USERS / 1000}k viewers`, perSecond(USERS, invites.ms), '/s', {
  note: `${(invites.ms / 1000).toFixed(1)} s in all`,
});

console.log('\nIn-memory store: every joined client watches the call and applies every change');
// Each join is applied by every client already in the call, each copying the participant map, so
// filling the store costs O(n³): measured at sizes that finish, with the time a join takes there.
const SIZES = [250, 500];
const warm = await s.memoryStore(50, 10_000);
await s.memoryCycles(warm.host, warm.viewers);
for (const users of SIZES) {
  const store = await s.memoryStore(users, 120_000);
  const lastJoin = store.joinMs.slice(-20).reduce((a, b) => a + b, 0) / 20;
  const sample = store.viewers.slice(0, Math.min(200, users));
  await s.memoryCycles(store.host, sample.slice(0, 20));
  const result = await s.memoryCycles(store.host, sample);
  figure(SECTION, `memory store: stage transitions/s, ${users} clients`, perSecond(result.transitions, result.ms), '/s', {
    note: `a join there takes ${lastJoin.toFixed(1)} ms`,
  });
}
unmeasured(
  SECTION,
  `memory store: stage transitions/s, ${USERS / 1000}k clients`,
  `filling the store with ${USERS / 1000}k watching clients is O(n³) (every client copies the participant map on every join); see the sizes above`,
);
