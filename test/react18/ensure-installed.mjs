// The React 18 copy the second React test run uses: installed on first `npm test`, so a fresh
// checkout needs only `npm install` at the top.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, 'node_modules/react/package.json')) || !existsSync(join(here, 'node_modules/@testing-library/react/package.json'))) {
  execSync('npm ci --no-audit --no-fund --silent', { cwd: here, stdio: 'inherit' });
}
