import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { OnStageList } from '../src/components/index.js';
import type { ScenarioParameters } from '../.storybook/scenario.js';

const host = { id: 'hana', name: 'Hana', member: 'host', joined: true };

const meta = {
  title: 'Components/OnStageList',
  component: OnStageList,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'Who is on stage, for everyone; stage managers also get a `KickButton` per person, and an empty list says ' +
          'so. `title` (or `messages.onStage`) replaces the heading. Style by `data-state="empty|filled"`.',
      },
    },
    stagekit: {
      users: [
        host,
        { id: 'ana', name: 'Ana', joined: true, stage: 'on-stage' },
        { id: 'ben', name: 'Ben', joined: true, stage: 'on-stage' },
        { id: 'vic', name: 'Vic', joined: true },
      ],
      as: 'hana',
      live: true,
    } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof OnStageList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** No one is on stage: the list says so. */
export const Empty: Story = {
  parameters: { stagekit: { users: [host, { id: 'vic', name: 'Vic', joined: true }] } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No one is on stage.')).toBeVisible();
  },
};

/** The host sees Ana and Ben on stage, each with a control to remove them. */
export const AsHost: Story = {};

/** A viewer sees who is on stage, without controls. */
export const AsViewer: Story = {
  args: { title: 'Now speaking' },
  parameters: { stagekit: { as: 'vic' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByRole('listitem')).toHaveLength(2);
    await expect(canvas.queryByRole('button')).toBeNull();
  },
};

/** The host removes Ana; the list follows. */
export const Kick: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Take Ana off stage' }));
    await expect(await canvas.findAllByRole('listitem')).toHaveLength(1);
    await expect(canvas.getByRole('listitem')).toHaveTextContent('Ben');
  },
};

/** The host blocks Ben after confirming: he leaves the stage and the call, and cannot come back. */
export const Block: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Block Ben' }));
    const question = canvas.getByRole('group', { name: /Block Ben\?/ });
    await userEvent.click(within(question).getByRole('button', { name: 'Block' }));
    await expect(await canvas.findAllByRole('listitem')).toHaveLength(1);
    await expect(canvas.getByRole('listitem')).toHaveTextContent('Ana');
  },
};
