import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { LiveBadge } from '../src/components/index.js';
import { scenarioOf, type ScenarioParameters } from '../.storybook/scenario.js';

const meta = {
  title: 'Components/LiveBadge',
  component: LiveBadge,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'Where the call stands, in one word: "Backstage", "Live" or "Ended". Hosts and viewers alike may show it; ' +
          'it follows the call as it changes. Style it by `data-state="backstage|live|ended"`.',
      },
    },
    stagekit: {
      users: [
        { id: 'hana', name: 'Hana', member: 'host', joined: true },
        { id: 'vic', name: 'Vic' },
      ],
      as: 'vic',
    } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof LiveBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Backstage: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Backstage')).toHaveAttribute('data-state', 'backstage');
  },
};

export const Live: Story = {
  parameters: { stagekit: { live: true } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Live')).toHaveAttribute('data-state', 'live');
  },
};

export const Ended: Story = {
  parameters: { stagekit: { ended: true } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Ended')).toHaveAttribute('data-state', 'ended');
  },
};

/** The badge follows the call: here the host goes live while the viewer watches. */
export const FollowsTheHost: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await scenarioOf(context).calls.hana!.goLive();
    await expect(await canvas.findByText('Live')).toHaveAttribute('data-state', 'live');
  },
};
