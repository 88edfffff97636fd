import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

// Subpath exports of the package (`stagekit`, `stagekit/react`, `stagekit/format`, `stagekit/remote`,
// `stagekit/server`) and the `stagekit-server` command.
const entries = Object.fromEntries(
  Object.entries({
    index: 'src/core/index.ts',
    react: 'src/components/index.ts',
    remote: 'src/remote/index.ts',
    server: 'src/server/index.ts',
    format: 'src/format/index.ts',
    'stagekit-server': 'src/server/bin.ts',
  })
    .filter(([, path]) => existsSync(resolve(root, path)))
    .map(([name, path]) => [name, resolve(root, path)]),
);

const external = [
  /^react($|\/)/,
  /^react-dom($|\/)/,
  /^zustand($|\/)/,
  /^@tanstack\//,
  /^valibot$/,
  /^node:/,
  /^hono($|\/)/,
  /^@hono\//,
  /^ws$/,
  /^jose$/,
  /^pg$/,
];

/**
 * Vitest's browser mode logs Vite's notes on pre-bundling dependencies ("scanning dependencies…")
 * at info level, with no setting to lower it; drop just those lines, keep every other message.
 */
function quietPrebundling(): Plugin {
  return {
    name: 'stagekit:quiet-prebundling',
    configResolved(config) {
      const info = config.logger.info.bind(config.logger);
      config.logger.info = (message, options) => {
        if (!/\[optimizer\]|optimizing dependencies/i.test(message)) info(message, options);
      };
    },
  };
}

export default defineConfig({
  plugins: [react()],
  build: {
    lib: { entry: entries, formats: ['es'] },
    rolldownOptions: { external },
    sourcemap: true,
  },
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          include: ['test/core/**/*.test.ts', 'test/types/**/*.test.ts'],
          environment: 'node',
          // The property tests run hundreds of random sequences (about 1 s alone); beside the other
          // projects on a busy two-core machine they need more than the default 5 s.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts', 'test/remote/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      // The server's suites again with every server on PostgreSQL (a fresh schema each), and the
      // tests of several server processes on one database. Only with a database to run on:
      // `bash scripts/with-postgres.sh` starts a throwaway one and runs this project.
      ...(process.env.STAGEKIT_TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: {
                name: 'server-postgres',
                include: [
                  'test/server/e2e-flow.test.ts',
                  'test/server/authorization-matrix.test.ts',
                  'test/server/bad-input.test.ts',
                  'test/server/reconnect.test.ts',
                  'test/server/moderation.test.ts',
                  'test/server/reference-examples.test.ts',
                  'test/server-postgres/**/*.test.ts',
                ],
                environment: 'node' as const,
                env: { STAGEKIT_TEST_STORAGE: 'postgres' },
                testTimeout: 60_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'react',
          include: ['test/react/**/*.test.{ts,tsx}', 'test/components/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/setup-dom.ts'],
        },
      },
      {
        extends: true,
        // The same React tests against React 18, the oldest major the kit supports.
        resolve: {
          alias: [
            { find: /^react$/, replacement: resolve(root, 'test/react18/node_modules/react/index.js') },
            { find: /^react\/(.*)$/, replacement: resolve(root, 'test/react18/node_modules/react/$1') },
            { find: /^react-dom$/, replacement: resolve(root, 'test/react18/node_modules/react-dom/index.js') },
            { find: /^react-dom\/(.*)$/, replacement: resolve(root, 'test/react18/node_modules/react-dom/$1') },
            // Its own copy, so its require('react-dom') finds React 18 too.
            { find: /^@testing-library\/react$/, replacement: resolve(root, 'test/react18/node_modules/@testing-library/react') },
            // user-event must drive the same DOM-testing copy, whose act() wrapping that copy sets up.
            { find: /^@testing-library\/dom$/, replacement: resolve(root, 'test/react18/node_modules/@testing-library/dom') },
          ],
        },
        test: {
          name: 'react18',
          include: ['test/react/**/*.test.{ts,tsx}', 'test/components/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/setup-dom.ts'],
          server: { deps: { inline: ['zustand', '@tanstack/react-query', '@testing-library/user-event'] } },
        },
      },
      {
        extends: true,
        // Every story as a test in headless Chromium: it renders, its play function passes, and
        // axe finds no violation. Debian's Chromium, since Playwright's own cannot be downloaded.
        plugins: [storybookTest({ configDir: resolve(root, '.storybook') }), quietPrebundling()],
        test: {
          name: 'storybook',
          // After each story passes, its screenshots in four looks (see .storybook/visual.ts).
          setupFiles: [resolve(root, '.storybook/visual.ts')],
          browser: {
            enabled: true,
            headless: true,
            // Reference screenshots are written by `-u`; Storybook's plugin turns writing off unless asked.
            api: { allowWrite: true },
            expect: {
              toMatchScreenshot: {
                comparatorName: 'pixelmatch',
                // Anti-aliasing may differ by a pixel here and there; a moved or recoloured part does not pass.
                comparatorOptions: { threshold: 0.2, allowedMismatchedPixelRatio: 0.002 },
                // Committed references, apart from the failure screenshots in __screenshots__ (ignored).
                resolveScreenshotPath: ({ arg, ext, testFileName }) => resolve(root, 'stories/__visual__', testFileName, `${arg}${ext}`),
              },
            },
            provider: playwright({
              // Notices and status changes animate only when motion is welcome: screenshots see them settled.
              contextOptions: { reducedMotion: 'reduce' },
              launchOptions: {
                executablePath: '/usr/bin/chromium',
                args: [
                  '--headless',
                  '--no-sandbox',
                  '--disable-gpu',
                  '--disable-background-networking',
                  '--disable-component-update',
                  '--disable-sync',
                  '--no-first-run',
                ],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
