import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The `*.test-d.ts` files are assertions on types (`expectTypeOf`); TypeScript runs them. Run here
// rather than through Vitest's experimental typecheck mode, with the compiler's own report on failure.
it('holds every type assertion in test/types', () => {
  const tsc = join(import.meta.dirname, '../../node_modules/.bin/tsc');
  let report = '';
  try {
    execFileSync(tsc, ['--noEmit', '--pretty', 'false', '-p', join(import.meta.dirname, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr, message } = error as { stdout?: string; stderr?: string; message: string };
    report = `${stdout ?? ''}${stderr ?? ''}` || message;
  }
  expect(report).toBe('');
}, 60_000);
