// Real server processes on one Postgres schema: bundled once with vite (Node 20 runs no
// TypeScript), each started as a child with IPC, stopped gently or killed with SIGKILL.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
let bundled = null;

/** The child's bundle, built on first use. */
function bundle() {
  bundled ??= (async () => {
    // Inside the project, so the bundle's imports find its node_modules.
    const cache = join(root, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const outDir = mkdtempSync(join(cache, 'stagekit-server-child-'));
    const nodeEnv = process.env.NODE_ENV;
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        ssr: resolve(here, 'server-child.ts'),
        outDir,
        emptyOutDir: true,
        minify: false,
        target: 'node20',
        rolldownOptions: { output: { format: 'es', entryFileNames: 'server-child.mjs' } },
      },
    });
    // vite's build sets NODE_ENV for the whole process.
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    return join(outDir, 'server-child.mjs');
  })();
  return bundled;
}

/** Removes the bundle once its processes are done (the next start builds it again). */
export async function removeBundle() {
  const built = bundled;
  bundled = null;
  if (built) rmSync(dirname(await built), { recursive: true, force: true });
}

/**
 * Starts one server process; `config` is what server-child.ts reads (databaseUrl, schema, secret,
 * port, limits, …). `faults` collects what the server reports through onError.
 */
export async function startServerProcess(config, faults = []) {
  const entry = await bundle();
  const child = spawn(process.execPath, [entry, JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const { url, port } = await new Promise((resolveUrl, reject) => {
    child.on('message', (message) => {
      if (message.type === 'listening') resolveUrl(message);
      else if (message.type === 'fault') faults.push(message.error);
    });
    exited.then(({ code, signal }) => reject(new Error(`the server process exited (${code ?? signal})`)));
  });
  return {
    url,
    port,
    pid: child.pid,
    exited,
    /** As a crash would: no goodbye to anyone. */
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    /** Closes its sockets and connections, then exits. */
    async stop() {
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
