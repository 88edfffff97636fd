import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { audienceScenario } from '../.storybook/crowd.js';
import type { ScenarioParameters } from '../.storybook/scenario.js';
import { AudienceCount } from '../src/components/index.js';

const meta = {
  title: 'Components/AudienceCount',
  component: AudienceCount,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'How many are in the call, in the reader\'s locale. The number follows every count update; screen readers are ' +
          'told politely, only when it moved by a good share and at most every `announceEveryMs`. `data-count` holds the number.',
      },
    },
    stagekit: {
      users: [
        { id: 'hana', name: 'Hana', member: 'host', joined: true },
        { id: 'ana', name: 'Ana', joined: true },
        { id: 'ben', name: 'Ben', joined: true },
      ],
      as: 'ana',
      live: true,
    } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof AudienceCount>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Three in the call, as a viewer sees it. */
export const Small: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('3 watching')).toBeVisible();
  },
};

/** A crowd of 50,000, counted. */
export const Crowd: Story = {
  loaders: [() => ({ stagekit: audienceScenario(50_000) })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('[data-count]')?.getAttribute('data-count')).toBe('50001'));
  },
};
