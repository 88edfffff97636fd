import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The demo: `npx vite --config demo/vite.config.ts` serves the app and runs the reference server
// (in memory, dev tokens on) beside it; the app reaches the server through Vite's proxy.

const SERVER_PORT = Number(process.env.STAGEKIT_PORT ?? 8787);
const SERVER = `http://127.0.0.1:${SERVER_PORT}`;

function stagekitServer(): Plugin {
  return {
    name: 'stagekit-server',
    apply: 'serve',
    async configureServer(vite) {
      const { createStageKitServer } = (await vite.ssrLoadModule(resolve(import.meta.dirname, '../src/server/index.ts'))) as typeof import('../src/server/index.js');
      const server = createStageKitServer({
        secret: process.env.STAGEKIT_SECRET ?? 'stagekit-demo-secret-not-for-production',
        devTokens: true,
        dropGraceMs: 5_000,
      });
      const { url } = await server.listen({ port: SERVER_PORT });
      vite.config.logger.info(`  stagekit-server on ${url}`);
      vite.httpServer?.once('close', () => void server.close());
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), stagekitServer()],
  server: {
    proxy: {
      '/video': { target: SERVER, ws: true },
      '/time': SERVER,
      '/dev': SERVER,
    },
  },
});
