#!/usr/bin/env node
// The `stagekit-server` command. The server's packages are optional peers of the kit (a React-only
// app never installs them), so check for them before loading the CLI: a missing one then reads as
// the command to run, not as ERR_MODULE_NOT_FOUND.

export {};

const SERVER_PEERS = ['hono', '@hono/node-server', 'ws', 'jose'] as const;

async function missingPeers(): Promise<string[]> {
  const missing: string[] = [];
  for (const name of SERVER_PEERS) {
    try {
      await import(name);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
      missing.push(name);
    }
  }
  return missing;
}

const missing = await missingPeers();
// pg only for a server on PostgreSQL.
const onPostgres = process.argv.some((arg) => arg === '--database-url' || arg.startsWith('--database-url=')) || !!process.env.DATABASE_URL;
if (onPostgres && process.argv[2] !== 'token') {
  try {
    await import('pg');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    missing.push('pg');
  }
}
if (missing.length > 0) {
  console.error(
    `stagekit-server needs ${new Intl.ListFormat('en').format(missing)}, which stagekit leaves to the app (optional peers).\n` +
      `Install them beside stagekit:\n\n  npm install ${missing.join(' ')}\n`,
  );
  process.exit(1);
}
const { runCli } = await import('./cli.js');
await runCli(process.argv.slice(2));
