import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

vi.mock('react', () => {
  throw new Error('core imported react');
});
vi.mock('react-dom', () => {
  throw new Error('core imported react-dom');
});
vi.mock('zustand', () => {
  throw new Error('core imported zustand’s React entry');
});

const CORE = join(import.meta.dirname, '../../src/core');

describe('the core', () => {
  it('loads and runs with react, react-dom and zustand’s React entry unavailable', async () => {
    const core = await import('../../src/core/index.js');
    const backend = core.createMemoryBackend({ clock: core.createManualClock(0) });
    const call = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await call.join({ create: true });
    expect(call.getState().call!.participants.alice).toBeDefined();
  });

  it('imports nothing from React in any of its files', () => {
    const files = readdirSync(CORE).filter((name) => name.endsWith('.ts'));
    expect(files).toContain('index.ts');
    const offending: string[] = [];
    for (const name of files) {
      const source = readFileSync(join(CORE, name), 'utf8');
      const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      for (const specifier of specifiers) {
        if (/^(react|react-dom|zustand)(\/|$)/.test(specifier) && specifier !== 'zustand/vanilla') {
          offending.push(`${name} imports ${specifier}`);
        }
        if (!specifier.startsWith('./') && !['valibot', 'zustand/vanilla'].includes(specifier)) {
          offending.push(`${name} imports the unexpected ${specifier}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('type-checks without the DOM library, so it uses no DOM global', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stagekit-core-'));
    try {
      const config = {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023'],
          types: [],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
          skipLibCheck: true,
          noEmit: true,
        },
        files: [join(CORE, 'index.ts')],
      };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
      const tsc = join(import.meta.dirname, '../../node_modules/.bin/tsc');
      const run = () => execFileSync(tsc, ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
      expect(run).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
