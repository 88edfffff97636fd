import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ModerationActions } from '../src/components/index.js';
import { scenarioOf, type ScenarioParameters } from '../.storybook/scenario.js';

const meta = {
  title: 'Components/ModerationActions',
  component: ModerationActions,
  tags: ['autodocs'],
  args: { userId: 'vic', name: 'Vic' },
  parameters: {
    docs: {
      description: {
        component:
          'Remove from call, and Block after a confirmation, for holders of `block-users` (hosts and admins). A removed ' +
          'user may join again; a blocked one may neither join nor watch until unblocked. `OnStageList` and `AudienceList` ' +
          'show it in each row. `data-pending` while acting, `data-confirming` while Block asks; Escape cancels.',
      },
    },
    stagekit: {
      users: [
        { id: 'hana', name: 'Hana', member: 'host', joined: true },
        { id: 'vic', name: 'Vic', joined: true },
      ],
      as: 'hana',
      live: true,
    } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof ModerationActions>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Remove from call: Vic' })).toBeEnabled();
    await expect(canvas.getByRole('button', { name: 'Block Vic' })).toBeEnabled();
  },
};

/** Block asks first; focus moves to the confirmation. */
export const Confirming: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Block Vic' }));
    const question = canvas.getByRole('group', { name: /Block Vic\?/ });
    await expect(within(question).getByRole('button', { name: 'Block' })).toHaveFocus();
  },
};

/** Confirmed: Vic is out of the call and on the block list. */
export const Blocked: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Block Vic' }));
    await userEvent.click(within(canvas.getByRole('group', { name: /Block Vic\?/ })).getByRole('button', { name: 'Block' }));
    const { backend, call } = scenarioOf(context);
    await waitFor(() => expect(backend!.inspect('livestream', call!.id)!.blocked).toEqual({ vic: true }));
  },
};

/** A viewer sees nothing. */
export const AsViewer: Story = {
  args: { userId: 'hana', name: 'Hana' },
  parameters: { stagekit: { as: 'vic' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole('button')).toBeNull();
  },
};
