// Soak: the reference server, with its default limits, in a process of its own for 60 s under a
// crowd and the clients the security review found harmful: 1,000 viewers watching a live call, a
// client that never reads, a subscribe/unsubscribe churner, a member-list grower and a stage
// toggler. The server must stay up, its memory stay bounded, and `GET /time` stay quick.
// Then, in this process: what one join costs with 1 call held and with 30,000.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { importTs } from '../lib/bundle.mjs';
import { serve, startServerProcess } from '../lib/server-process.mjs';
import { figure } from '../lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SECTION = 'soak';
const DURATION_MS = Number(process.env.STAGEKIT_SOAK_MS ?? 60_000);
const VIEWERS = 1_000;
const RSS_BUDGET_MB = 400;
const TIME_P99_BUDGET_MS = 50;
const verbose = process.argv.includes('--verbose');
const log = (text) => verbose && console.log(`    ${text}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** The server with its default limits, in a child process; RSS sampled there every 50 ms. */
async function startServer() {
  const faults = [];
  const server = await startServerProcess({}, faults);
  let up = true;
  void server.exited.then(() => (up = false));
  return { ...server, faults, alive: () => up };
}

const token = (user_id) => serve.createToken(serve.SECRET, { user_id });

async function request(url, auth, method, path, body) {
  const response = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** A socket authenticated as `user_id`; `onReady` runs once the server has admitted it. */
function socketFor(wsUrl, auth, { onReady, read = true } = {}) {
  const socket = new WebSocket(wsUrl, { perMessageDeflate: false });
  const state = { socket, received: 0, closedWith: null };
  socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token: auth })));
  socket.on('error', () => undefined);
  socket.on('close', (code) => (state.closedWith = code));
  socket.on('message', (data) => {
    state.received += data.length;
    const text = String(data);
    if (text.startsWith('{"type":"ready"')) {
      onReady?.(socket);
      // A client that never reads: the kernel's buffers fill and the server's queue is all that grows.
      if (!read) socket.pause();
    } else if (text.startsWith('{"type":"ping"')) socket.send('{"type":"pong"}');
  });
  return state;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

// ---------------------------------------------------------------------------------------------
console.log(`\nSoak: ${DURATION_MS / 1000} s, ${fmt(VIEWERS)} viewers + a slow reader, a subscription churner, a member-list grower and a stage toggler`);
const server = await startServer();
const stopAt = performance.now() + DURATION_MS;
const running = () => performance.now() < stopAt && server.alive();
const subscribe = (id) => JSON.stringify({ type: 'subscribe', call_type: 'livestream', call_id: id });
const unsubscribe = (id) => JSON.stringify({ type: 'unsubscribe', call_type: 'livestream', call_id: id });
try {
  const host = await token('host');
  await request(server.url, host, 'POST', '/video/call/livestream/soak', {});
  await request(server.url, host, 'POST', '/video/call/livestream/soak/join', {});
  await request(server.url, host, 'POST', '/video/call/livestream/soak/go_live', {});
  const baseline = (await server.memory()).memory.rss;

  // The crowd, watching.
  const viewers = [];
  for (let i = 0; i < VIEWERS; i += 1) {
    viewers.push(socketFor(server.wsUrl, await token(`viewer-${i}`), { onReady: (s) => s.send(subscribe('soak')) }));
    if (i % 100 === 99) await sleep(20);
  }
  log(`${VIEWERS} viewers connecting`);

  // A client that subscribes and never reads again, reconnecting whenever it is cut off.
  const slowToken = await token('slow');
  let slowCutOffs = 0;
  const slowReaders = async () => {
    while (running()) {
      const slow = socketFor(server.wsUrl, slowToken, { onReady: (s) => s.send(subscribe('soak')), read: false });
      while (running() && slow.closedWith === null) await sleep(100);
      if (slow.closedWith !== null) slowCutOffs += 1;
      slow.socket.terminate();
    }
  };

  // Subscribe, unsubscribe, as fast as it can send, reconnecting when closed for it.
  const churnToken = await token('churner');
  let churnCloses = 0;
  const churner = async () => {
    while (running()) {
      const churn = socketFor(server.wsUrl, churnToken, {
        onReady: (s) => {
          for (let i = 0; i < 1_000; i += 1) s.send(i % 2 === 0 ? subscribe('soak') : unsubscribe('soak'));
        },
      });
      while (running() && churn.closedWith === null) await sleep(50);
      if (churn.closedWith !== null) churnCloses += 1;
      churn.socket.terminate();
    }
  };

  // The host's member list, grown a thousand at a time, and the call's custom data rewritten so
  // the slow reader has something to fall behind on.
  let memberAnswers = { ok: 0, refused: 0 };
  const grower = async () => {
    let next = 0;
    const big = 'x'.repeat(12_000);
    while (running()) {
      const update_members = Array.from({ length: 1_000 }, () => ({ user_id: `member-${(next += 1)}` }));
      const status = await request(server.url, host, 'POST', '/video/call/livestream/soak/members', { update_members });
      if (status === 200) memberAnswers.ok += 1;
      else memberAnswers.refused += 1;
      await request(server.url, host, 'PATCH', '/video/call/livestream/soak', { custom: { big, next } });
      await sleep(20);
    }
  };

  // A viewer who was let on stage, on and off as fast as answers come.
  const toggler = await token('toggler');
  await request(server.url, toggler, 'POST', '/video/call/livestream/soak/join', {});
  await request(server.url, host, 'POST', '/video/call/livestream/soak/stage/grant', { user_ids: ['toggler'] });
  let toggles = { ok: 0, refused: 0 };
  const stageToggler = async () => {
    let on = false;
    while (running()) {
      const status = await request(server.url, toggler, 'POST', `/video/call/livestream/soak/stage/${on ? 'leave' : 'join'}`);
      if (status === 200) {
        toggles.ok += 1;
        on = !on;
      } else toggles.refused += 1;
    }
  };

  // `GET /time`, every 20 ms, timed end to end from a process of its own.
  const prober = () =>
    new Promise((resolveTimes) => {
      const child = spawn(process.execPath, [resolve(here, 'probe.mjs'), server.url, String(Math.max(0, stopAt - performance.now()))], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.once('message', resolveTimes);
      child.once('exit', () => resolveTimes([]));
    });

  const [times] = await Promise.all([prober(), slowReaders(), churner(), grower(), stageToggler()]);
  const up = server.alive();
  const peak = up ? await server.peakRss() : null;
  const after = up ? (await server.memory()).memory.rss : null;
  const sorted = times.sort((a, b) => a - b);
  const watching = viewers.filter((v) => v.closedWith === null).length;

  figure(SECTION, 'soak: server still up after the soak', up ? 1 : 0, '', { budget: { min: 1 }, note: server.faults.length ? `${server.faults.length} faults: ${server.faults[0]}` : 'no faults reported' });
  figure(SECTION, 'soak: faults the server reported', server.faults.length, '', { budget: { max: 0 } });
  figure(SECTION, 'soak: peak server RSS', peak === null ? null : peak / 2 ** 20, 'MB', {
    budget: { max: RSS_BUDGET_MB },
    note: `${fmt(baseline / 2 ** 20)} MB before the crowd, ${after === null ? '?' : fmt(after / 2 ** 20)} MB after GC at the end`,
  });
  figure(SECTION, 'soak: GET /time p99', percentile(sorted, 99), 'ms', {
    budget: { max: TIME_P99_BUDGET_MS },
    note: `median ${percentile(sorted, 50).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms over ${fmt(sorted.length)} requests`,
  });
  figure(SECTION, 'soak: viewers still connected at the end', watching, '', { budget: { min: VIEWERS } });
  figure(SECTION, 'soak: slow reader cut off (times)', slowCutOffs, '', { note: 'each time it fell past the outbound high-water mark' });
  figure(SECTION, 'soak: churner closed for its message rate (times)', churnCloses, '');
  figure(SECTION, 'soak: member batches taken / refused', memberAnswers.ok, '', { note: `${memberAnswers.refused} refused (members cap or rate limit)` });
  figure(SECTION, 'soak: stage toggles taken / refused', toggles.ok, '', { note: `${toggles.refused} refused (429)` });
  for (const viewer of viewers) viewer.socket.terminate();
} finally {
  await server.stop();
}

// ---------------------------------------------------------------------------------------------
console.log('\nOne join, with 1 call held and with 30,000 (in this process, the hub alone)');
const scale = await importTs(resolve(here, 'scale.ts'), 'soak-scale');
for (const calls of [1, 30_000]) {
  const ms = await scale.joinCost(calls);
  figure(SECTION, `hub: one join with ${fmt(calls)} calls held`, ms, 'ms', { note: 'median of 200 joins' });
}
