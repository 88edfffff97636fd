import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { JoinCallButton } from '../src/components/index.js';
import { scenarioOf, type ScenarioParameters, settled } from '../.storybook/scenario.js';

const meta = {
  title: 'Components/JoinCallButton',
  component: JoinCallButton,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'Joins the call when the user may, and leaves it. Disabled while the call is closed to them (backstage ' +
          'before the join-ahead window). `leaveLabel` names the leave action. Style by `data-state="out|joined"` and `data-pending`.',
      },
    },
    stagekit: {
      users: [
        { id: 'hana', name: 'Hana', member: 'host', joined: true },
        { id: 'vic', name: 'Vic' },
      ],
      as: 'vic',
      live: true,
    } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof JoinCallButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The call is live: the viewer may join. */
export const Out: Story = {};

export const Joined: Story = {
  parameters: { stagekit: { users: [{ id: 'hana', name: 'Hana', member: 'host', joined: true }, { id: 'vic', name: 'Vic', joined: true }] } },
};

/** Backstage, before the join-ahead window: the viewer may not join yet. */
export const NotYetOpen: Story = {
  parameters: { stagekit: { live: false, startsInSeconds: 600 } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Join' })).toBeDisabled();
  },
};

/** Join, then leave; the backend sees the viewer come and go. */
export const JoinAndLeave: Story = {
  args: { leaveLabel: 'Leave the show' },
  play: async (context) => {
    const { backend } = scenarioOf(context);
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Join' }));
    await canvas.findByRole('button', { name: 'Leave the show' });
    await settled();
    await expect(backend?.inspect('livestream', 'show')?.participants.get('vic')).toBeDefined();
    await userEvent.click(canvas.getByRole('button', { name: 'Leave the show' }));
    await canvas.findByRole('button', { name: 'Join' });
    await expect(backend?.inspect('livestream', 'show')?.participants.get('vic')).toBeUndefined();
  },
};
