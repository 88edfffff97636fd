import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const css = readFileSync(resolve(import.meta.dirname, '../../src/styles/stagekit.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

describe('stagekit/styles.css', () => {
  it('uses logical sides only, so right-to-left pages mirror', () => {
    const physical = css.match(/(^|[\s;{])((margin|padding|border)-(left|right)|left|right|text-align:\s*(left|right)|float:\s*(left|right))\s*:?/gm) ?? [];
    expect(physical.map((match) => match.trim())).toEqual([]);
  });

  it('defines every custom property it reads', () => {
    const defined = new Set([...css.matchAll(/(--stagekit-[\w-]+)\s*:/g)].map((match) => match[1]));
    const read = new Set([...css.matchAll(/var\((--stagekit-[\w-]+)/g)].map((match) => match[1]));
    expect([...read].filter((name) => !defined.has(name))).toEqual([]);
  });

  it('writes every colour as a token, so a theme reaches every part', () => {
    // Outside the token blocks, a literal colour would escape re-theming (the avatars' white
    // initials are the one fixed colour, on fixed avatar colours).
    const rules = css.replace(/:root\s*\{[^}]*\}/, '');
    const literals = rules.match(/#[0-9a-f]{3,8}\b/gi) ?? [];
    expect(literals).toEqual(['#fff']);
  });

  it('moves only when motion is welcome, and has a high-contrast mode', () => {
    const motion = css.slice(css.indexOf('@media (prefers-reduced-motion: no-preference)'));
    expect(css.indexOf('@media (prefers-reduced-motion: no-preference)')).toBeGreaterThan(0);
    // Every animation and transition sits inside that block.
    const outside = css.replace(motion.slice(0, motion.indexOf('\n}\n') + 3), '');
    expect(outside).not.toMatch(/\b(animation|transition)\s*:/);
    expect(css).toContain('@media (forced-colors: active)');
  });

  it('has a compact density and forced light and dark themes', () => {
    expect(css).toContain("[data-stagekit-density='compact']");
    expect(css).toContain("[data-stagekit-theme='dark']");
    expect(css).toContain("[data-stagekit-theme='light']");
  });
});
