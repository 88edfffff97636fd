// `npm run bench [-- --check] [-- --only size,engine] [-- --verbose] [-- --markdown]`
// Runs each bench in its own process (so one's heap and JIT state don't colour another's figures),
// prints every figure with its budget, and with --check exits non-zero when a budget is broken.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatBudget, formatValue } from './lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const SECTIONS = {
  size: 'Bundle size',
  renders: 'Render precision',
  queue: 'Large queue in Chromium',
  engine: 'Engine throughput',
  server: 'Server fan-out',
  postgres: 'Server on PostgreSQL, two processes',
  audience: 'Audiences of any size',
  soak: 'Soak under hostile clients',
};

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    only: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    markdown: { type: 'boolean', default: false },
  },
});

const only = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(SECTIONS);
const unknown = only.filter((s) => !(s in SECTIONS));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')}; choose from ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'stagekit-bench-'));
const figures = [];
const crashed = [];
for (const section of only) {
  console.log(`\n## ${SECTIONS[section]}  (bench/${section}/${section}.mjs)\n`);
  const results = join(dir, `${section}.json`);
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', resolve(here, section, `${section}.mjs`), ...(values.verbose ? ['--verbose'] : [])],
    { stdio: 'inherit', env: { ...process.env, STAGEKIT_BENCH_RESULTS: results } },
  );
  if (run.status !== 0) crashed.push(`${section} (exit ${run.status ?? run.signal})`);
  try {
    figures.push(...JSON.parse(readFileSync(results, 'utf8')));
  } catch {
    // A bench that died before writing anything is already in `crashed`.
  }
}
rmSync(dir, { recursive: true, force: true });

const budgeted = figures.filter((f) => f.budget);
const broken = budgeted.filter((f) => f.ok === false);
const waiting = budgeted.filter((f) => f.value === null);

console.log('\n## Budgets\n');
for (const f of budgeted) {
  const verdict = f.value === null ? 'not measured' : f.ok ? 'ok' : 'OVER BUDGET';
  console.log(`  ${verdict.padEnd(13)} ${f.name.padEnd(58)} ${formatValue(f.value, f.unit).padStart(14)}  ${formatBudget(f.budget, f.unit)}`);
}
if (waiting.length) console.log(`\n  ${waiting.length} budgeted figure(s) could not be measured here; see the notes above.`);
for (const c of crashed) console.log(`  CRASHED       ${c}`);

if (values.markdown) {
  console.log('\n| Figure | Value | Budget |\n| --- | ---: | --- |');
  for (const f of figures) {
    const value = f.value === null ? `not measured: ${f.note}` : formatValue(f.value, f.unit);
    const verdict = f.ok === null ? '' : f.ok ? ' ✓' : ' ✗';
    console.log(`| ${f.name.trim()} | ${value} | ${formatBudget(f.budget, f.unit)}${verdict} |`);
  }
}

const failed = broken.length > 0 || crashed.length > 0;
console.log(`\n${budgeted.length - broken.length - waiting.length} budgets met, ${broken.length} broken, ${waiting.length} not measured${crashed.length ? `, ${crashed.length} bench(es) crashed` : ''}.`);
if (values.check && failed) process.exit(1);
