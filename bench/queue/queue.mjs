// StageRequestList with 10,000 pending requests in headless Chromium: first render, accepting one
// row, Accept all, and how many rows are in the DOM. The page is a production build (vite).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { figure, unmeasured } from '../lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, '../.out/queue');
const SECTION = 'queue';
const PENDING = 10_000;
const REPEATS = 9;
const CHROMIUM = '/usr/bin/chromium';
const FRAME = { max: 16 };

if (!existsSync(CHROMIUM)) {
  for (const name of ['first render', 'accepting one row', 'DOM rows']) {
    unmeasured(SECTION, `StageRequestList, 10k pending: ${name}`, `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  }
  process.exit(0);
}

await build({
  configFile: false,
  root: here,
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  build: { outDir, emptyOutDir: true, minify: true },
});

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = normalize(join(outDir, new URL(req.url, 'http://127.0.0.1').pathname === '/' ? 'index.html' : new URL(req.url, 'http://127.0.0.1').pathname));
  if (!path.startsWith(outDir) || !existsSync(path)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));

const { chromium } = await import('playwright');
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => 'stagekitBench' in window);
  const result = await page.evaluate(([pending, repeats]) => window.stagekitBench.run(pending, repeats), [PENDING, REPEATS]);
  if (errors.length) throw new Error(errors.join('; '));
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const max = (values) => Math.max(...values);
  const version = browser.version();
  console.log(`Chromium ${version}, ${REPEATS} runs, each: mount, accept the first row 5 times, Accept all`);
  figure(SECTION, 'StageRequestList, 10k pending: first render (median)', median(result.firstRenderMs), 'ms', {
    budget: FRAME,
    note: `worst ${max(result.firstRenderMs).toFixed(1)} ms; render, commit and layout`,
  });
  figure(SECTION, 'StageRequestList, 10k pending: accepting one row (median)', median(result.acceptOneMs), 'ms', {
    budget: FRAME,
    note: `worst ${max(result.acceptOneMs).toFixed(1)} ms; click to the row gone, ${median(result.acceptOneEngineMs).toFixed(1)} ms of it in the engine; list idle again after ${median(result.acceptOneIdleMs).toFixed(1)} ms`,
  });
  figure(SECTION, 'StageRequestList, 10k pending: Accept all (median)', median(result.acceptAllMs), 'ms', {
    note: `worst ${max(result.acceptAllMs).toFixed(1)} ms; ${median(result.acceptAllEngineMs).toFixed(0)} ms of it in the engine; ${result.countAfterAcceptAll} left pending`,
  });
  figure(SECTION, 'StageRequestList, 10k pending: DOM rows', result.maxRows, '', {
    budget: { max: 100 },
    note: `${result.rowsAfterFirstRender} after the first render; the most seen at any point`,
  });
} finally {
  await browser.close();
  server.close();
}
