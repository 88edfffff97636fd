import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { StageRequestList } from '../src/components/index.js';
import { crowdedScenario } from '../.storybook/crowd.js';
import { scenarioOf, type ScenarioParameters, settled } from '../.storybook/scenario.js';

const host = { id: 'hana', name: 'Hana', member: 'host', joined: true };
const requesters = [
  { id: 'ana', name: 'Ana', joined: true, stage: 'requested' as const },
  { id: 'ben', name: 'Ben', joined: true, stage: 'requested' as const },
  { id: 'cleo', name: 'Cleo', joined: true, stage: 'requested' as const },
];

const meta = {
  title: 'Components/StageRequestList',
  component: StageRequestList,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: [
          'The stage queue for managers (`manage-stage`): pending requests oldest first, Accept and Deny per row,',
          'and Accept all / Deny all as one bulk call each. Everyone else sees nothing.',
          '',
          '- Only the rows in view render (`height`, `rowHeight`, `overscan`), so 10,000 requests stay fast;',
          '  rows carry `aria-setsize` and `aria-posinset` so screen readers know the queue\'s length.',
          '- After a decision, focus moves to the row that takes the decided one\'s place.',
          '- Style by `data-state="empty|pending"` and `data-busy`.',
        ].join('\n'),
      },
    },
    stagekit: { users: [host, ...requesters], as: 'hana', live: true } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof StageRequestList>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  parameters: { stagekit: { users: [host] } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('No one is asking to join the stage.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Accept all' })).toBeDisabled();
  },
};

export const AFewRequests: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('3 pending')).toBeVisible();
    await expect(canvas.getAllByRole('listitem').map((row) => row.dataset.userId)).toEqual(['ana', 'ben', 'cleo']);
  },
};

/** Accepting and denying single rows; the decided rows leave the queue and the backend records each decision. */
export const AcceptAndDeny: Story = {
  play: async (context) => {
    const { backend } = scenarioOf(context);
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Accept Ana' }));
    // Ben's row moved up under the pointer: a click there waits until the moment has passed.
    const denyBen = await canvas.findByRole('button', { name: 'Deny Ben' });
    await settled();
    await userEvent.click(denyBen);
    await canvas.findByText('1 pending');
    await expect(canvas.getAllByRole('listitem').map((row) => row.dataset.userId)).toEqual(['cleo']);
    await expect(backend?.inspect('livestream', 'show')?.stage.toJSON()).toMatchObject({ ana: 'ACCEPTED_TO_JOIN_STAGE', cleo: 'REQUESTED_TO_JOIN_STAGE' });
    await expect(backend?.inspect('livestream', 'show')?.stage.get('ben')).toBeUndefined();
  },
};

/** Accept all takes the whole queue in one bulk call. */
export const AcceptAll: Story = {
  play: async (context) => {
    const { backend } = scenarioOf(context);
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Accept all' }));
    await canvas.findByText('No one is asking to join the stage.');
    await expect(backend?.inspect('livestream', 'show')?.stage_requests.toArray()).toEqual([]);
  },
};

/**
 * 10,000 pending requests: only the rows in view are in the DOM, and scrolling renders the next
 * ones. The crowd is seeded straight into the call (see `.storybook/crowd.ts`); the host's actions
 * still run through the real engine.
 */
export const TenThousandRequests: Story = {
  loaders: [() => ({ stagekit: crowdedScenario(10_000) })],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('10000 pending')).toBeVisible();
    const rows = () => canvas.getAllByRole('listitem');
    await expect(rows().length).toBeLessThan(20);
    await expect(rows()[0]).toHaveAttribute('aria-setsize', '10000');
    const scroller = canvasElement.querySelector<HTMLElement>('.stagekit-stage-request-scroller')!;
    scroller.scrollTop = 44 * 5_000;
    await waitFor(() => expect(rows().some((row) => row.dataset.userId === 'viewer-5001')).toBe(true));
    await expect(rows().length).toBeLessThan(20);
    await userEvent.click(canvas.getByRole('button', { name: 'Accept Viewer 5001' }));
    await canvas.findByText('9999 pending');
  },
};

/** A viewer is no stage manager: the list renders nothing for them, not even while they wait in it. */
export const ViewerSeesNothing: Story = {
  parameters: { stagekit: { as: 'ana' } },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('.stagekit-stage-request-list')).toBeNull();
  },
};
