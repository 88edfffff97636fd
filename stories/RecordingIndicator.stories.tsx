import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { BroadcastIndicator, RecordingIndicator } from '../src/components/index.js';
import { scenarioOf, type ScenarioParameters } from '../.storybook/scenario.js';

const meta = {
  title: 'Components/RecordingIndicator',
  component: RecordingIndicator,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'For everyone: "Recording" while the call is recorded (and `BroadcastIndicator`: "Broadcasting" while HLS runs). ' +
          'Off, each is an empty status region (`data-state="off"`), out of sight, so a start is announced as it happens.',
      },
    },
    stagekit: {
      users: [
        { id: 'hana', name: 'Hana', member: 'host', joined: true },
        { id: 'vic', name: 'Vic', joined: true },
      ],
      as: 'vic',
      live: true,
    } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof RecordingIndicator>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Off: Story = {
  play: async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status');
    await expect(status).toHaveAttribute('data-state', 'off');
    await expect(status).toHaveTextContent('');
  },
};

export const On: Story = {
  parameters: { stagekit: { setup: async ({ calls }) => calls.hana!.startFeature('recording') } satisfies Partial<ScenarioParameters> },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Recording');
  },
};

/** The host starts the recording mid-show while the viewer watches. */
export const StartsMidShow: Story = {
  play: async (context) => {
    await scenarioOf(context).calls.hana!.startFeature('recording');
    await expect(await within(context.canvasElement).findByText('Recording')).toHaveAttribute('data-state', 'on');
  },
};

export const Broadcasting: Story = {
  parameters: { stagekit: { setup: async ({ calls }) => calls.hana!.startFeature('hls') } satisfies Partial<ScenarioParameters> },
  render: () => <BroadcastIndicator />,
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Broadcasting');
  },
};

export const NotBroadcasting: Story = {
  render: () => <BroadcastIndicator />,
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveAttribute('data-state', 'off');
  },
};
