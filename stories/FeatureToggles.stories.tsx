import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { FeatureToggles } from '../src/components/index.js';
import { scenarioOf, type ScenarioParameters } from '../.storybook/scenario.js';
import { SETTLE_MS } from '../src/components/action-guard.js';

const meta = {
  title: 'Components/FeatureToggles',
  component: FeatureToggles,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'The host’s switches for HLS broadcasting, recording, transcription and captions, at any time before the call ends, ' +
          'live or in backstage. One toggle button per feature the user may start or stop; `aria-pressed` and ' +
          '`data-state="on|off"` say whether it runs. Renders nothing for viewers and on ended calls.',
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
} satisfies Meta<typeof FeatureToggles>;

export default meta;
type Story = StoryObj<typeof meta>;

/** In backstage, before going live: a host may already start a recording. */
export const Backstage: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    for (const name of ['Broadcast', 'Record', 'Transcribe', 'Captions']) {
      await expect(canvas.getByRole('button', { name })).toHaveAttribute('aria-pressed', 'false');
    }
  },
};

/** Live with the recording and captions running. */
export const LiveRecording: Story = {
  parameters: {
    stagekit: {
      live: true,
      setup: async ({ calls }) => {
        await calls.hana!.startFeature('recording');
        await calls.hana!.startFeature('captioning');
      },
    } satisfies Partial<ScenarioParameters>,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Record' })).toHaveAttribute('aria-pressed', 'true');
    await expect(canvas.getByRole('button', { name: 'Captions' })).toHaveAttribute('aria-pressed', 'true');
    await expect(canvas.getByRole('button', { name: 'Broadcast' })).toHaveAttribute('aria-pressed', 'false');
  },
};

/** Stopping the recording mid-show, by a click. */
export const StopRecordingMidShow: Story = {
  parameters: { stagekit: { live: true, setup: async ({ calls }) => calls.hana!.startFeature('recording') } satisfies Partial<ScenarioParameters> },
  play: async (context) => {
    const canvas = within(context.canvasElement);
    const record = canvas.getByRole('button', { name: 'Record' });
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 10));
    await userEvent.click(record);
    await waitFor(() => expect(record).toHaveAttribute('aria-pressed', 'false'));
    await expect(scenarioOf(context).backend!.inspect('livestream', scenarioOf(context).call!.id)!.recording).toBe(false);
  },
};

/** Recording turned off in the call's settings: the attempt is refused in words. */
export const Refused: Story = {
  parameters: {
    stagekit: { setup: async ({ calls }) => calls.hana!.update({ settings_override: { recording: { mode: 'disabled' } } }) } satisfies Partial<ScenarioParameters>,
  },
  args: { features: ['recording'] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 10));
    await userEvent.click(canvas.getByRole('button', { name: 'Record' }));
    await expect(await canvas.findByRole('alert')).toHaveAttribute('data-code', 'INVALID_STATE');
  },
};

/** A viewer may switch nothing: with `whenForbidden="disable"` they see the toggles greyed out. */
export const ForbiddenDisabled: Story = {
  parameters: { stagekit: { as: 'vic', live: true } },
  args: { whenForbidden: 'disable' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Record' })).toBeDisabled();
  },
};
