// Server fan-out: 10,000 WebSocket viewers on 127.0.0.1; go_live to the last viewer's event (median,
// p99); a join storm of 10,000 joins at go-live; server memory per idle viewer.
//
// Not measured yet. The reference server (src/server) has landed, but this bench is still to be
// written, and it needs care: every join is broadcast to every connected viewer and the engine
// copies the participant map on each join (see the engine bench), so a 10,000-join storm is
// O(n²) messages and O(n²) copying, and the bench must bound and report that rather than hang.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unmeasured } from '../lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SECTION = 'server';
const reason = existsSync(resolve(here, '../../src/server/index.ts'))
  ? 'the fan-out bench over src/server is not written yet'
  : 'waits for the server (src/server/index.ts)';

for (const name of [
  'server, 10k viewers: go_live to the last viewer, median',
  'server, 10k viewers: go_live to the last viewer, p99',
  'server: join storm, 10k joins at go-live',
  'server: memory per idle viewer',
]) {
  unmeasured(SECTION, name, reason);
}
