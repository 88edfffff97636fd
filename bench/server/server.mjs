// Server fan-out: WebSocket viewers on 127.0.0.1 watching one livestream, the reference server in
// a process of its own. Go-live to each viewer's `call.live_started` (median, p99, the last one);
// server memory per idle, subscribed viewer. Join storms and the audience: `bench/audience`.
//
// The viewers are raw `ws` sockets in this process, speaking the protocol of src/remote/protocol.ts
// (auth, subscribe, pong) and nothing more: a full remote client per viewer would cost this process
// more than the server, and its latency would be ours, not the server's. Figures only, no budgets.
import { WebSocket } from 'ws';
import { figure } from '../lib/report.mjs';
import { fdLimit, percentile, pool, request, serve, sleep, startServerProcess, until } from '../lib/server-process.mjs';

const SECTION = 'server';
const TARGET = 10_000;
const ROUNDS = 3;
/** Sockets opened at once while a crowd connects; more only overflows the listen backlog. */
const CONNECT_CONCURRENCY = 200;
/** Joins in flight at once in a storm: a crowd of browsers, not one client with 10,000 requests queued. */
const JOIN_CONCURRENCY = 100;
const verbose = process.argv.includes('--verbose');

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const log = (text) => verbose && console.log(`    ${text}`);

// Each viewer holds one socket here and one in the server; the server's shell raises its soft
// limit to the hard one, this process keeps the limit it was given.
const ownFds = fdLimit('-n');
const serverFds = fdLimit('-Hn');
const FD_MARGIN = 300;
const VIEWERS = Math.max(0, Math.min(TARGET, ownFds - FD_MARGIN - JOIN_CONCURRENCY, serverFds - FD_MARGIN));
const fdNote = VIEWERS < TARGET ? `${fmt(VIEWERS)} viewers: the file-descriptor limit (ulimit -n ${ownFds}, hard ${serverFds}) holds no more` : null;
console.log(`File descriptors: ${ownFds} here, up to ${serverFds} in the server process; ${fmt(VIEWERS)} viewers.`);

const faults = [];
// The fan-out is measured, not the rate limits: one host goes live and back many times, and a storm
// is many actions on one call.
const LIMITS = { liveToggleBurst: 1_000, callActionBurst: 1_000_000 };
const startServer = () => startServerProcess(LIMITS, faults);


const median = (values) => percentile([...values].sort((a, b) => a - b), 50);

const tokens = [];
async function tokensFor(count) {
  while (tokens.length < count) tokens.push(await serve.createToken(serve.SECRET, { user_id: `viewer-${tokens.length}` }));
  return tokens;
}
const hostToken = await serve.createToken(serve.SECRET, { user_id: 'host' });

/**
 * A crowd of raw sockets, each authenticated as its own user and subscribed to one call. Counts
 * what each socket receives; the timestamp is taken first thing in the handler, so it includes any
 * wait in this process's own queue (the figures' only client-side share).
 */
function crowd(wsUrl, callType, callIdentifier) {
  const viewers = [];
  const counts = { live: 0, liveDuplicates: 0, ended: 0, errors: 0, unexpectedCloses: 0 };
  const subscribe = JSON.stringify({ type: 'subscribe', call_type: callType, call_id: callIdentifier });
  const pong = JSON.stringify({ type: 'pong' });
  let closing = false;

  function open(token) {
    return new Promise((resolveOpen, reject) => {
      const viewer = { socket: null, subscribed: false, liveAt: 0 };
      const socket = new WebSocket(wsUrl, { perMessageDeflate: false });
      viewer.socket = socket;
      socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token })));
      socket.on('error', (error) => reject(error));
      socket.on('close', (code) => {
        if (!closing) {
          counts.unexpectedCloses += 1;
          reject(new Error(`closed with ${code}`));
        }
      });
      socket.on('message', (data) => {
        const at = performance.now();
        const text = data.toString();
        if (text.startsWith('{"type":"events"')) {
          if (!viewer.subscribed) {
            viewer.subscribed = true;
            viewers.push(viewer);
            resolveOpen(viewer);
            return;
          }
          if (text.includes('"call.live_started"')) {
            if (viewer.liveAt === 0) {
              viewer.liveAt = at;
              counts.live += 1;
            } else counts.liveDuplicates += 1;
          }
          if (text.includes('"call.live_ended"')) counts.ended += 1;
          return;
        }
        const message = JSON.parse(text);
        if (message.type === 'ready') socket.send(subscribe);
        else if (message.type === 'ping') socket.send(pong);
        else if (message.type === 'error') {
          counts.errors += 1;
          reject(new Error(`${message.error.code}: ${message.error.message}`));
        }
      });
    });
  }

  return {
    viewers,
    counts,
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

/** A livestream created and joined (in backstage) by its host; viewers watch it without joining. */
async function openCall(server, id) {
  await request(server.url, hostToken, 'POST', `/video/call/livestream/${id}`, {});
  await request(server.url, hostToken, 'POST', `/video/call/livestream/${id}/join`, {});
}

// ---------------------------------------------------------------------------------------------
console.log(`\nIdle viewers and go-live fan-out: ${fmt(VIEWERS)} viewers, each its own user, subscribed to one livestream`);
{
  const server = await startServer();
  try {
    await openCall(server, 'fanout');
    const before = await server.memory();
    if (!before.gc) console.log('    (no --expose-gc in the server process: memory figures include garbage)');
    const viewers = crowd(server.wsUrl, 'livestream', 'fanout');
    const connectMs = await viewers.connect(VIEWERS);
    figure(SECTION, `server: connect + auth + subscribe, ${fmt(VIEWERS)} viewers`, connectMs / 1000, 's', {
      note: `${fmt((VIEWERS / connectMs) * 1000)} viewers/s, ${CONNECT_CONCURRENCY} at a time`,
    });
    const after = await server.memory();
    if (after.connections !== VIEWERS) throw new Error(`the server holds ${after.connections} connections, not ${VIEWERS}`);
    const perViewer = (key) => (after.memory[key] - before.memory[key]) / VIEWERS / 1024;
    figure(SECTION, 'server: memory per idle viewer (RSS)', perViewer('rss'), 'kB', {
      note: `${fmt(before.memory.rss / 2 ** 20)} → ${fmt(after.memory.rss / 2 ** 20)} MB for ${fmt(VIEWERS)} viewers${fdNote ? `; ${fdNote}` : ''}`,
    });
    figure(SECTION, 'server: memory per idle viewer (JS heap)', perViewer('heapUsed'), 'kB', {
      note: `heap ${fmt(before.memory.heapUsed / 2 ** 20)} → ${fmt(after.memory.heapUsed / 2 ** 20)} MB, after GC`,
    });

    const rounds = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const viewer of viewers.viewers) viewer.liveAt = 0;
      viewers.counts.live = 0;
      viewers.counts.ended = 0;
      const start = performance.now();
      let answeredAt = 0;
      const answered = request(server.url, hostToken, 'POST', '/video/call/livestream/fanout/go_live', {}).then(() => {
        answeredAt = performance.now();
      });
      const complete = await until(() => viewers.counts.live === VIEWERS, 60_000);
      await answered;
      if (!complete) throw new Error(`only ${viewers.counts.live} of ${VIEWERS} viewers saw the call go live within 60 s`);
      const latencies = viewers.viewers.map((v) => v.liveAt - start).sort((a, b) => a - b);
      rounds.push({ median: percentile(latencies, 50), p99: percentile(latencies, 99), last: latencies.at(-1), answered: answeredAt - start });
      log(`round ${round + 1}: median ${latencies[Math.floor(latencies.length / 2)].toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, last ${latencies.at(-1).toFixed(1)} ms`);
      await request(server.url, hostToken, 'POST', '/video/call/livestream/fanout/stop_live', {});
      if (!(await until(() => viewers.counts.ended === VIEWERS, 60_000))) throw new Error('not every viewer saw the call stop');
      await sleep(300);
    }
    const spread = (key) => `${rounds.map((r) => r[key].toFixed(0)).join(', ')} ms over ${ROUNDS} go-lives`;
    const n = `${fmt(VIEWERS / 1000)}k`;
    figure(SECTION, `server, ${n} viewers: go_live to viewer's event, median`, median(rounds.map((r) => r.median)), 'ms', { note: spread('median') });
    figure(SECTION, `server, ${n} viewers: go_live to viewer's event, p99`, median(rounds.map((r) => r.p99)), 'ms', { note: spread('p99') });
    const last = median(rounds.map((r) => r.last));
    figure(SECTION, `server, ${n} viewers: go_live to the last viewer`, last, 'ms', { note: spread('last') });
    figure(SECTION, '… per viewer (time to the last / viewers)', (last / VIEWERS) * 1000, 'µs');
    figure(SECTION, '… go_live answered to the host', median(rounds.map((r) => r.answered)), 'ms', {
      note: 'the server queues every socket\'s message before it answers; the sends follow in the same turn',
    });
    if (viewers.counts.liveDuplicates > 0) console.log(`    ${viewers.counts.liveDuplicates} duplicate call.live_started events`);
    viewers.close();
  } finally {
    await server.stop();
  }
}

// Join storms, the audience's size and what a viewer is sent for it: `bench/audience`.

if (faults.length > 0) {
  console.log(`\nThe server reported ${faults.length} unexpected error(s); the first:\n${faults[0]}`);
  process.exitCode = 1;
}
