import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { BackstageGate, JoinCallButton, LiveBadge, StageCall } from '../src/components/index.js';
import { scenarioOf, useScenario, type ScenarioParameters } from '../.storybook/scenario.js';

const meta = {
  title: 'Components/BackstageGate',
  component: BackstageGate,
  tags: ['autodocs'],
  args: {
    children: (
      <div>
        <p>
          You may come in now. <LiveBadge />
        </p>
        <JoinCallButton />
      </div>
    ),
  },
  parameters: {
    docs: {
      description: {
        component: [
          'Wrap the viewer\'s call UI in it: the children render only when the user may be in the call (they are in',
          'it, or may join now); otherwise a waiting room region with the countdown. It opens by itself when the',
          'join-ahead window opens or the host goes live.',
          '',
          '- `waitingRoom` replaces the default waiting room; `locale` sets the countdown\'s digits.',
          '- The waiting room carries `data-state` set to the phase (`loading` and `error` before the call loads, with',
          '  the load error shown); the children render without a wrapper.',
          '- A visually hidden polite live region follows the gate, so the doors opening (or closing) is announced.',
        ].join('\n'),
      },
    },
    stagekit: {
      users: [
        { id: 'hana', name: 'Hana', member: 'host', joined: true },
        { id: 'vic', name: 'Vic' },
      ],
      as: 'vic',
      startsInSeconds: 500,
      joinAheadSeconds: 300,
    } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof BackstageGate>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The doors open in 200 s: the viewer waits. */
export const Waiting: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('region', { name: 'Waiting room' })).toHaveAttribute('data-state', 'scheduled');
    await expect(canvas.getByRole('timer')).toHaveTextContent('Doors open in 3:20');
  },
};

/** The join-ahead window is open: the viewer sees what the gate guards. */
export const Open: Story = {
  parameters: { stagekit: { startsInSeconds: 100 } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Join' })).toBeEnabled();
  },
};

/** The gate opens as the clock reaches the join-ahead window, and the viewer joins. */
export const OpensWhenTheDoorsOpen: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await expect(canvas.queryByRole('button', { name: 'Join' })).toBeNull();
    scenarioOf(context).clock.advance(200_000);
    await userEvent.click(await canvas.findByRole('button', { name: 'Join' }));
    await canvas.findByRole('button', { name: 'Leave' });
  },
};

/** `waitingRoom` replaces the default content of the waiting room. */
export const CustomWaitingRoom: Story = {
  args: { waitingRoom: <p>The show is being set up. Grab a coffee; this page opens by itself.</p> },
};

/** Loading the call failed (here it was never created): the waiting room shows why. */
export const LoadError: Story = {
  name: 'Error',
  parameters: { stagekit: { create: false } },
  render: function LoadErrorStory(args) {
    const { call } = useScenario();
    return (
      <StageCall call={call!}>
        <BackstageGate {...args} />
      </StageCall>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('alert')).toBeVisible();
    await expect(canvas.getByRole('region', { name: 'Waiting room' })).toHaveAttribute('data-state', 'error');
  },
};
