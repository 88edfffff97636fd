// Every story is also a visual test: once its play function passed, the story root is
// screenshotted in four looks and compared with the committed reference in
// stories/__screenshots__/. `vitest run --project storybook -u` writes new references.
import { afterEach, expect } from 'vitest';
import { page } from 'vitest/browser';

/** The looks every story is compared in: attributes set on the story root, all CSS-only. */
const MODES: Record<string, Record<string, string>> = {
  light: { 'data-stagekit-theme': 'light' },
  dark: { 'data-stagekit-theme': 'dark' },
  compact: { 'data-stagekit-theme': 'light', 'data-stagekit-density': 'compact' },
  rtl: { 'data-stagekit-theme': 'light', dir: 'rtl' },
};

// One font on every machine: CI installs fonts-dejavu-core, and system-ui would resolve to
// whatever else a machine has.
document.documentElement.style.setProperty('--stagekit-font', "'DejaVu Sans', sans-serif");

interface StoryContext {
  story?: { id: string; parameters: { visual?: false | { width?: number; hide?: string[] } } };
}

afterEach(async (context) => {
  const { story } = context as typeof context & StoryContext;
  if (!story || story.parameters.visual === false || context.task.result?.state === 'fail') return;
  const root = document.querySelector<HTMLElement>('[data-stagekit-story]');
  if (!root) return;
  // A 320 px side panel, the narrowest the kit is made for (wider when the story asks), as tall
  // as what it shows: whatever overflows such a panel shows in the picture.
  root.style.width = `${story.parameters.visual?.width ?? 320}px`;
  // The test frame paints only what is in its viewport: make it as tall as the story.
  await page.viewport(1200, Math.max(900, Math.ceil(root.getBoundingClientRect().bottom) + 16));
  // Parts whose content a story cannot pin down.
  for (const selector of story.parameters.visual?.hide ?? []) root.querySelectorAll<HTMLElement>(selector).forEach((part) => (part.style.display = 'none'));
  // No focus ring or hover left over from the play function.
  (document.activeElement as HTMLElement | null)?.blur();
  const initial = new Map(Object.keys(MODES.rtl!).concat('data-stagekit-density').map((name) => [name, root.getAttribute(name)]));
  for (const [mode, attributes] of Object.entries(MODES)) {
    for (const name of initial.keys()) root.removeAttribute(name);
    for (const [name, value] of Object.entries(attributes)) root.setAttribute(name, value);
    // oxlint-disable-next-line vitest/no-standalone-expect -- an afterEach of every story test
    await expect.element(page.elementLocator(root)).toMatchScreenshot(`${story.id}-${mode}`);
  }
  for (const [name, value] of initial) if (value === null) root.removeAttribute(name);
  else root.setAttribute(name, value);
});
