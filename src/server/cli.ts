import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createStageKitServer } from './stagekit-server.js';
import { createToken } from './token.js';

const USAGE = `Usage:
  stagekit-server [--port 8787] [--host 127.0.0.1] [--dev-tokens] [--database-url postgres://…]
      Runs the reference server: in memory, or on PostgreSQL with --database-url (or DATABASE_URL),
      where calls survive restarts and several processes can serve the same calls.
  stagekit-server token <user_id> [--role <role>] [--name <name>] [--team <team>]… [--expires-in <span>]
      Prints a token for a user, signed with the same secret.

The secret comes from STAGEKIT_SECRET (16 characters or more). Without it the server makes one up
for this run and tokens from an earlier run stop working.
--dev-tokens serves GET /dev/token?user_id=..&role=..&teams=a,b to anyone: for demos on your own machine only.`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'dev-tokens': { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      team: { type: 'string', multiple: true },
      'expires-in': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const envSecret = process.env.STAGEKIT_SECRET;
  if (positionals[0] === 'token') {
    const userId = positionals[1];
    if (!userId || !envSecret) throw new Error(`token needs a user id and STAGEKIT_SECRET\n\n${USAGE}`);
    const token = await createToken(
      envSecret,
      {
        user_id: userId,
        ...(values.role && { role: values.role }),
        ...(values.name && { name: values.name }),
        ...(values.team && { teams: values.team }),
      },
      values['expires-in'] ? { expiresIn: values['expires-in'] } : {},
    );
    console.log(token);
    return;
  }
  if (positionals.length > 0) throw new Error(`unknown command '${positionals[0]}'\n\n${USAGE}`);
  const secret = envSecret ?? randomBytes(32).toString('base64url');
  if (!envSecret) console.warn('stagekit-server: STAGEKIT_SECRET is not set; using a secret made up for this run');
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  const storage = databaseUrl ? await postgresStorage(databaseUrl) : undefined;
  const server = createStageKitServer({ secret, devTokens: values['dev-tokens'], ...(storage && { storage }) });
  const { url } = await server.listen({ port: Number(values.port), host: values.host });
  console.log(`stagekit-server listening on ${url} (WebSocket ${url.replace(/^http/, 'ws')}/video/connect)`);
  if (values['dev-tokens']) console.log(`dev tokens: ${url}/dev/token?user_id=alice&role=admin`);
  if (storage) console.log(`stagekit-server: calls are kept in PostgreSQL (${redacted(databaseUrl!)})`);
  const stop = () => {
    server
      .close()
      .then(() => storage?.close())
      .then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The Postgres storage, loaded only for a server that uses it (bin.ts checked that pg is there). */
async function postgresStorage(connectionString: string) {
  const { createPostgresStorage } = await import('./postgres-storage.js');
  return createPostgresStorage({ connectionString });
}

/** A database URL fit to print: without its password. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the given database';
  }
}

/** Runs the `stagekit-server` command line (bin.ts calls it once the server's peers are found). */
export function runCli(argv: string[]): Promise<void> {
  return main(argv).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
