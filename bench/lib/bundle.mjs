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
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [react()],
    // Production React has no Profiler timings; development React is what the render bench reads.
    define: {},
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rolldownOptions: { output: { format: 'es', entryFileNames: `${name}.mjs` } },
    },
  });
  return import(pathToFileURL(resolve(outDir, `${name}.mjs`)).href);
}
