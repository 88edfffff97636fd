import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { StageToggle } from '../src/components/index.js';
import { scenarioOf, settled, type ScenarioParameters } from '../.storybook/scenario.js';

const host = { id: 'hana', name: 'Hana', member: 'host', joined: true };

const meta = {
  title: 'Components/StageToggle',
  component: StageToggle,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: [
          'The viewer\'s one stage control, through the whole cycle: "Request to join stage", "Cancel request",',
          '"Join stage" or "Decline" once a manager accepts or invites, and "Leave stage". Users holding',
          '`join-stage` skip the request. A click while an action runs, or within a moment of the label',
          'changing under the pointer, does nothing.',
          '',
          '- Disabled until the user is in the call. Users who may neither request nor join see nothing,',
          '  or a disabled button with `whenForbidden="disable"`.',
          '- Style by `data-state="off-stage|requested|accepted|on-stage"`, `data-invited` and `data-pending`.',
        ].join('\n'),
      },
    },
    stagekit: {
      users: [host, { id: 'vic', name: 'Vic', joined: true }],
      as: 'vic',
      live: true,
    } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof StageToggle>;

export default meta;
type Story = StoryObj<typeof meta>;

export const OffStage: Story = {};

export const Requested: Story = {
  parameters: { stagekit: { users: [host, { id: 'vic', name: 'Vic', joined: true, stage: 'requested' }] } },
};

/** A manager accepted: the viewer steps on stage when ready, or declines. */
export const Accepted: Story = {
  parameters: { stagekit: { users: [host, { id: 'vic', name: 'Vic', joined: true, stage: 'accepted' }] } },
};

/** A manager invited a viewer who had not asked: Join stage accepts, Decline turns it down. */
export const Invited: Story = {
  parameters: { stagekit: { users: [host, { id: 'vic', name: 'Vic', joined: true, stage: 'invited' }] } },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('.stagekit-stage-toggle')).toHaveAttribute('data-invited', '');
    await expect(within(canvasElement).getByRole('button', { name: 'Decline' })).toBeEnabled();
  },
};

/** Declining an invitation: back off stage, and the host is told. */
export const InvitationDeclined: Story = {
  parameters: { stagekit: { users: [host, { id: 'vic', name: 'Vic', joined: true, stage: 'invited' }] } },
  play: async (context) => {
    const { backend } = scenarioOf(context);
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Decline' }));
    await canvas.findByRole('button', { name: 'Request to join stage' });
    await expect(backend!.inspect('livestream', 'show')?.stage.get('vic')).toBeUndefined();
  },
};

/** The host took the invitation back: the toggle returns to a request. */
export const InvitationRevoked: Story = {
  parameters: { stagekit: { users: [host, { id: 'vic', name: 'Vic', joined: true, stage: 'invited' }] } },
  play: async (context) => {
    const { calls } = scenarioOf(context);
    await calls.hana!.stage.revokeAccess(['vic']);
    await within(context.canvasElement).findByRole('button', { name: 'Request to join stage' });
  },
};

export const OnStage: Story = {
  parameters: { stagekit: { users: [host, { id: 'vic', name: 'Vic', joined: true, stage: 'on-stage' }] } },
};

/** Not in the call yet: nothing to request until the viewer joins. */
export const NotInCall: Story = {
  parameters: { stagekit: { users: [host, { id: 'vic', name: 'Vic' }] } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Request to join stage' })).toBeDisabled();
  },
};

/** Viewers of this call type may not ask for the stage; `whenForbidden="disable"` keeps the button, disabled. */
export const ForbiddenDisabled: Story = {
  args: { whenForbidden: 'disable' },
  parameters: {
    stagekit: {
      setup: ({ backend }) => backend!.updateCallType('livestream', { grants: { user: ['read-call', 'join-call'] } }),
    } satisfies Partial<ScenarioParameters>,
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Request to join stage' })).toBeDisabled();
  },
};

/** The whole cycle: request, cancel, request again, the host accepts, join the stage, leave it. */
export const WholeCycle: Story = {
  play: async (context) => {
    const { calls } = scenarioOf(context);
    const canvas = within(context.canvasElement);
    const root = context.canvasElement.querySelector('.stagekit-stage-toggle');
    await userEvent.click(canvas.getByRole('button', { name: 'Request to join stage' }));
    const cancel = await canvas.findByRole('button', { name: 'Cancel request' });
    await settled();
    await userEvent.click(cancel);
    const again = await canvas.findByRole('button', { name: 'Request to join stage' });
    await settled();
    await userEvent.click(again);
    await canvas.findByRole('button', { name: 'Cancel request' });
    await expect(root).toHaveAttribute('data-state', 'requested');
    await calls.hana!.stage.grantAccess(['vic']);
    const join = await canvas.findByRole('button', { name: 'Join stage' });
    await settled();
    await userEvent.click(join);
    const leave = await canvas.findByRole('button', { name: 'Leave stage' });
    await settled();
    await userEvent.click(leave);
    await canvas.findByRole('button', { name: 'Request to join stage' });
    await expect(root).toHaveAttribute('data-state', 'off-stage');
  },
};
