import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../src/core/index.js';
import type { StageKitServer } from '../src/server/index.js';

// The demo server's own routes, served by Vite in development only:
//   GET  /demo/show                 → { id, exists }: the show every window follows (200 even before
//                                     it exists, so a waiting window polls without failed requests)
//   POST /demo/show                 → starts a new show: the next id, not yet scheduled
//   POST /demo/clock?seconds=60     → moves the server's clock; every client's countdown follows

/** Real time plus an offset the demo moves forward, telling the server when it jumps. */
export interface DemoClock extends Clock {
  advance(ms: number): void;
}

export function createDemoClock(): DemoClock {
  let offset = 0;
  const listeners = new Set<() => void>();
  return {
    now: () => Date.now() + offset,
    advance(ms) {
      offset += ms;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const CALL_TYPE = 'livestream';
const MAX_ADVANCE_SECONDS = 24 * 3600;

export function createDemoRoutes(server: StageKitServer, clock: DemoClock) {
  let show = 1;
  const showId = () => `show-${show}`;
  const reply = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  return (request: IncomingMessage, response: ServerResponse, next: () => void) => {
    const url = new URL(request.url ?? '/', 'http://demo');
    if (url.pathname === '/demo/show') {
      if (request.method === 'POST') show += 1;
      else if (request.method !== 'GET') return reply(response, 405, { message: 'GET or POST' });
      return reply(response, 200, { type: CALL_TYPE, id: showId(), exists: server.hub.inspect(CALL_TYPE, showId()) !== undefined });
    }
    if (url.pathname === '/demo/clock' && request.method === 'POST') {
      const seconds = Number(url.searchParams.get('seconds'));
      if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_ADVANCE_SECONDS) {
        return reply(response, 400, { message: `seconds must be a number from 1 to ${MAX_ADVANCE_SECONDS}` });
      }
      clock.advance(seconds * 1000);
      return reply(response, 200, { now: clock.now() });
    }
    next();
  };
}
