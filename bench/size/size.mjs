// Bundle sizes, minified and gzipped, of what an app imports from stagekit as published: the
// package is built with its own vite config, then each import is bundled the way an app would
// bundle it, with the peers an app already has external (react, react-dom, zustand, TanStack Query).
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { figure, unmeasured } from '../lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const peers = resolve(here, '../peers');
const pkg = resolve(here, '../.out/package');
const verbose = process.argv.includes('--verbose');
const SECTION = 'size';

const external = [/^react($|\/)/, /^react-dom($|\/)/, /^zustand($|\/)/, /^@tanstack\/react-query($|\/)/];

/** The package as `npm run build` lays it out (JavaScript and stylesheet; types play no part in size). */
async function buildPackage() {
  rmSync(pkg, { recursive: true, force: true });
  await build({
    configFile: resolve(root, 'vite.config.ts'),
    root,
    logLevel: 'silent',
    build: { outDir: resolve(pkg, 'dist'), emptyOutDir: true, sourcemap: false },
  });
  copyFileSync(resolve(root, 'src/styles/stagekit.css'), resolve(pkg, 'dist/styles.css'));
  // Its package.json carries `sideEffects`, which the app's bundler reads when tree-shaking.
  writeFileSync(resolve(pkg, 'package.json'), readFileSync(resolve(root, 'package.json')));
}

const alias = [
  { find: /^stagekit$/, replacement: resolve(pkg, 'dist/index.js') },
  { find: /^stagekit\/react$/, replacement: resolve(pkg, 'dist/react.js') },
  { find: /^stagekit\/styles\.css$/, replacement: resolve(pkg, 'dist/styles.css') },
];

/** Builds one entry and returns its minified and gzipped bytes, and the modules that made it. */
async function measure(entry) {
  const output = await build({
    configFile: false,
    root: dirname(entry),
    logLevel: 'silent',
    plugins: [react()],
    resolve: { alias },
    build: {
      write: false,
      minify: true,
      cssMinify: true,
      target: 'es2022',
      lib: { entry, formats: ['es'], fileName: 'bundle', cssFileName: 'bundle' },
      rolldownOptions: { external, output: { codeSplitting: false } },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
  let min = 0;
  let gz = 0;
  const modules = [];
  for (const item of outputs) {
    const source = item.type === 'chunk' ? item.code : item.source;
    if (item.type === 'asset' && !item.fileName.endsWith('.css')) continue;
    const bytes = Buffer.from(source);
    min += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
    if (item.type === 'chunk') {
      for (const [id, info] of Object.entries(item.modules)) if (info.renderedLength > 0) modules.push([id, info.renderedLength]);
    }
  }
  modules.sort((a, b) => b[1] - a[1]);
  return { min, gz, modules };
}

const kB = (bytes) => bytes / 1000;
const short = (id) => {
  const path = id.replace(/^\0/, '').replace(pkg + '/', 'stagekit/');
  const nm = path.lastIndexOf('node_modules/');
  return nm >= 0 ? path.slice(nm + 'node_modules/'.length) : relative(root, path);
};

function printModules(label, modules, count = 12) {
  console.log(`    ${label}, largest modules (minified, before gzip):`);
  for (const [id, length] of modules.slice(0, count)) console.log(`      ${String(length).padStart(8)} B  ${short(id)}`);
}

const kit = {};
const cases = [
  // 12.5 kB since StageNotifications, invitations and readable errors came in (about 3 kB); back to
  // 12 kB once the components' module splits land.
  ['all', 'stagekit/react, every hook and component', 'size/kit-all.js', { max: 12.5 }],
  ['useStageStatus', 'stagekit/react, useStageStatus alone', 'size/kit-use-stage-status.js', { max: 3 }],
  ['GoLiveButton', 'stagekit/react, GoLiveButton alone', 'size/kit-go-live-button.js', undefined],
  // Aiming at 3 kB; a third of it is the provider's default messages every component carries.
  ['StageNotifications', 'stagekit/react, StageNotifications alone', 'size/kit-stage-notifications.js', undefined],
  ['styles', 'stagekit/styles.css', 'size/kit-styles.js', undefined],
];

console.log('Bundle size as published (minified + gzip; react, react-dom, zustand, @tanstack/react-query external)');
await buildPackage();
for (const [key, name, file, budget] of cases) {
  const result = await measure(resolve(here, '..', file));
  kit[key] = result;
  figure(SECTION, `${name} (gz)`, kB(result.gz), 'kB', { budget, note: `${kB(result.min).toFixed(1)} kB minified` });
  if (verbose) printModules(name, result.modules);
}

// Tree-shaking should leave the rules engine and its input validation to the server side; flag it
// if a hook alone pulls them in.
const engineIn = (modules) => modules.filter(([id]) => /\.out\/package\/dist\/index\.js$|node_modules\/valibot\//.test(id));
const dragged = engineIn(kit.useStageStatus.modules);
figure(SECTION, 'engine + valibot bytes in useStageStatus alone', dragged.reduce((n, [, l]) => n + l, 0) / 1000, 'kB', {
  budget: { max: 0 },
  note: dragged.length ? `pulled in: ${dragged.map(([id]) => short(id)).join(', ')}` : 'none: tree-shaken away',
});
if (dragged.length && !verbose) printModules('useStageStatus alone', kit.useStageStatus.modules);

const peerCases = [
  ['Stream: @stream-io/video-client + video-react-bindings', 'stream.js', ['@stream-io/video-client', '@stream-io/video-react-bindings']],
  ['Cloudflare: @cloudflare/realtimekit + realtimekit-react', 'realtimekit.js', ['@cloudflare/realtimekit', '@cloudflare/realtimekit-react']],
];
console.log('\nThe same measure for the stage/backstage features of the big video SDKs (bench/peers)');
for (const [name, file, packages] of peerCases) {
  const missing = packages.filter((p) => !existsSync(resolve(peers, 'node_modules', p, 'package.json')));
  if (missing.length) {
    unmeasured(SECTION, `${name} (gz)`, `not installed (${missing.join(', ')}): run \`npm ci --prefix bench/peers\``);
    continue;
  }
  let result;
  try {
    result = await measure(resolve(peers, file));
  } catch (error) {
    unmeasured(SECTION, `${name} (gz)`, `did not build: ${String(error.message ?? error).split('\n')[0]}`);
    continue;
  }
  const versions = packages.map((p) => `${p.split('/')[1]}@${readVersion(p)}`).join(', ');
  figure(SECTION, `${name} (gz)`, kB(result.gz), 'kB', { note: `${kB(result.min).toFixed(0)} kB minified; ${versions}` });
  figure(SECTION, `  ratio to the whole stagekit/react`, result.gz / kit.all.gz, '×');
  if (verbose) printModules(name, result.modules);
}

function readVersion(name) {
  return JSON.parse(readFileSync(resolve(peers, 'node_modules', name, 'package.json'), 'utf8')).version;
}
