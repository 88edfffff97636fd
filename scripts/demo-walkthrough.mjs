// Walks the demo as a person would, in headless Chromium, and fails on any console error:
// a host and a viewer window, schedule, skip ahead, join, go live, request and grant the stage,
// end the call, start a new show. Screenshots of both windows go to the folder given.
//
// Start the demo first (`npm start`), then:
//   node scripts/demo-walkthrough.mjs [http://localhost:5173] [--dark] [--shots <dir>]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright';

const args = process.argv.slice(2);
const base = args.find((arg) => arg.startsWith('http')) ?? 'http://localhost:5173';
const dark = args.includes('--dark');
const shots = args.includes('--shots') ? args[args.indexOf('--shots') + 1] : undefined;
if (shots) mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const errors = [];
async function open(query) {
  const context = await browser.newContext({ colorScheme: dark ? 'dark' : 'light', viewport: { width: 560, height: 760 } });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${query}: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`${query}: ${error.message}`));
  await page.goto(`${base}/?${query}`);
  return page;
}
async function shot(page, name) {
  if (shots) await page.screenshot({ path: join(shots, `${name}${dark ? '-dark' : ''}.png`), fullPage: true });
}

let host;
let viewer;
/**
 * Clicks a button as a person does: once it shows, and not in the instant its label changed, when
 * the kit's controls ignore a click (a double click must not act twice).
 */
async function press(page, name, { exact = false, inGroup = false } = {}) {
  const scope = inGroup ? page.getByRole('group') : page;
  const button = scope.getByRole('button', { name, exact }).first();
  await button.waitFor();
  await page.waitForTimeout(450);
  await button.click();
}

try {
  // A show of its own, whatever earlier runs left on the demo server.
  await fetch(`${base}/demo/show`, { method: 'POST' });
  host = await open('as=host');
  viewer = await open('as=viewer&name=Ana');
  await viewer.getByText('Nothing scheduled yet').waitFor();
  // Long enough for a few polls of a show that does not exist yet: none may log an error.
  await viewer.waitForTimeout(2_500);
  await shot(viewer, 'viewer-waiting');

  await press(host, 'Schedule the show');
  await viewer.getByText(/doors open/i).first().waitFor();
  await shot(viewer, 'viewer-scheduled');
  await press(host, 'Skip 1 min');
  await press(viewer, 'Join', { exact: true });
  await shot(viewer, 'viewer-doors-open');
  await press(host, 'Skip 1 min');
  await press(host, 'Go live');
  await press(viewer, 'Request to join stage');
  await press(host, /accept/i);
  await press(viewer, /join stage/i);
  await viewer.getByRole('button', { name: /leave stage/i }).waitFor();
  await shot(host, 'host-live');
  await shot(viewer, 'viewer-on-stage');

  // End call asks first; the confirmation's own End call ends it.
  await press(host, 'End call');
  await press(host, 'End call', { inGroup: true });
  await press(host, 'New show');
  await host.getByRole('button', { name: 'Schedule the show' }).waitFor();
  await viewer.getByText('Nothing scheduled yet').waitFor();
  await shot(host, 'host-new-show');
  if (errors.length > 0) throw new Error(`console errors:\n${errors.join('\n')}`);
  console.log('demo walkthrough: passed');
} catch (error) {
  if (host) await shot(host, 'failed-host');
  if (viewer) await shot(viewer, 'failed-viewer');
  throw error;
} finally {
  await browser.close();
}
