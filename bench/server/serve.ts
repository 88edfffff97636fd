import { createStageKitServer, createToken, type ServerLimits } from '../../src/server/index.js';

// The server side of the fan-out bench. It runs in a process of its own (see `child.mjs`), so the
// thousands of sockets the bench opens are read by another event loop than the one that writes them.

export const SECRET = 'bench-secret-of-at-least-16-chars';

export { createToken };

/** What the bench process asks the server process over IPC. */
type Request = { id: number; type: 'memory' } | { id: number; type: 'peak' };

export interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/**
 * Starts the reference server on 127.0.0.1 and answers memory questions over IPC until the parent
 * goes away. Each viewer is a user of its own, so the per-user limits do not apply to the crowd.
 */
export async function main(limits: Partial<ServerLimits> = {}): Promise<void> {
  const send = (message: unknown) => process.send?.(message);
  const server = createStageKitServer({
    secret: SECRET,
    limits,
    // A ping sweep over every socket in the middle of a measurement would show up in it; the bench
    // clients still answer pings, but none is due while it runs.
    heartbeatMs: 10 * 60_000,
    onError: (error) => send({ type: 'fault', error: String((error as Error)?.stack ?? error) }),
  });
  const { url } = await server.listen({ port: 0, host: '127.0.0.1' });

  // Peak RSS while a storm runs: sampled, since memoryUsage() reports only the present.
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  sampler.unref();

  process.on('message', (raw: Request) => {
    if (raw.type === 'memory') {
      const gc = (globalThis as { gc?: () => void }).gc;
      // Twice: the first pass can leave garbage that only a second one finds unreachable.
      gc?.();
      gc?.();
      const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
      send({ id: raw.id, memory: { rss, heapUsed, external, arrayBuffers } satisfies Memory, gc: !!gc, connections: server.connections().length });
    } else if (raw.type === 'peak') {
      const peak = Math.max(peakRss, process.memoryUsage.rss());
      peakRss = process.memoryUsage.rss();
      send({ id: raw.id, peakRss: peak });
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'listening', url });
}
