// Render precision: React Profiler commits per component over a scripted session, in jsdom.
// A commit is unneeded when none of the hook values the component reads changed in that step; a
// commit that leaves the component's DOM exactly as it was is counted too, as over-broad reading.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { importTs } from '../lib/bundle.mjs';
import { figure } from '../lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SECTION = 'renders';

// The DOM has to be in place before react-dom loads.
const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true, url: 'http://127.0.0.1/' });
for (const key of Object.getOwnPropertyNames(dom.window)) {
  if (!(key in globalThis)) Object.defineProperty(globalThis, key, { configurable: true, writable: true, value: dom.window[key] });
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

const { runSession, VIEWERS } = await importTs(resolve(here, 'session.tsx'), 'renders');
const result = await runSession();

console.log(
  `Session: 1 host, ${VIEWERS} viewers, ${result.requests} stage requests, ${result.grants} grants, go live, stop live (${result.steps} steps)`,
);
console.log(`  ${'component'.padEnd(36)} ${'commits'.padStart(8)} ${'data unchanged'.padStart(15)} ${'DOM unchanged'.padStart(14)}`);
for (const c of result.components) {
  const where = [...new Set([...c.unneededAt, ...c.invisibleAt])];
  const eg = where.length ? `  e.g. ${where.join('; ')}` : '';
  console.log(`  ${c.name.padEnd(36)} ${String(c.commits).padStart(8)} ${String(c.unneeded).padStart(15)} ${String(c.invisible).padStart(14)}${eg}`);
}
const sum = (key) => result.components.reduce((n, c) => n + c[key], 0);
const list = (key) => result.components.filter((c) => c[key]).map((c) => `${c.name}: ${c[key]}`).join(', ') || undefined;
figure(SECTION, 'commits, all profiled components', sum('commits'), '');
figure(SECTION, 'commits of components whose data did not change', sum('unneeded'), '', { budget: { max: 0 }, note: list('unneeded') });
figure(SECTION, 'commits that left the component\'s DOM unchanged', sum('invisible'), '', { note: list('invisible') });
