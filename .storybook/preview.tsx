import type { Preview } from '@storybook/react-vite';
// oxlint-disable-next-line import/no-unassigned-import -- a stylesheet applies by being loaded
import '../src/styles/stagekit.css';
import { loadScenario, withScenario } from './scenario.js';

const preview: Preview = {
  loaders: [loadScenario],
  decorators: [withScenario],
  parameters: {
    layout: 'padded',
    // Every story is an accessibility test: an axe violation fails it.
    a11y: { test: 'error' },
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
  },
};

export default preview;
