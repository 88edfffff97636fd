import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { EndCallButton } from '../src/components/index.js';
import { scenarioOf, settled, type ScenarioParameters } from '../.storybook/scenario.js';

const meta = {
  title: 'Components/EndCallButton',
  component: EndCallButton,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'Ends the call for everyone, for users holding `end-call`; nobody without `join-ended-call` can rejoin. ' +
          'It asks first by default (`confirm={false}` to skip; Escape cancels), and ignores an answer that lands the ' +
          'moment the question appears, so a double click never ends a call. Style by `data-state="active|ended"`, `data-pending` and `data-confirming`.',
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
} satisfies Meta<typeof EndCallButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A host in a live call. */
export const Active: Story = {};

/** The call has ended: the button stays, disabled. */
export const Ended: Story = {
  parameters: { stagekit: { ended: true } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'End call' })).toBeDisabled();
    await expect(canvasElement.querySelector('.stagekit-end-call-button')).toHaveAttribute('data-state', 'ended');
  },
};

/** The host is asked first, then the call ends and the viewer is out. */
export const Confirm: Story = {
  play: async (context) => {
    const { backend } = scenarioOf(context);
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'End call' }));
    await expect(canvas.getByRole('group', { name: 'End the call for everyone? No one can rejoin.' })).toBeInTheDocument();
    await settled();
    await userEvent.click(canvas.getAllByRole('button', { name: 'End call' })[0]!);
    await expect(backend?.inspect('livestream', 'show')?.ended_at).not.toBeNull();
    await expect(backend?.inspect('livestream', 'show')?.participants.size).toBe(0);
  },
};

/** A double click opens the question and leaves it open: the second click is not an answer. */
export const DoubleClick: Story = {
  play: async (context) => {
    const { backend } = scenarioOf(context);
    const canvas = within(context.canvasElement);
    await userEvent.dblClick(canvas.getByRole('button', { name: 'End call' }));
    await expect(canvas.getByRole('group', { name: 'End the call for everyone? No one can rejoin.' })).toBeInTheDocument();
    await expect(backend?.inspect('livestream', 'show')?.ended_at).toBeNull();
  },
};

/** A viewer, with `whenForbidden="disable"`: a disabled button instead of nothing. */
export const ForbiddenDisabled: Story = {
  args: { whenForbidden: 'disable' },
  parameters: { stagekit: { as: 'vic' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'End call' })).toBeDisabled();
  },
};
