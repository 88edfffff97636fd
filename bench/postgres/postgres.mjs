// The reference server on PostgreSQL, two processes behind no balancer at all (clients pick one
// each, round robin), beside one in-memory process doing the same work: actions per second (joins
// of distinct users over REST, 50 in flight), and go-live fan-out latency to WebSocket viewers
// spread over the processes. Needs a database: STAGEKIT_TEST_DATABASE_URL (or DATABASE_URL);
// `bash scripts/with-postgres.sh npm run bench -- --only postgres` makes a throwaway one.
// BENCH_ACTIONS and BENCH_VIEWERS change the two sizes for a quick look.
import { randomBytes } from 'node:crypto';
import { figure, unmeasured } from '../lib/report.mjs';

const SECTION = 'postgres';
const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 2000);
const IN_FLIGHT = 50;
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 1000);
const ROUNDS = 5;
const databaseUrl = process.env.STAGEKIT_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const LIMITS = Object.fromEntries(
  ['joinLeaveBurst', 'callActionBurst', 'requestBurst', 'liveToggleBurst', 'callCreateBurst', 'connectBurst', 'subscribeBurst'].map((name) => [name, 1_000_000]),
);
const fmt = (n) => Math.round(n).toLocaleString('en-US');

if (!databaseUrl) {
  const reason = 'no database (set STAGEKIT_TEST_DATABASE_URL, or run through scripts/with-postgres.sh)';
  unmeasured(SECTION, 'postgres, 2 processes: joins per second', reason);
  unmeasured(SECTION, `postgres, 2 processes: go-live to ${fmt(VIEWERS)} viewers, median`, reason);
  unmeasured(SECTION, `postgres, 2 processes: go-live to ${fmt(VIEWERS)} viewers, p99`, reason);
  process.exit(0);
}

// Loaded only with a database to measure: they bundle the server first.
const { Client } = await import('pg');
const { WebSocket } = await import('ws');
const { removeBundle, startServerProcess } = await import('../../test/server-postgres/server-processes.mjs');
const { percentile, pool, request, serve } = await import('../lib/server-process.mjs');

const token = (userId) => serve.createToken(serve.SECRET, { user_id: userId });
const hostToken = await token('host');

/** Joins of distinct users, round robin over the processes; resolves with actions per second. */
async function joinRate(urls, id) {
  await request(urls[0], hostToken, 'POST', `/video/call/livestream/${id}`, {});
  await request(urls[0], hostToken, 'POST', `/video/call/livestream/${id}/go_live`, {});
  const tokens = await Promise.all(Array.from({ length: ACTIONS }, (_, i) => token(`joiner-${i}`)));
  const start = performance.now();
  await pool(ACTIONS, IN_FLIGHT, (i) => request(urls[i % urls.length], tokens[i], 'POST', `/video/call/livestream/${id}/join`, {}));
  return (ACTIONS / (performance.now() - start)) * 1000;
}

/** Go-live to every viewer's `call.live_started`, viewers spread over the processes; latencies in ms. */
async function fanOut(urls, id) {
  await request(urls[0], hostToken, 'POST', `/video/call/livestream/${id}`, {});
  const sockets = [];
  const waiting = new Set();
  let startedAt = 0;
  const latencies = [];
  await pool(VIEWERS, 100, async (i) => {
    const userToken = await token(`viewer-${i}`);
    const socket = new WebSocket(`${urls[i % urls.length].replace('http', 'ws')}/video/connect`, { perMessageDeflate: false });
    sockets.push(socket);
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`viewer-${i} was not subscribed within 20 s`)), 20_000);
      socket.on('error', reject);
      socket.on('close', (code) => reject(new Error(`viewer-${i}'s socket closed (${code})`)));
      socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token: userToken })));
      socket.on('message', (data) => {
        const text = data.toString();
        if (text.includes('"call.live_started"') && waiting.delete(socket)) latencies.push(performance.now() - startedAt);
        else if (text.startsWith('{"type":"ready"')) socket.send(JSON.stringify({ type: 'subscribe', call_type: 'livestream', call_id: id }));
        else if (text.startsWith('{"type":"events"')) {
          clearTimeout(timer);
          resolve();
        }
        else if (text.startsWith('{"type":"ping"')) socket.send('{"type":"pong"}');
      });
    });
  });
  const rounds = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    latencies.length = 0;
    for (const socket of sockets) waiting.add(socket);
    startedAt = performance.now();
    await request(urls[0], hostToken, 'POST', `/video/call/livestream/${id}/go_live`, {});
    const deadline = performance.now() + 30_000;
    while (waiting.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    if (waiting.size > 0) throw new Error(`${waiting.size} viewers never saw the call go live`);
    rounds.push(...latencies);
    await request(urls[0], hostToken, 'POST', `/video/call/livestream/${id}/stop_live`, {});
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const socket of sockets) socket.terminate();
  return rounds.sort((a, b) => a - b);
}

async function measure(label, processes) {
  const urls = processes.map((process) => process.url);
  try {
    const rate = await joinRate(urls, 'joins');
    figure(SECTION, `${label}: joins per second`, rate, '/s', { note: `${fmt(ACTIONS)} users, ${IN_FLIGHT} in flight` });
    const latencies = await fanOut(urls, 'fanout');
    figure(SECTION, `${label}: go-live to ${fmt(VIEWERS)} viewers, median`, percentile(latencies, 50), 'ms');
    figure(SECTION, `${label}: go-live to ${fmt(VIEWERS)} viewers, p99`, percentile(latencies, 99), 'ms');
  } finally {
    await Promise.all(processes.map((process) => process.stop()));
  }
}

const faults = [];
const base = { secret: serve.SECRET, limits: LIMITS };
console.log(`\nOne process in memory, then two on PostgreSQL: ${fmt(ACTIONS)} joins, then go-live to ${fmt(VIEWERS)} viewers (${ROUNDS} rounds)`);
await measure('memory, 1 process', [await startServerProcess(base, faults)]);
const schema = `bench_${randomBytes(4).toString('hex')}`;
const shared = { ...base, databaseUrl, schema };
await measure('postgres, 2 processes', await Promise.all([startServerProcess(shared, faults), startServerProcess(shared, faults)]));
const client = new Client({ connectionString: databaseUrl });
await client.connect();
await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
await client.end();
await removeBundle();
if (faults.length > 0) {
  console.error(faults.join('\n'));
  process.exit(1);
}
