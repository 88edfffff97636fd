import type { Decorator, Preview } from '@storybook/react-vite';
// oxlint-disable-next-line import/no-unassigned-import -- a stylesheet applies by being loaded
import '../src/styles/stagekit.css';
import { loadScenario, withScenario } from './scenario.js';

/** The stylesheet's themes; the backdrop takes the theme's background so contrast is judged as users see it. */
const withTheme: Decorator = (Story, { globals }) => (
  <div
    data-stagekit-story=""
    // "system" leaves the choice to prefers-color-scheme.
    data-stagekit-theme={globals.theme === 'system' ? undefined : globals.theme === 'dark' ? 'dark' : 'light'}
    data-stagekit-density={globals.density === 'compact' ? 'compact' : undefined}
    dir={globals.direction === 'rtl' ? 'rtl' : undefined}
    style={{ background: 'var(--stagekit-bg)', color: 'var(--stagekit-text)', fontFamily: 'var(--stagekit-font)', padding: 8, display: 'flow-root' }}
  >
    <Story />
  </div>
);

const preview: Preview = {
  loaders: [loadScenario],
  decorators: [withScenario, withTheme],
  globalTypes: {
    theme: {
      description: 'The look of stagekit/styles.css',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'system', title: 'System' },
        ],
        dynamicTitle: true,
      },
    },
    density: {
      description: 'Spacing of stagekit/styles.css',
      toolbar: {
        title: 'Density',
        icon: 'component',
        items: [
          { value: 'comfortable', title: 'Comfortable' },
          { value: 'compact', title: 'Compact' },
        ],
        dynamicTitle: true,
      },
    },
    direction: {
      description: 'Writing direction of the page',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', density: 'comfortable', direction: 'ltr' },
  parameters: {
    layout: 'padded',
    // Every story is an accessibility test: an axe violation fails it.
    a11y: { test: 'error' },
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
  },
};

export default preview;
