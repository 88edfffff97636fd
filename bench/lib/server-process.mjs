// The reference server in a process of its own, for the benches that put a crowd of sockets on it:
// started through a shell that raises its file-descriptor limit as far as it may go, asked for its
// memory over IPC, and killed when the bench is done.
import { execFileSync, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs, out } from './bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** The bundled `bench/server/serve.ts`: `createToken`, `SECRET` and the server's `main`. */
export const serve = await importTs(resolve(here, '../server/serve.ts'), 'server');
const servePath = resolve(out, 'node', 'server', 'server.mjs');

/** `ulimit -n` (soft) or `ulimit -Hn` (hard) of this process, Infinity when unlimited. */
export function fdLimit(flag) {
  const text = execFileSync('sh', ['-c', `ulimit ${flag}`], { encoding: 'utf8' }).trim();
  return text === 'unlimited' ? Infinity : Number(text);
}

/** Starts the server with these limits; `faults` collects what it reports through `onError`. */
export async function startServerProcess(limits = {}, faults = []) {
  const child = spawn(
    'sh',
    [
      '-c',
      'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"',
      process.execPath,
      '--expose-gc',
      '--max-old-space-size=8192',
      // STAGEKIT_BENCH_PROFILE=dir writes the server's CPU profile there when the bench is done with it.
      ...(process.env.STAGEKIT_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.STAGEKIT_BENCH_PROFILE}`] : []),
      resolve(here, '../server/child.mjs'),
      servePath,
      JSON.stringify(limits),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const pending = new Map();
  let nextId = 0;
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const url = await new Promise((resolveUrl, reject) => {
    child.on('message', (message) => {
      if (message.type === 'listening') resolveUrl(message.url);
      else if (message.type === 'fault') faults.push(message.error);
      else pending.get(message.id)?.(message);
    });
    exited.then(({ code, signal }) => reject(new Error(`the server process exited (${code ?? signal})`)));
  });
  const ask = (type) =>
    new Promise((r) => {
      const id = (nextId += 1);
      pending.set(id, r);
      child.send({ id, type });
    });
  return {
    url,
    wsUrl: `${url.replace('http', 'ws')}/video/connect`,
    memory: () => ask('memory'),
    peakRss: async () => (await ask('peak')).peakRss,
    exited,
    async stop() {
      // A profiled server leaves on its own when this process lets it go, and writes its profile.
      if (process.env.STAGEKIT_BENCH_PROFILE && child.connected) child.disconnect();
      else if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs `task(i)` for i below `count`, `limit` at a time. */
export async function pool(count, limit, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until `predicate()` holds or `timeoutMs` passed; true when it held. */
export async function until(predicate, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) return false;
    await sleep(2);
  }
  return true;
}

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** One REST request with a token; throws on a refusal. Resolves with the body's text and size. */
export async function request(url, token, method, path, body) {
  const response = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
  return text;
}
