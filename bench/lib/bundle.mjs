// Node 20 cannot run TypeScript: bench scenarios written in TS are bundled with vite first.
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '../..');
export const out = resolve(root, 'bench/.out');

/** Bundles a TS module for Node (dependencies stay external and load from node_modules) and imports it. */
export async function importTs(entry, name) {
  const outDir = resolve(out, 'node', name);
  // vite's build sets NODE_ENV=production for the whole process; the module runs under the caller's.
  const nodeEnv = process.env.NODE_ENV;
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rolldownOptions: { output: { format: 'es', entryFileNames: `${name}.mjs` } },
    },
  });
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
  return import(pathToFileURL(resolve(outDir, `${name}.mjs`)).href);
}
