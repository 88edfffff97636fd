import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { StageKitError } from '../src/core/index.js';
import { KickButton } from '../src/components/index.js';
import { scenarioOf, type ScenarioParameters } from '../.storybook/scenario.js';

const meta = {
  title: 'Components/KickButton',
  component: KickButton,
  tags: ['autodocs'],
  args: { userId: 'vic' },
  parameters: {
    docs: {
      description: {
        component:
          'Removes an on-stage user from the stage, for stage managers, next to that user in your own list. It renders ' +
          'only while the user is on stage; users without `manage-stage` see nothing, or a disabled button with ' +
          '`whenForbidden="disable"`. `OnStageList` already includes it.',
      },
    },
    stagekit: {
      users: [
        { id: 'hana', name: 'Hana', member: 'host', joined: true },
        { id: 'vic', name: 'Vic', joined: true, stage: 'on-stage' },
        { id: 'ben', name: 'Ben', joined: true },
      ],
      as: 'hana',
      live: true,
    } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof KickButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Vic is on stage: the host may remove him. */
export const OnStage: Story = {};

/** A click removes Vic from the stage, and the button goes with him. */
export const Kick: Story = {
  play: async (context) => {
    const { backend } = scenarioOf(context);
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Take Vic off stage' }));
    await waitFor(() => expect(canvas.queryByRole('button')).toBeNull());
    await expect(backend?.inspect('livestream', 'show')?.stage.get('vic')).toBeUndefined();
  },
};

/**
 * A refused kick shows its error as an alert below the button, which it describes; Vic stays on
 * stage. Here the backend's kick fails as a dropped connection would.
 */
export const Failure: Story = {
  name: 'Error',
  parameters: {
    stagekit: {
      setup: (scenario) => {
        const call = scenario.call!;
        scenario.call = {
          ...call,
          stage: { ...call.stage, kick: () => Promise.reject(new StageKitError('NETWORK', 'The connection dropped; try again.')) },
        };
      },
    } satisfies Partial<ScenarioParameters>,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Take Vic off stage' }));
    const alert = await canvas.findByRole('alert');
    // The code's words, from the messages; the error's own sentence stays out of the page.
    await expect(alert).toHaveTextContent('Could not reach the call. Check your connection.');
    await expect(canvas.getByRole('button', { name: 'Take Vic off stage' })).toHaveAccessibleDescription(alert.textContent!);
  },
};

/** Ben is not on stage: there is no one to remove. */
export const NotOnStage: Story = {
  args: { userId: 'ben' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole('button')).toBeNull();
  },
};

/** Ben, a viewer, sees the control disabled with `whenForbidden="disable"`. */
export const ForbiddenDisabled: Story = {
  args: { whenForbidden: 'disable' },
  parameters: { stagekit: { as: 'ben' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Take Vic off stage' })).toBeDisabled();
  },
};
