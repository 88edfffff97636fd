import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { StageStrip } from '../src/components/index.js';
import { scenarioOf, type ScenarioParameters } from '../.storybook/scenario.js';

const host = { id: 'hana', name: 'Hana', member: 'host', joined: true };
const vic = { id: 'vic', name: 'Vic', joined: true };

const meta = {
  title: 'Components/StageStrip',
  component: StageStrip,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'Who is on stage, as a viewer sees it: avatars and names in one row that wraps, nothing to press. A list ' +
          'labelled "On stage" (`messages.onStage`), `data-count` on the root; nothing at all while the stage is empty.',
      },
    },
    stagekit: {
      users: [
        host,
        { id: 'ana', name: 'Ana Lima', joined: true, stage: 'on-stage' },
        { id: 'ben', name: 'Ben Okafor', joined: true, stage: 'on-stage' },
        { id: 'cleo', name: 'Cleo', joined: true, stage: 'on-stage' },
        vic,
      ],
      as: 'vic',
      live: true,
    } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof StageStrip>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Three on stage, seen by a viewer: they wrap in a narrow panel. */
export const ThreeOnStage: Story = {
  play: async ({ canvasElement }) => {
    const strip = within(canvasElement).getByRole('list', { name: 'On stage' });
    await expect(within(strip).getAllByRole('listitem').map((item) => item.dataset.userId)).toEqual(['ana', 'ben', 'cleo']);
  },
};

/** The host takes Ana off the stage: the strip follows; once the stage is empty it goes. */
export const FollowsTheStage: Story = {
  parameters: { stagekit: { users: [host, { id: 'ana', name: 'Ana Lima', joined: true, stage: 'on-stage' }, vic] } },
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await expect(canvas.getByRole('list', { name: 'On stage' })).toHaveTextContent('Ana Lima');
    await scenarioOf(context).calls.hana!.stage.kick(['ana']);
    await waitFor(() => expect(canvas.queryByRole('list', { name: 'On stage' })).toBeNull());
  },
};
