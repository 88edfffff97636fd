import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../../src');

function sources(folder: string): { file: string; text: string }[] {
  return readdirSync(join(root, folder))
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => ({ file: `${folder}/${file}`, text: readFileSync(join(root, folder, file), 'utf8') }));
}

/** Value (non-type) import and re-export specifiers of a file. */
function valueImports(text: string): string[] {
  return [...text.matchAll(/^(?:import|export) (?!type )[^;]*? from '([^']+)';/gms)].map((match) => match[1]!);
}

describe('layers', () => {
  it('keeps the engine out of the React entry: hooks and components import no core runtime through its index', () => {
    const offenders = [...sources('react'), ...sources('components')].filter(({ text }) =>
      valueImports(text).includes('../core/index.js'),
    );
    expect(offenders.map((o) => o.file)).toEqual([]);
  });

  it('keeps the core, the remote client and the server free of React', () => {
    const offenders = [...sources('core'), ...sources('remote'), ...sources('server')].filter(({ text }) =>
      valueImports(text).some((from) => /^react(-dom)?($|\/)|^zustand\/react|\.\.\/(react|components)\//.test(from)),
    );
    expect(offenders.map((o) => o.file)).toEqual([]);
  });

  it('never imports upward: hooks do not import components', () => {
    const offenders = sources('react').filter(({ text }) => /from '\.\.\/components\//.test(text));
    expect(offenders.map((o) => o.file)).toEqual([]);
  });

  it('builds components only on the public hooks', () => {
    const offenders = sources('components').filter(({ file, text }) =>
      file !== 'components/index.ts' && valueImports(text).some((from) => from.startsWith('../react/') && from !== '../react/index.js'),
    );
    expect(offenders.map((o) => o.file)).toEqual([]);
  });
});
