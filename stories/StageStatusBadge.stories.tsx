import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { StageStatusBadge } from '../src/components/index.js';
import type { ScenarioParameters } from '../.storybook/scenario.js';

const meta = {
  title: 'Components/StageStatusBadge',
  component: StageStatusBadge,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'A stage status as text: your own by default, or another user\'s with `userId`. Viewers see only whether ' +
          'others are on stage; managers see every status. Style by `data-state="off-stage|requested|accepted|on-stage"`.',
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
} satisfies Meta<typeof StageStatusBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

const expectBadge = (canvasElement: HTMLElement, text: string, state: string) =>
  expect(within(canvasElement).getByText(text)).toHaveAttribute('data-state', state);

export const OffStage: Story = {
  play: ({ canvasElement }) => expectBadge(canvasElement, 'Off stage', 'off-stage'),
};

export const Requested: Story = {
  parameters: { stagekit: { users: [{ id: 'hana', name: 'Hana', member: 'host', joined: true }, { id: 'vic', name: 'Vic', joined: true, stage: 'requested' }] } },
  play: ({ canvasElement }) => expectBadge(canvasElement, 'Requested', 'requested'),
};

/** Vic asked and a manager accepted. */
export const Approved: Story = {
  parameters: { stagekit: { users: [{ id: 'hana', name: 'Hana', member: 'host', joined: true }, { id: 'vic', name: 'Vic', joined: true, stage: 'accepted' }] } },
  play: ({ canvasElement }) => expectBadge(canvasElement, 'Approved', 'accepted'),
};

/** Vic did not ask: a manager invited them. Same status, `data-invited` set. */
export const Invited: Story = {
  parameters: { stagekit: { users: [{ id: 'hana', name: 'Hana', member: 'host', joined: true }, { id: 'vic', name: 'Vic', joined: true, stage: 'invited' }] } },
  play: async ({ canvasElement }) => {
    await expectBadge(canvasElement, 'Invited to stage', 'accepted');
    await expect(within(canvasElement).getByText('Invited to stage')).toHaveAttribute('data-invited', '');
  },
};

export const OnStage: Story = {
  parameters: { stagekit: { users: [{ id: 'hana', name: 'Hana', member: 'host', joined: true }, { id: 'vic', name: 'Vic', joined: true, stage: 'on-stage' }] } },
  play: ({ canvasElement }) => expectBadge(canvasElement, 'On stage', 'on-stage'),
};

/** The host, a stage manager, sees Vic's pending request; another viewer would see "Off stage". */
export const AnotherUsersStatus: Story = {
  args: { userId: 'vic' },
  parameters: {
    stagekit: {
      users: [{ id: 'hana', name: 'Hana', member: 'host', joined: true }, { id: 'vic', name: 'Vic', joined: true, stage: 'requested' }],
      as: 'hana',
    },
  },
  play: ({ canvasElement }) => expectBadge(canvasElement, 'Requested', 'requested'),
};
