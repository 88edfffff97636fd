// Audiences of any size: raw WebSocket viewers on 127.0.0.1 watching one livestream on the
// reference server (in a process of its own). What one viewer is sent for a whole join storm, how
// long the storm takes to settle (every join answered, every viewer told the exact count), the size
// of a viewer's view, go-live fan-out, and as many viewers as the file-descriptor limit allows.
// Then, in this process: a host searching 50,000, and the memory backend holding 10,000 watchers.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { importTs } from '../lib/bundle.mjs';
import { figure, unmeasured } from '../lib/report.mjs';
import { fdLimit, percentile, pool, request, serve, sleep, startServerProcess, until } from '../lib/server-process.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SECTION = 'audience';
const STORM = 10_000;
const MAX_TARGET = 50_000;
const JOIN_CONCURRENCY = 200;
const CONNECT_CONCURRENCY = 200;
// What else holds descriptors while the crowd is connected: the joins in flight, the host, Node's own.
const FD_MARGIN = 1_000;
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const kB = (bytes) => bytes / 1024;
// The audience is measured, not the rate limits: a storm is many actions on one call.
const LIMITS = { callActionBurst: 1_000_000, liveToggleBurst: 1_000 };

const faults = [];
const hostToken = await serve.createToken(serve.SECRET, { user_id: 'host', name: 'Hana Host' });
const tokens = [];
async function tokensFor(count) {
  while (tokens.length < count) tokens.push(await serve.createToken(serve.SECRET, { user_id: `viewer-${tokens.length}`, name: `Viewer ${tokens.length}` }));
  return tokens;
}

/**
 * Viewers as raw sockets, each its own user, subscribed to one call. Each counts the bytes it is
 * sent, when it saw the call go live, and the last participant count it was told.
 */
function crowd(wsUrl, callType, callId) {
  const viewers = [];
  const subscribe = JSON.stringify({ type: 'subscribe', call_type: callType, call_id: callId });
  let closing = false;
  let unexpectedCloses = 0;
  const open = (token) =>
    new Promise((resolveOpen, reject) => {
      const viewer = { socket: null, bytes: 0, liveAt: 0, count: 0, snapshotBytes: 0, subscribed: false };
      const socket = new WebSocket(wsUrl, { perMessageDeflate: false });
      viewer.socket = socket;
      socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token })));
      socket.on('error', reject);
      socket.on('close', () => {
        if (!closing) unexpectedCloses += 1;
      });
      socket.on('message', (data) => {
        const at = performance.now();
        viewer.bytes += data.length;
        const text = data.toString();
        if (text.startsWith('{"type":"events"')) {
          if (!viewer.subscribed) {
            viewer.subscribed = true;
            viewer.snapshotBytes = data.length;
            viewers.push(viewer);
            resolveOpen(viewer);
          }
          if (viewer.liveAt === 0 && text.includes('"call.live_started"')) viewer.liveAt = at;
          const counted = /"participant_count":(\d+)/g;
          for (let match = counted.exec(text); match; match = counted.exec(text)) viewer.count = Number(match[1]);
          return;
        }
        if (text.startsWith('{"type":"ready"')) socket.send(subscribe);
        else if (text.startsWith('{"type":"ping"')) socket.send('{"type":"pong"}');
        else if (text.startsWith('{"type":"error"')) reject(new Error(text.slice(0, 200)));
      });
    });
  return {
    viewers,
    get unexpectedCloses() {
      return unexpectedCloses;
    },
    async connect(count) {
      const all = await tokensFor(count);
      const start = performance.now();
      await pool(count, CONNECT_CONCURRENCY, (i) => open(all[i]));
      return performance.now() - start;
    },
    close() {
      closing = true;
      for (const viewer of viewers) viewer.socket.terminate();
    },
  };
}

/** The host's call, created and joined; the host watches it too, or they would be dropped from it. */
async function liveCall(server, id) {
  await request(server.url, hostToken, 'POST', `/video/call/livestream/${id}`, {});
  const socket = new WebSocket(server.wsUrl, { perMessageDeflate: false });
  await new Promise((resolveReady, reject) => {
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token: hostToken })));
    socket.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('{"type":"ready"')) socket.send(JSON.stringify({ type: 'subscribe', call_type: 'livestream', call_id: id }));
      else if (text.startsWith('{"type":"events"')) resolveReady();
      else if (text.startsWith('{"type":"ping"')) socket.send('{"type":"pong"}');
    });
  });
  await request(server.url, hostToken, 'POST', `/video/call/livestream/${id}/join`, {});
  return socket;
}

/** Go-live to every viewer's `call.live_started`: median, p99 and the last, in ms. */
async function goLive(server, id, viewers) {
  for (const viewer of viewers.viewers) viewer.liveAt = 0;
  const start = performance.now();
  await request(server.url, hostToken, 'POST', `/video/call/livestream/${id}/go_live`, {});
  const all = await until(() => viewers.viewers.every((v) => v.liveAt > 0), 60_000);
  if (!all) throw new Error('not every viewer saw the call go live within 60 s');
  const latencies = viewers.viewers.map((v) => v.liveAt - start).sort((a, b) => a - b);
  return { median: percentile(latencies, 50), p99: percentile(latencies, 99), last: latencies.at(-1) };
}

/** Every viewer joins, `JOIN_CONCURRENCY` at a time; settled once each was told the exact count. */
async function storm(server, id, viewers, size) {
  for (const viewer of viewers.viewers) viewer.bytes = 0;
  const start = performance.now();
  let answeredAt = 0;
  await pool(size, JOIN_CONCURRENCY, async (i) => {
    await request(server.url, tokens[i], 'POST', `/video/call/livestream/${id}/join`, {});
  });
  answeredAt = performance.now();
  const expected = size + 1;
  const settled = await until(() => viewers.viewers.every((v) => v.count === expected), 60_000);
  const settledAt = performance.now();
  const bytes = viewers.viewers.map((v) => v.bytes).sort((a, b) => a - b);
  return { answeredMs: answeredAt - start, settledMs: settled ? settledAt - start : null, bytes, expected };
}

// ---------------------------------------------------------------------------------------------
console.log(`\nA join storm: ${fmt(STORM)} viewers watching a live call all join it`);
{
  const server = await startServerProcess(LIMITS, faults);
  const viewers = crowd(server.wsUrl, 'livestream', 'storm');
  try {
    const host = await liveCall(server, 'storm');
    await viewers.connect(STORM);
    // Three go-lives, as the server bench takes them: the first runs in a server still warming up.
    const rounds = [];
    for (let round = 0; round < 3; round += 1) {
      if (round > 0) {
        await request(server.url, hostToken, 'POST', '/video/call/livestream/storm/stop_live', {});
        await sleep(300);
      }
      rounds.push(await goLive(server, 'storm', viewers));
    }
    const middle = (key) => [...rounds.map((r) => r[key])].sort((a, b) => a - b)[1];
    figure(SECTION, `go_live to the last of ${fmt(STORM)} viewers, p99`, middle('p99'), 'ms', {
      budget: { max: 250 },
      note: `median of 3 go-lives (${rounds.map((r) => r.p99.toFixed(0)).join(', ')} ms); a viewer's median ${middle('median').toFixed(0)} ms`,
    });
    const result = await storm(server, 'storm', viewers, STORM);
    figure(SECTION, `${fmt(STORM)} joins: all answered and every viewer told the count`, result.settledMs === null ? null : result.settledMs / 1000, 's', {
      budget: { max: 10 },
      note: `answered in ${(result.answeredMs / 1000).toFixed(1)} s (${fmt((STORM / result.answeredMs) * 1000)} joins/s); before the audience rule: 2,000 joins took 18 s, 10,000 about 8 min`,
    });
    figure(SECTION, '… sent to one viewer for the whole storm, the most', kB(result.bytes.at(-1)), 'kB', {
      budget: { max: 16 },
      note: `median ${kB(percentile(result.bytes, 50)).toFixed(1)} kB; before: about 207 bytes per join, 207 kB for 1,000 joins`,
    });
    const text = await request(server.url, tokens[0], 'GET', '/video/call/livestream/storm');
    const view = JSON.parse(text).call;
    figure(SECTION, `a viewer's GET of the call, ${fmt(STORM + 1)} in it`, kB(text.length), 'kB', { budget: { max: 16 }, note: 'before: 92 kB with 1,000 in it' });
    figure(SECTION, "… participant_count in it after the storm", view.participant_count, '', { budget: { min: result.expected, max: result.expected } });
    const late = crowd(server.wsUrl, 'livestream', 'storm');
    await late.connect(1);
    figure(SECTION, "… a viewer's snapshot over the socket", kB(late.viewers[0].snapshotBytes), 'kB', { budget: { max: 16 } });
    late.close();
    if (viewers.unexpectedCloses > 0) console.log(`    ${viewers.unexpectedCloses} viewer sockets closed unexpectedly`);
    host.terminate();
  } finally {
    viewers.close();
    await server.stop();
  }
}

// STAGEKIT_AUDIENCE_STORM_ONLY=1 stops here (for profiling the storm).
if (process.env.STAGEKIT_AUDIENCE_STORM_ONLY) process.exit(0);

// ---------------------------------------------------------------------------------------------
const ownFds = fdLimit('-n');
const serverFds = fdLimit('-Hn');
const maxViewers = Math.max(0, Math.min(MAX_TARGET, ownFds - FD_MARGIN - JOIN_CONCURRENCY, serverFds - FD_MARGIN - JOIN_CONCURRENCY));
const limitHit = maxViewers < MAX_TARGET ? `the file-descriptor limit: ulimit -n ${ownFds} here, ${serverFds} for the server (raising it was refused)` : null;
console.log(`\nAs many viewers as one server process holds here: ${fmt(maxViewers)}${limitHit ? `, held back by ${limitHit}` : ''}`);
{
  const server = await startServerProcess(LIMITS, faults);
  const viewers = crowd(server.wsUrl, 'livestream', 'max');
  try {
    const host = await liveCall(server, 'max');
    const before = await server.memory();
    const connectMs = await viewers.connect(maxViewers);
    const live = await goLive(server, 'max', viewers);
    const result = await storm(server, 'max', viewers, maxViewers);
    const after = await server.memory();
    figure(SECTION, `viewers on one server process`, viewers.viewers.length, '', { note: limitHit ? `limit hit: ${limitHit}` : 'the target' });
    figure(SECTION, `… connected and subscribed`, connectMs / 1000, 's');
    figure(SECTION, `… go_live to the last of them, p99`, live.p99, 'ms', { note: `median ${live.median.toFixed(0)} ms` });
    figure(SECTION, `… all joined and told the count`, result.settledMs === null ? null : result.settledMs / 1000, 's', {
      note: `most sent to one viewer: ${kB(result.bytes.at(-1)).toFixed(1)} kB`,
    });
    figure(SECTION, '… server memory per viewer in the call (RSS)', (after.memory.rss - before.memory.rss) / maxViewers / 1024, 'kB', {
      note: `${fmt(before.memory.rss / 2 ** 20)} → ${fmt(after.memory.rss / 2 ** 20)} MB, heap ${fmt(after.memory.heapUsed / 2 ** 20)} MB after GC`,
    });
    host.terminate();
  } catch (error) {
    unmeasured(SECTION, 'viewers on one server process', String(error.message ?? error));
  } finally {
    viewers.close();
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
console.log('\nIn this process: a host searching 50,000, and the memory backend holding 10,000 watchers');
{
  const scenario = await importTs(resolve(here, 'scenario.ts'), 'audience');
  const call = scenario.crowdCall(50_000);
  const search = scenario.searchTimes(call, 25);
  figure(SECTION, 'first page of an audience of 50,000, median', search.firstPageMs, 'ms', { budget: { max: 100 } });
  figure(SECTION, '… a search by name in it, median', search.searchMs, 'ms', { budget: { max: 100 } });
  await sleep(10);
  const filled = await scenario.fillMemory(10_000);
  figure(SECTION, 'memory backend: 10,000 join, each watching the call', filled.ms / 1000, 's', {
    budget: { max: 10 },
    note: `${fmt(filled.participants)} in the call; the last viewer's view lists ${filled.viewKeys}; before: could not be filled`,
  });
}

if (faults.length > 0) {
  console.log(`\nThe server reported ${faults.length} unexpected error(s); the first:\n${faults[0]}`);
  process.exitCode = 1;
}
