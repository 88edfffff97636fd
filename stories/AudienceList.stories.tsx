import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { audienceScenario } from '../.storybook/crowd.js';
import type { ScenarioParameters } from '../.storybook/scenario.js';
import { AudienceList, ModerationActions } from '../src/components/index.js';

const host = { id: 'hana', name: 'Hana', member: 'host', joined: true };
const audience = ['Ana', 'Ben', 'Bea', 'Carl', 'Dora', 'Eli'].map((name) => ({ id: name.toLowerCase(), name, joined: true }));

const meta = {
  title: 'Components/AudienceList',
  component: AudienceList,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'The audience for whoever manages the stage: a search box (by name or id) over pages fetched from the server as ' +
          'the list scrolls, with Invite to stage per person. Only the rows in view are rendered, whatever the crowd. ' +
          'Renders nothing for viewers. Style by `data-state="loading|empty|filled"` and each row\'s `data-stage-status`.',
      },
    },
    stagekit: { users: [host, ...audience], as: 'hana', live: true } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof AudienceList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The host sees everyone in name order, with the count. */
export const AsHost: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getAllByRole('listitem')).toHaveLength(7));
    await expect(canvas.getByText('7 watching')).toBeVisible();
  },
};

/** Searching by name narrows the list. */
export const Search: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Search the audience' }), 'be');
    await waitFor(() => expect(canvas.getAllByRole('listitem').map((row) => row.dataset.userId)).toEqual(['bea', 'ben']));
  },
};

/** Inviting Ben: his row says he is invited. */
export const Invite: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Invite Ben to the stage' }));
    await waitFor(() => expect(canvasElement.querySelector('li[data-user-id="ben"]')?.getAttribute('data-stage-status')).toBe('ACCEPTED_TO_JOIN_STAGE'));
    await expect(within(canvasElement.querySelector('li[data-user-id="ben"]') as HTMLElement).getByText('Invited')).toBeVisible();
  },
};

/** With `rowActions`, each row offers Remove from call and Block; here the host blocks Carl after confirming. */
export const WithModeration: Story = {
  args: { rowActions: (participant) => <ModerationActions userId={participant.user_id} name={participant.name} /> },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const carl = within((await canvas.findByText('Carl')).closest('li') as HTMLElement);
    await userEvent.click(carl.getByRole('button', { name: 'Block Carl' }));
    const yes = within(carl.getByRole('group', { name: /Block Carl\?/ })).getByRole('button', { name: 'Block' });
    // The question is taller than its row: a pointer on its answer must reach the answer, not the
    // row below it in the list.
    const box = yes.getBoundingClientRect();
    await expect(canvasElement.ownerDocument.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)).toBe(yes);
    await userEvent.click(yes);
    await waitFor(() => expect(canvas.queryByText('Carl')).toBeNull(), { timeout: 4_000 });
  },
};

/** A viewer is shown nothing of the audience list. */
export const AsViewer: Story = {
  parameters: { stagekit: { as: 'ana' } },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('.stagekit-audience-list')).toBeNull();
  },
};

/**
 * An audience of 50,000: the host's browser holds a page at a time, and renders the rows in view.
 */
export const FiftyThousand: Story = {
  loaders: [() => ({ stagekit: audienceScenario(50_000) })],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getAllByRole('listitem').length).toBeGreaterThan(0), { timeout: 10_000 });
    await expect(canvas.getByText(`${(50_001).toLocaleString()} watching`)).toBeVisible();
    await expect(canvas.getAllByRole('listitem').length).toBeLessThanOrEqual(100);
    await userEvent.type(canvas.getByRole('searchbox'), 'Viewer 4999');
    await waitFor(() => expect(canvas.getAllByRole('listitem').map((row) => row.dataset.userId)).toContain('viewer-4999'));
  },
};
