import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { GoLiveButton } from '../src/components/index.js';
import { scenarioOf, type ScenarioParameters, settled } from '../.storybook/scenario.js';

const meta = {
  title: 'Components/GoLiveButton',
  component: GoLiveButton,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: [
          'Go live and Stop live for users holding `update-call` (hosts on a livestream). Place it in the host\'s',
          'backstage controls inside a `<StageCall>`; it follows the call, so another host going live flips it too.',
          '',
          '- `startHls` / `startRecording` start side effects on go-live; `continueHls` / `continueRecording` keep them on stop.',
          '- `showOptions` lets the host tick those each time; `confirmStop` asks before stopping, since stopping removes viewers.',
          '- Users who may not go live see nothing, or a disabled button with `whenForbidden="disable"`.',
          '- Style by `data-state="backstage|live|ended"`, `data-pending` and `data-confirming`.',
        ].join('\n'),
      },
    },
    stagekit: {
      users: [
        { id: 'hana', name: 'Hana', member: 'host', joined: true },
        { id: 'vic', name: 'Vic' },
      ],
      as: 'hana',
    } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof GoLiveButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The host waits backstage; one click opens the call to viewers. */
export const Backstage: Story = {};

/** The call is live: the button stops it, returning everyone without `join-backstage` to the waiting room. */
export const Live: Story = {
  parameters: { stagekit: { live: true } },
};

/** An ended call cannot go live again: the button stays, disabled. */
export const Ended: Story = {
  parameters: { stagekit: { ended: true } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Go live' })).toBeDisabled();
    await expect(canvasElement.querySelector('[data-state]')).toHaveAttribute('data-state', 'ended');
  },
};

/** A click goes live and the next stops, each changing the shared backend. */
export const GoLiveThenStop: Story = {
  play: async (context) => {
    const { backend } = scenarioOf(context);
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Go live' }));
    await expect(await canvas.findByRole('button', { name: 'Stop live' })).toBeEnabled();
    // A click right after the label changed is ignored as meant for "Go live"; a person reads first.
    await settled();
    await expect(backend?.inspect('livestream', 'show')?.backstage).toBe(false);
    await userEvent.click(canvas.getByRole('button', { name: 'Stop live' }));
    await canvas.findByRole('button', { name: 'Go live' });
    await expect(backend?.inspect('livestream', 'show')?.backstage).toBe(true);
  },
};

/**
 * While the action runs the button reads "Going live…", is `aria-disabled` (not `disabled`, so
 * keyboard focus stays on it) and `aria-busy`, and the root carries `data-pending`. Here the
 * backend never answers, so the pending state stays.
 */
export const Pending: Story = {
  parameters: {
    stagekit: {
      setup: (scenario) => {
        scenario.call = { ...scenario.call!, goLive: () => new Promise<void>(() => {}) };
      },
    } satisfies Partial<ScenarioParameters>,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Go live' }));
    const button = await canvas.findByRole('button', { name: 'Going live…' });
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toBeEnabled();
    await expect(button).toHaveFocus();
    await expect(button).toHaveAttribute('aria-busy', 'true');
    await expect(canvasElement.querySelector('.stagekit-go-live-button')).toHaveAttribute('data-pending');
  },
};

/**
 * A refused action shows its error as an alert, tied to the button by `aria-describedby`. This
 * host may go live but not record, and the button asks to start recording.
 */
export const Failure: Story = {
  name: 'Error',
  args: { startRecording: true },
  parameters: {
    stagekit: {
      setup: ({ backend }) => {
        backend!.updateCallType('livestream', { grants: { host: ['read-call', 'join-call', 'join-backstage', 'update-call'] } });
      },
    } satisfies Partial<ScenarioParameters>,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Go live' }));
    const alert = await canvas.findByRole('alert');
    // Words for the code, not the engine's sentence about `start-record-call`.
    await expect(alert).toHaveTextContent('You may not do that in this call.');
    await expect(canvas.getByRole('button', { name: 'Go live' })).toHaveAccessibleDescription(alert.textContent!);
  },
};

/** With `showOptions` the host chooses HLS and recording on each go-live, and what keeps running on stop. */
export const WithOptions: Story = {
  args: { showOptions: true, startHls: true },
};

/** Ticked options reach the backend: HLS and recording start, and HLS keeps running after the stop. */
export const WithOptionsChosen: Story = {
  args: { showOptions: true },
  play: async (context) => {
    const { backend } = scenarioOf(context);
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Start HLS broadcast' }));
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Start recording' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Go live' }));
    await waitFor(() => expect(backend?.inspect('livestream', 'show')).toMatchObject({ backstage: false, hls: true, recording: true }));
    await userEvent.click(await canvas.findByRole('checkbox', { name: 'Keep HLS broadcast running' }));
    await settled();
    await userEvent.click(canvas.getByRole('button', { name: 'Stop live' }));
    await waitFor(() => expect(backend?.inspect('livestream', 'show')).toMatchObject({ backstage: true, hls: true, recording: false }));
  },
};

/** `confirmStop` asks before stopping; focus moves to the confirmation. Here the host has just pressed Stop live. */
export const ConfirmStop: Story = {
  args: { confirmStop: true },
  parameters: { stagekit: { live: true } },
  play: async (context) => {
    const { backend } = scenarioOf(context);
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Stop live' }));
    const group = canvas.getByRole('group', { name: 'Stop the livestream? Viewers will be removed.' });
    await expect(within(group).getByRole('button', { name: 'Stop live' })).toHaveFocus();
    await expect(context.canvasElement.querySelector('.stagekit-go-live-button')).toHaveAttribute('data-confirming');
    await userEvent.click(within(group).getByRole('button', { name: 'Keep streaming' }));
    await expect(backend?.inspect('livestream', 'show')?.backstage).toBe(false);
    await settled();
    await userEvent.click(canvas.getByRole('button', { name: 'Stop live' }));
  },
};

/** A viewer may not go live, and by default sees nothing at all. */
export const ForbiddenHidden: Story = {
  parameters: { stagekit: { as: 'vic' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole('button')).toBeNull();
  },
};

/** With `whenForbidden="disable"` the viewer sees the control, disabled. */
export const ForbiddenDisabled: Story = {
  args: { whenForbidden: 'disable' },
  parameters: { stagekit: { as: 'vic' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Go live' })).toBeDisabled();
  },
};

/** Every string can be replaced, here through `labels`; `<StageKitProvider messages>` does it app-wide. */
export const CustomLabels: Story = {
  args: { labels: { goLive: 'Start the show', stopLive: 'End the show' } },
};
