import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { StageNotifications, useDenyStageAccess } from '../src/components/index.js';
import { scenarioOf, type Scenario, type ScenarioParameters } from '../.storybook/scenario.js';

const hana = { id: 'hana', name: 'Hana', member: 'host', joined: true };
const cora = { id: 'cora', name: 'Cora', member: 'host', joined: true };
const vic = { id: 'vic', name: 'Vic', joined: true };
const ana = { id: 'ana', name: 'Ana', joined: true };

const meta = {
  title: 'Components/StageNotifications',
  component: StageNotifications,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: [
          'Stage news as short notices, each announced once through a polite live region and kept until dismissed',
          '(its Dismiss button, or Escape on it); nothing disappears on a timer.',
          '',
          '- Viewers: approved, invited, denied, invitation withdrawn, removed from the stage.',
          '- Managers: a new request (with Accept and how many wait), a request withdrawn, an invitation declined,',
          '  and "already decided by …" when their decision lost to another manager\'s.',
          '- `kinds` picks the notices to show, `max` how many stay; every string comes from `messages`.',
          '- Style by `data-count` on the region and `data-kind` on each notice.',
        ].join('\n'),
      },
    },
    stagekit: { users: [hana, vic], as: 'vic', live: true } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof StageNotifications>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A notice's text, not its copy in the live region. */
const NOTICE = { selector: 'li > span' };

/** A story whose play does `act` as the other users, then expects one notice reading `text`. */
function notice(text: string, kind: string, act: (scenario: Scenario) => Promise<unknown>): Pick<Story, 'play'> {
  return {
    play: async (context) => {
      await act(scenarioOf(context));
      const canvas = within(context.canvasElement);
      const item = await canvas.findByText(text, NOTICE);
      await expect(item.closest('li')).toHaveAttribute('data-kind', kind);
      // Announced once, through the one live region.
      await waitFor(() => expect(context.canvasElement.querySelector('[aria-live="polite"]')).toHaveTextContent(text));
    },
  };
}

/** Nothing has happened yet: an empty region, its live region ready. */
export const Empty: Story = {};

export const Approved: Story = {
  parameters: { stagekit: { users: [hana, { ...vic, stage: 'requested' }] } },
  ...notice('Your request was accepted. You can join the stage.', 'approved', ({ calls }) => calls.hana!.stage.grantAccess(['vic'])),
};

export const Invited: Story = notice('You are invited to join the stage.', 'invited', ({ calls }) => calls.hana!.stage.grantAccess(['vic']));

export const Denied: Story = {
  parameters: { stagekit: { users: [hana, { ...vic, stage: 'requested' }] } },
  ...notice('Your request to join the stage was declined.', 'denied', ({ calls }) => calls.hana!.stage.denyAccess(['vic'])),
};

export const InvitationWithdrawn: Story = {
  parameters: { stagekit: { users: [hana, { ...vic, stage: 'invited' }] } },
  ...notice('Your invitation to the stage was withdrawn.', 'revoked', ({ calls }) => calls.hana!.stage.revokeAccess(['vic'])),
};

export const RemovedFromStage: Story = {
  parameters: { stagekit: { users: [hana, { ...vic, stage: 'on-stage' }] } },
  ...notice('You were removed from the stage.', 'removed', ({ calls }) => calls.hana!.stage.kick(['vic'])),
};

/** A host hears of a new request, with how many wait, and may accept it from the notice. */
export const NewRequest: Story = {
  parameters: { stagekit: { users: [hana, { ...ana, stage: 'requested' }, vic], as: 'hana' } },
  play: async (context) => {
    const { calls, backend } = scenarioOf(context);
    await calls.vic!.stage.requestAccess();
    const canvas = within(context.canvasElement);
    await canvas.findByText('Vic asks to join the stage (2 waiting).', NOTICE);
    await userEvent.click(canvas.getByRole('button', { name: 'Accept Vic' }));
    await waitFor(() => expect(backend!.inspect('livestream', 'show')?.stage.get('vic')).toBe('ACCEPTED_TO_JOIN_STAGE'));
    await waitFor(() => expect(canvas.queryByText(/asks to join/, NOTICE)).toBeNull());
  },
};

export const RequestWithdrawn: Story = {
  parameters: { stagekit: { users: [hana, { ...vic, stage: 'requested' }], as: 'hana' } },
  ...notice('Vic withdrew their request.', 'withdrawn', ({ calls }) => calls.vic!.stage.cancelRequestAccess()),
};

export const InvitationDeclined: Story = {
  parameters: { stagekit: { users: [hana, { ...vic, stage: 'invited' }], as: 'hana' } },
  ...notice('Vic declined the invitation.', 'declined', ({ calls }) => calls.vic!.stage.declineInvitation()),
};

/**
 * Hana denies Vic's request, but Cora had accepted it a moment before: the deny is skipped, and
 * Hana is told who decided. (The decision here runs through the same mutation a list's Deny uses.)
 */
export const AlreadyDecided: Story = {
  parameters: { stagekit: { users: [hana, cora, { ...vic, stage: 'requested' }], as: 'hana' } },
  render: (args) => (
    <>
      <DenyVic />
      <StageNotifications {...args} />
    </>
  ),
  play: async (context) => {
    const { calls } = scenarioOf(context);
    await calls.cora!.stage.grantAccess(['vic'], { onlyRequested: true });
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Deny Vic' }));
    const item = await canvas.findByText('Vic: already decided by Cora.', NOTICE);
    await expect(item.closest('li')).toHaveAttribute('data-kind', 'decided');
  },
};

/** Dismissed by keyboard: Escape on a notice's button, focus moving to the next notice. */
export const DismissByKeyboard: Story = {
  play: async (context) => {
    const { calls } = scenarioOf(context);
    await calls.hana!.stage.grantAccess(['vic']);
    await calls.hana!.stage.revokeAccess(['vic']);
    const canvas = within(context.canvasElement);
    await canvas.findByText('Your invitation to the stage was withdrawn.', NOTICE);
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Dismiss: You are invited to join the stage.' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect(canvas.queryByText('You are invited to join the stage.', NOTICE)).toBeNull();
    await expect(canvas.getByRole('button', { name: 'Dismiss: Your invitation to the stage was withdrawn.' })).toHaveFocus();
  },
};

/** Every string from `messages` (here through `labels`), and only the kinds asked for. */
export const CustomMessagesAndKinds: Story = {
  // The button's name must hold its visible text, so `dismiss` and `dismissNotice` change together.
  args: {
    kinds: ['invited'],
    labels: { noticeInvited: 'Hana would like you on stage.', dismiss: 'Close', dismissNotice: (text) => `Close: ${text}` },
  },
  play: async (context) => {
    const { calls } = scenarioOf(context);
    await calls.hana!.stage.grantAccess(['vic']);
    await calls.hana!.stage.revokeAccess(['vic']);
    const canvas = within(context.canvasElement);
    await canvas.findByText('Hana would like you on stage.', NOTICE);
    await expect(canvas.queryByText('Your invitation to the stage was withdrawn.', NOTICE)).toBeNull();
    await expect(canvas.getByRole('button', { name: 'Close: Hana would like you on stage.' })).toHaveTextContent('Close');
  },
};

function DenyVic() {
  const deny = useDenyStageAccess();
  return (
    <button type="button" onClick={() => deny.mutate(['vic'])}>
      Deny Vic
    </button>
  );
}
