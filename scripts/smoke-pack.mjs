// The package as an app gets it: packs stagekit, installs the tarball into two fresh apps in a
// temporary folder, and checks what a new user would try first.
//
//   app-19: Vite + React 19 + TypeScript (moduleResolution bundler), with the server's peers.
//           Type-checks strictly, builds, renders the README example with renderToString,
//           require()s the package, and runs `stagekit-server` from its node_modules/.bin.
//   app-18: React 18 + TypeScript (moduleResolution node16), already holding jose 5, hono 4.12 and
//           @tanstack/react-query 5.106: installs without ERESOLVE, shares one TanStack Query,
//           type-checks and builds; `stagekit-server` names the server peers it lacks.
//
// Usage: node scripts/smoke-pack.mjs [--keep]   (--keep leaves the temporary folder for a look)
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'stagekit-smoke-'));
const started = Date.now();

function step(name) {
  console.log(`smoke: ${name} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

/** Runs a command; on failure prints what it printed and stops the smoke test. */
function run(cwd, command, args, options = {}) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe', ...options });
  } catch (error) {
    console.error(`smoke: failed in ${cwd}: ${command} ${args.join(' ')}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    throw new Error(`${command} ${args.join(' ')} failed`, { cause: error });
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function write(dir, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof text === 'string' ? text : `${JSON.stringify(text, null, 2)}\n`);
  }
}

// The README's React example, as an app would write it.
const README_APP = `import { createMemoryBackend } from 'stagekit';
import { StageKitProvider, StageCall, GoLiveButton, StageRequestList, StageToggle, BackstageGate } from 'stagekit/react';
import 'stagekit/styles.css'; // optional

const backend = createMemoryBackend();
const client = backend.client({ user: { id: 'alice', name: 'Alice' } });

export function App() {
  return (
    <StageKitProvider client={client}>
      <StageCall type="livestream" id="launch" load="getOrCreate">
        <GoLiveButton showOptions confirmStop />
        <StageRequestList />
        <BackstageGate>
          <StageToggle />
        </BackstageGate>
      </StageCall>
    </StageKitProvider>
  );
}
`;

// The app's own QueryClient handed to the kit: with two copies of TanStack Query this is a type error.
const MAIN = (ext) => `import { QueryClient } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { createMemoryBackend } from 'stagekit';
import { formatDuration } from 'stagekit/format';
import { StageCall, StageKitProvider, useJoinAheadCountdown } from 'stagekit/react';
import { App } from './App${ext}';

function Countdown() {
  const { secondsRemaining } = useJoinAheadCountdown();
  return <p>{secondsRemaining === null ? 'no schedule' : formatDuration(secondsRemaining)}</p>;
}

const queryClient = new QueryClient();
const client = createMemoryBackend().client({ user: { id: 'vic' } });
createRoot(document.getElementById('root')!).render(
  <StageKitProvider client={client} queryClient={queryClient}>
    <App />
    <StageCall type="livestream" id="launch">
      <Countdown />
    </StageCall>
  </StageKitProvider>,
);
`;

const SSR = `import { renderToString } from 'react-dom/server';
import { App } from './App';

console.log(renderToString(<App />));
`;

const INDEX_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>stagekit app</title></head>
<body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>
`;

function tsconfig(resolution) {
  return {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      module: resolution === 'bundler' ? 'ESNext' : 'Node16',
      moduleResolution: resolution,
      jsx: 'react-jsx',
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      types: [],
      noEmit: true,
    },
    include: ['src'],
  };
}

const version = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

try {
  step('building and packing');
  run(root, 'npm', ['run', 'build']);
  const packed = JSON.parse(run(root, 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work]));
  const tarball = join(work, packed[0].filename);
  const files = packed[0].files.map((file) => file.path);
  check(files.includes('LICENSE') && files.includes('dist/styles.css.d.ts'), 'the tarball lacks LICENSE or the stylesheet types');
  check(!files.some((file) => file.endsWith('.map') || file.startsWith('src/')), 'the tarball carries source maps or sources');

  const app19 = join(work, 'app-19');
  write(app19, {
    'package.json': {
      name: 'app-19',
      private: true,
      type: 'module',
      dependencies: {
        stagekit: `file:${tarball}`,
        react: version('react'),
        'react-dom': version('react-dom'),
        '@tanstack/react-query': version('@tanstack/react-query'),
        hono: version('hono'),
        '@hono/node-server': version('@hono/node-server'),
        ws: version('ws'),
        jose: version('jose'),
      },
      devDependencies: {
        vite: version('vite'),
        '@vitejs/plugin-react': version('@vitejs/plugin-react'),
        typescript: version('typescript'),
        '@types/react': version('@types/react'),
        '@types/react-dom': version('@types/react-dom'),
      },
    },
    'tsconfig.json': tsconfig('bundler'),
    'vite.config.js': `import react from '@vitejs/plugin-react';\nexport default { plugins: [react()] };\n`,
    'index.html': INDEX_HTML,
    'src/App.tsx': README_APP,
    'src/main.tsx': MAIN(''),
    'src/ssr.tsx': SSR,
  });

  const app18 = join(work, 'app-18');
  write(app18, {
    'package.json': {
      name: 'app-18',
      private: true,
      type: 'module',
      dependencies: {
        stagekit: `file:${tarball}`,
        react: '^18.3.1',
        'react-dom': '^18.3.1',
        '@tanstack/react-query': '~5.106.0',
        jose: '^5.2.0',
        hono: '~4.12.16',
      },
      devDependencies: {
        vite: version('vite'),
        '@vitejs/plugin-react': version('@vitejs/plugin-react'),
        typescript: version('typescript'),
        '@types/react': '^18.3.0',
        '@types/react-dom': '^18.3.0',
      },
    },
    'tsconfig.json': tsconfig('node16'),
    'vite.config.js': `import react from '@vitejs/plugin-react';\nexport default { plugins: [react()] };\n`,
    'index.html': INDEX_HTML,
    'src/App.tsx': README_APP,
    // node16 resolution wants the extension on relative imports.
    'src/main.tsx': MAIN('.js'),
  });

  step('installing the tarball into a React 19 app and a React 18 app');
  const install = (dir) =>
    new Promise((resolve, reject) => {
      const child = spawn('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error'], { cwd: dir });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm install in ${dir} failed:\n${output}`))));
    });
  await Promise.all([install(app19), install(app18)]);

  step('one copy of TanStack Query beside the app’s 5.106');
  const copies = JSON.parse(run(app18, 'npm', ['query', '[name="@tanstack/react-query"]']));
  check(copies.length === 1 && copies[0].version.startsWith('5.106.'), `expected one @tanstack/react-query 5.106, found ${copies.map((c) => `${c.location}@${c.version}`).join(', ')}`);

  for (const [name, dir] of [['React 19, bundler', app19], ['React 18, node16', app18]]) {
    step(`type-checking strictly (${name})`);
    run(dir, join(dir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json']);
    step(`building (${name})`);
    run(dir, join(dir, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn']);
  }

  step('rendering the README example with renderToString');
  run(app19, join(app19, 'node_modules/.bin/vite'), ['build', '--ssr', 'src/ssr.tsx', '--outDir', 'dist-ssr', '--logLevel', 'warn']);
  const html = run(app19, process.execPath, ['dist-ssr/ssr.js']);
  check(html.includes('class="stagekit-'), `the README example rendered no stagekit markup:\n${html}`);

  step('require() of the package (Node loads ESM synchronously from 20.19)');
  const required = run(app19, process.execPath, ['-e', "console.log(typeof require('stagekit').createMemoryBackend)"]).trim();
  check(required === 'function', `require('stagekit') gave ${required}`);

  step('stagekit/format in plain Node, no client directive');
  const formatted = run(app19, process.execPath, ['--input-type=module', '-e', "import { formatDuration } from 'stagekit/format'; console.log(formatDuration(200))"]).trim();
  check(formatted === '3:20', `formatDuration(200) gave ${formatted}`);
  check(!readFileSync(join(app19, 'node_modules/stagekit/dist/format.js'), 'utf8').includes('use client'), "stagekit/format carries 'use client'");

  step('stagekit-server from node_modules/.bin');
  const bin = join(app19, 'node_modules/.bin/stagekit-server');
  const secret = 'smoke-test-secret-0123456789';
  const token = run(app19, bin, ['token', 'alice', '--role', 'admin'], { env: { ...process.env, STAGEKIT_SECRET: secret } }).trim();
  check(token.split('.').length === 3, `stagekit-server token printed ${token}`);
  await new Promise((resolve, reject) => {
    const server = spawn(bin, ['--port', '0'], { cwd: app19, env: { ...process.env, STAGEKIT_SECRET: secret } });
    let output = '';
    const timer = setTimeout(() => {
      server.kill();
      reject(new Error(`stagekit-server did not start:\n${output}`));
    }, 20_000);
    const onData = async (chunk) => {
      output += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (!url) return;
      server.stdout.off('data', onData);
      try {
        const time = await (await fetch(`${url}/time`)).json();
        check(typeof time.now === 'number', `GET /time answered ${JSON.stringify(time)}`);
        resolve();
      } catch (error) {
        reject(error);
      } finally {
        clearTimeout(timer);
        server.kill('SIGTERM');
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', (chunk) => (output += chunk));
    server.on('error', reject);
  });

  step('stagekit-server without the server peers names what to install');
  const bin18 = join(app18, 'node_modules/.bin/stagekit-server');
  let refusal = '';
  try {
    execFileSync(bin18, ['--help'], { cwd: app18, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    refusal = `${error.stderr}`;
    check(error.status === 1, `exit status ${error.status}`);
  }
  check(/npm install @hono\/node-server ws/.test(refusal), `expected an install instruction, got: ${refusal || 'a zero exit'}`);

  step('passed');
} finally {
  if (keep) console.log(`smoke: left ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
