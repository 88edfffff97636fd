// Builds the package as published, then bundles an import of it the way an app's bundler would,
// and weighs the result: minified bytes, gzip -9 bytes, and the modules that made them.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

export const root = resolve(import.meta.dirname, '../..');
const out = resolve(root, 'bench/.out');

/** What an app that uses the kit already has; the kit's own figures leave them out. */
export const peers = [/^react($|\/)/, /^react-dom($|\/)/, /^zustand($|\/)/, /^@tanstack\/react-query($|\/)/];

// The peers that declare `"sideEffects": false`: an app's bundler drops an import of theirs that
// nothing uses, so the figures do too (kept external, they would otherwise stay as bare imports).
const pureNames = ['react', 'react-dom', 'zustand', '@tanstack/react-query'].filter(
  (name) => JSON.parse(readFileSync(resolve(root, 'node_modules', name, 'package.json'), 'utf8')).sideEffects === false,
);
const pure = (id) => pureNames.some((name) => id === name || id.startsWith(`${name}/`));

/**
 * The package as `npm run build` lays it out (JavaScript and stylesheet; types play no part in
 * size), in `bench/.out/<name>`. With `modules`, every source module stays its own file: an app
 * bundles it to the same bytes, but the bundler can then say which module each byte came from.
 */
export async function buildPackage(name, { modules = false } = {}) {
  const dir = resolve(out, name);
  rmSync(dir, { recursive: true, force: true });
  const output = await build({
    configFile: resolve(root, 'vite.config.ts'),
    root,
    logLevel: 'silent',
    build: {
      outDir: resolve(dir, 'dist'),
      emptyOutDir: true,
      sourcemap: false,
      ...(modules && { rolldownOptions: { output: { preserveModules: true, preserveModulesRoot: resolve(root, 'src') } } }),
    },
  });
  copyFileSync(resolve(root, 'src/styles/stagekit.css'), resolve(dir, 'dist/styles.css'));
  // Its package.json carries `sideEffects`, which the app's bundler reads when tree-shaking.
  writeFileSync(resolve(dir, 'package.json'), readFileSync(resolve(root, 'package.json')));
  // What each entry exports at run time (types play no part), for entries that import all of it.
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
  const exports = Object.fromEntries(chunks.filter((c) => c.type === 'chunk' && c.isEntry).map((c) => [c.name, c.exports]));
  return {
    dir,
    exports,
    alias: [
      { find: /^stagekit$/, replacement: resolve(dir, 'dist/index.js') },
      { find: /^stagekit\/react$/, replacement: resolve(dir, 'dist/react.js') },
      { find: /^stagekit\/remote$/, replacement: resolve(dir, 'dist/remote.js') },
      { find: /^stagekit\/styles\.css$/, replacement: resolve(dir, 'dist/styles.css') },
    ],
  };
}

/**
 * Writes an entry that imports `names` from each module and uses them, as an app does: the bundle
 * then carries no export names (no app ships them), only the code. `imports`: [[module, names]].
 */
export function appEntry(file, comment, imports) {
  const lines = imports.map(([from, names]) => `import { ${names.join(', ')} } from '${from}';`);
  const used = imports.flatMap(([, names]) => names);
  return writeEntry(file, `// ${comment}\n${lines.join('\n')}\nexport default [${used.join(', ')}];\n`);
}

/** Writes a generated entry under `bench/.out/entries`. */
export function writeEntry(file, source) {
  const path = resolve(out, 'entries', file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, source);
  return path;
}

/**
 * Bundles `entry` against the package at `pkg` as `vite build` bundles an app (production mode,
 * minified). By default the peers stay external and the entry's exports are kept: what the kit adds
 * to an app that has React and the peers. With `app: true`, everything is bundled.
 */
export async function measure(entry, pkg, { app = false } = {}) {
  const output = await build({
    configFile: false,
    root: dirname(entry),
    logLevel: 'silent',
    mode: 'production',
    plugins: [react()],
    resolve: { alias: pkg.alias },
    build: {
      write: false,
      minify: true,
      cssMinify: true,
      // An app build, not a library one: vite keeps whitespace in an ES library, and no app ships that.
      rolldownOptions: app
        ? { input: entry }
        : {
            input: entry,
            preserveEntrySignatures: 'strict',
            external: peers,
            treeshake: { moduleSideEffects: (id, external) => !(external && pure(id)) },
            output: { codeSplitting: false },
          },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
  let min = 0;
  let gz = 0;
  const modules = new Map();
  for (const item of outputs) {
    if (item.type === 'asset' && !item.fileName.endsWith('.css')) continue;
    const bytes = Buffer.from(item.type === 'chunk' ? item.code : item.source);
    min += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
    if (item.type === 'asset') modules.set(`(stylesheet) ${item.fileName}`, bytes.length);
    else for (const [id, info] of Object.entries(item.modules)) if (info.renderedLength > 0) modules.set(id, (modules.get(id) ?? 0) + info.renderedLength);
  }
  return { min, gz, modules: [...modules].sort((a, b) => b[1] - a[1]) };
}

/**
 * Every file of the built package that importing `entries` (dist file names) loads, and the
 * packages they import: what a bundler must at least read, whatever it then shakes out.
 */
export function reachable(pkg, entries) {
  const dist = resolve(pkg.dir, 'dist');
  const files = new Set();
  const packages = new Set();
  const queue = entries.map((entry) => resolve(dist, entry));
  while (queue.length) {
    const file = queue.pop();
    if (files.has(file)) continue;
    files.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+)["']/g)) {
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  }
  return { files: [...files].map((file) => `stagekit/${relative(dist, file)}`), packages: [...packages] };
}

/** A module's name as a reader knows it: `stagekit/core/engine.js`, `valibot/dist/index.js`. */
export function moduleName(id, pkg) {
  const path = id.replace(/^\0/, '');
  if (pkg && path.startsWith(resolve(pkg.dir, 'dist') + '/')) return `stagekit/${relative(resolve(pkg.dir, 'dist'), path)}`;
  const nm = path.lastIndexOf('node_modules/');
  return nm >= 0 ? path.slice(nm + 'node_modules/'.length) : relative(root, path);
}
