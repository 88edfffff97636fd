import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import {
  GoLiveButton,
  JoinAheadCountdown,
  LiveBadge,
  OnStageList,
  StageNotifications,
  StageRequestList,
  StageStatusBadge,
  StageToggle,
} from '../src/components/index.js';
import { scenarioOf, type ScenarioParameters } from '../.storybook/scenario.js';

const meta = {
  title: 'Themes/Dark',
  tags: ['autodocs'],
  globals: { theme: 'dark' },
  parameters: {
    docs: {
      description: {
        component:
          'The stylesheet\'s dark theme: set `data-stagekit-theme="dark"` on any ancestor, or let it follow the ' +
          'system. These stories put the components in their most colourful states so the axe check covers the dark palette.',
      },
    },
    stagekit: {
      users: [
        { id: 'hana', name: 'Hana', member: 'host', joined: true },
        { id: 'ana', name: 'Ana', joined: true, stage: 'on-stage' },
        { id: 'ben', name: 'Ben', joined: true, stage: 'requested' },
        { id: 'vic', name: 'Vic', joined: true, stage: 'accepted' },
      ],
      as: 'hana',
      live: true,
    } satisfies ScenarioParameters,
  },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** What the host sees, live, with a queue and someone on stage. */
export const Host: Story = {
  render: () => (
    <div style={{ display: 'grid', gap: 12, maxWidth: 480 }}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <LiveBadge /> <StageStatusBadge userId="ben" /> <StageStatusBadge userId="ana" />
      </div>
      <GoLiveButton showOptions />
      <StageRequestList height={120} />
      <OnStageList />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-stagekit-theme]')).toHaveAttribute('data-stagekit-theme', 'dark');
  },
};

/** What a viewer sees: invited to the stage, the doors open and the start a minute away. */
export const Viewer: Story = {
  parameters: { stagekit: { as: 'vic', live: false, startsInSeconds: 60, joinAheadSeconds: 300 } },
  render: () => (
    <div style={{ display: 'grid', gap: 12, maxWidth: 480 }}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <LiveBadge /> <StageStatusBadge /> <JoinAheadCountdown />
      </div>
      <StageToggle />
    </div>
  ),
};

/** A viewer's notices in every colour: removed from the stage, request declined, then invited. */
export const Notifications: Story = {
  parameters: { stagekit: { as: 'ana' } },
  render: () => <StageNotifications />,
  play: async (context) => {
    const { calls } = scenarioOf(context);
    await calls.hana!.stage.kick(['ana']);
    await calls.ana!.stage.requestAccess();
    await calls.hana!.stage.denyAccess(['ana']);
    await calls.hana!.stage.grantAccess(['ana']);
    await expect(await within(context.canvasElement).findAllByRole('listitem')).toHaveLength(3);
  },
};

/** The go-live button in backstage, in its live colours. */
export const GoLive: Story = {
  parameters: { stagekit: { users: [{ id: 'hana', name: 'Hana', member: 'host', joined: true }], live: false } },
  render: () => <GoLiveButton />,
};
