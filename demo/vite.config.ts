import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { createDemoClock, createDemoRoutes } from './demo-routes.js';

// The demo: `npx vite --config demo/vite.config.ts` serves the app and runs the reference server
// (in memory, dev tokens on) beside it; the app reaches the server through Vite's proxy. The
// server's clock is real time plus an offset that the host window's "skip ahead" buttons move.

const SERVER_PORT = Number(process.env.STAGEKIT_PORT ?? 8787);
const SERVER = `http://127.0.0.1:${SERVER_PORT}`;

function stagekitServer(): Plugin {
  return {
    name: 'stagekit-server',
    apply: 'serve',
    async configureServer(vite) {
      const { createStageKitServer } = (await vite.ssrLoadModule(resolve(import.meta.dirname, '../src/server/index.ts'))) as typeof import('../src/server/index.js');
      const clock = createDemoClock();
      const server = createStageKitServer({
        secret: process.env.STAGEKIT_SECRET ?? 'stagekit-demo-secret-not-for-production',
        devTokens: true,
        dropGraceMs: 5_000,
        clock,
      });
      vite.middlewares.use(createDemoRoutes(server, clock));
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
