import type { Decorator, Preview } from '@storybook/react-vite';
// oxlint-disable-next-line import/no-unassigned-import -- a stylesheet applies by being loaded
import '../src/styles/stagekit.css';
import { loadScenario, withScenario } from './scenario.js';

/** The stylesheet's themes; the backdrop takes the theme's background so contrast is judged as users see it. */
const withTheme: Decorator = (Story, { globals }) => (
  <div data-stagekit-theme={globals.theme === 'dark' ? 'dark' : 'light'} style={{ background: 'var(--stagekit-bg)', color: 'var(--stagekit-text)', padding: 8 }}>
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
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'padded',
    // Every story is an accessibility test: an axe violation fails it.
    a11y: { test: 'error' },
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
  },
};

export default preview;
