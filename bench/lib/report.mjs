// Every bench script records its figures here; `bench/run.mjs` gathers them across scripts.
import { writeFileSync } from 'node:fs';

const figures = [];

/**
 * Records and prints one figure. `budget` is `{ max }` or `{ min }` in the figure's unit; a figure
 * without one is printed for information (peer sizes, ratios, setup costs).
 */
export function figure(section, name, value, unit, { budget, note } = {}) {
  const ok = budget === undefined || value === null ? null : budget.max !== undefined ? value <= budget.max : value >= budget.min;
  const row = { section, name, value, unit, budget: budget ?? null, ok, note: note ?? null };
  figures.push(row);
  console.log(formatRow(row));
  return row;
}

/** A figure that could not be taken here, with the reason instead of a number. */
export function unmeasured(section, name, reason, { budget } = {}) {
  return figure(section, name, null, '', { budget, note: reason });
}

export function formatValue(value, unit) {
  if (value === null) return 'not measured';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${text} ${unit}` : text;
}

export function formatBudget(budget, unit) {
  if (!budget) return '';
  return budget.max !== undefined ? `≤ ${formatValue(budget.max, unit)}` : `≥ ${formatValue(budget.min, unit)}`;
}

export function formatRow(row) {
  const verdict = row.ok === null ? '' : row.ok ? '  ok' : '  OVER BUDGET';
  const budget = row.budget ? `  (budget ${formatBudget(row.budget, row.unit)})` : '';
  const note = row.note ? `  — ${row.note}` : '';
  return `  ${row.name.padEnd(58)} ${formatValue(row.value, row.unit).padStart(16)}${budget}${verdict}${note}`;
}

// The runner passes a file through the environment; a script run on its own just prints.
process.on('exit', () => {
  if (process.env.STAGEKIT_BENCH_RESULTS) writeFileSync(process.env.STAGEKIT_BENCH_RESULTS, JSON.stringify(figures));
});
