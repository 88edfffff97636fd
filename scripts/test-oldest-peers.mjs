// Runs the core, server and React tests (and the type-check) against the oldest versions that
// package.json's peer ranges admit, so a widened range is a tested one.
//
// The oldest peers are installed into a temporary folder; a copy of the sources and tests sees
// them through a node_modules of links: the overridden packages point there, everything else at
// this repository's node_modules (React included, so there is one React).
//
// Usage: node scripts/test-oldest-peers.mjs [name@version ...]   (defaults: the oldest of each range)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OLDEST = ['jose@5.2.0', 'hono@4.12.16', '@hono/node-server@1.19.0', 'ws@8.0.0', '@tanstack/react-query@5.0.0', 'zustand@5.0.0'];
const specs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : OLDEST;
const nameOf = (spec) => spec.slice(0, spec.lastIndexOf('@'));

const work = mkdtempSync(join(tmpdir(), 'stagekit-oldest-'));
try {
  const peers = join(work, 'peers');
  mkdirSync(peers);
  writeFileSync(join(peers, 'package.json'), '{ "name": "oldest-peers", "private": true }\n');
  console.log(`installing ${specs.join(' ')}`);
  // Their own peers (React) come from the repository, so npm must not add copies.
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--legacy-peer-deps', '--loglevel', 'error', ...specs], { cwd: peers, stdio: 'inherit' });
  symlinkSync(join(root, 'node_modules/react'), join(peers, 'node_modules/react'), 'dir');

  const project = join(work, 'project');
  mkdirSync(join(project, 'node_modules'), { recursive: true });
  for (const entry of ['src', 'test', 'stories', '.storybook', 'vite.config.ts', 'tsconfig.json', 'package.json']) {
    cpSync(join(root, entry), join(project, entry), { recursive: true });
  }
  const overridden = new Set(specs.map(nameOf));
  const link = (name) => {
    const target = overridden.has(name) ? join(peers, 'node_modules', name) : join(root, 'node_modules', name);
    mkdirSync(dirname(join(project, 'node_modules', name)), { recursive: true });
    symlinkSync(target, join(project, 'node_modules', name), 'dir');
  };
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry.startsWith('@')) for (const scoped of readdirSync(join(root, 'node_modules', entry))) link(`${entry}/${scoped}`);
    else if (entry === '.bin' || !entry.startsWith('.')) link(entry);
  }
  for (const name of overridden) {
    if (!existsSync(join(project, 'node_modules', name))) link(name);
  }

  console.log('type-checking');
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'tsconfig.json'], { cwd: project, stdio: 'inherit' });
  console.log('testing');
  execFileSync(join(root, 'node_modules/.bin/vitest'), ['run', '--project', 'core', '--project', 'server', '--project', 'react'], { cwd: project, stdio: 'inherit' });
  console.log(`passed with ${specs.join(' ')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
