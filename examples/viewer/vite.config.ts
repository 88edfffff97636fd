import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The example imports `stagekit` and `stagekit/react` as an app would; here they point at the
// sources, so it builds from a clone without packing.
const src = resolve(import.meta.dirname, '../../src');

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^stagekit$/, replacement: resolve(src, 'core/index.ts') },
      { find: /^stagekit\/react$/, replacement: resolve(src, 'components/index.ts') },
    ],
  },
  build: { outDir: resolve(import.meta.dirname, '../dist/viewer'), emptyOutDir: true },
});
