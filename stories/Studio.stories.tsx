import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { scenarioOf, settled, type ScenarioParameters } from '../.storybook/scenario.js';
import { Studio } from './Studio.js';

const meta = {
  title: 'Studio',
  component: Studio,
  tags: ['autodocs'],
  parameters: {
    layout: 'fullscreen',
    // Three panels side by side.
    visual: { width: 1000 },
    docs: {
      description: {
        component: [
          'Hana hosts; Ana and Ben watch. Each panel is its own client on one in-memory backend, so what one does',
          'the others see. The clock stands still until you move it.',
          '',
          'Walk the whole flow: schedule the show, watch the countdown, move the clock until the doors open, join',
          'as Ana and Ben, go live, request the stage, accept Ana and deny Ben, join the stage as Ana, remove her,',
          'invite Ben (who declines), stop live (everyone but the host returns to the waiting room), and end the call.',
          'Each panel\'s notifications tell its user what the others did.',
        ].join('\n'),
      },
    },
    stagekit: {
      users: [
        { id: 'hana', name: 'Hana', member: 'host' },
        { id: 'ana', name: 'Ana' },
        { id: 'ben', name: 'Ben' },
      ],
      create: false,
    } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof Studio>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A notice's text, not its copy in the live region. */
const NOTICE = { selector: 'li > span' };

/** The playground: nothing happens until you act. Reload the story to start over. */
export const Playground: Story = {
  name: 'Studio',
};

/**
 * The same studio, walked through the whole flow by its play function, which checks what each
 * panel shows at every step. Open the Interactions panel to replay it step by step.
 */
export const Walkthrough: Story = {
  // Whether the host's audience list has heard everyone left the ended call when the play ends
  // is a race: its picture leaves it out.
  parameters: { visual: { width: 1000, hide: ['.stagekit-audience-list'] } },
  play: async (context) => {
    const { canvasElement, step } = context;
    const scenarioCalls = scenarioOf(context).calls;
    const canvas = within(canvasElement);
    const host = within(canvas.getByRole('region', { name: 'Host: Hana' }));
    const ana = within(canvas.getByRole('region', { name: 'Viewer: Ana' }));
    const ben = within(canvas.getByRole('region', { name: 'Viewer: Ben' }));
    const clock = within(canvas.getByRole('group', { name: 'Clock' }));
    const badge = (panel: typeof host) => panel.getByText(/^(Backstage|Live|Ended)$/, { selector: '.stagekit-live-badge' });
    const status = (panel: typeof host) => panel.getByText(/./, { selector: '.stagekit-stage-status-badge' });
    const timer = (panel: typeof host, text: string) => waitFor(() => expect(panel.getByRole('timer')).toHaveTextContent(text));

    await step('Hana schedules the show; Ana and Ben wait for the doors', async () => {
      await expect(ana.getByText('Nothing scheduled yet.')).toBeVisible();
      await userEvent.click(host.getByRole('button', { name: 'Schedule the show' }));
      await host.findByRole('button', { name: 'Go live' });
      await expect(badge(host)).toHaveTextContent('Backstage');
      await timer(host, 'Doors open in 3:00');
      await expect(await ana.findByRole('region', { name: "Ana's waiting room" })).toBeVisible();
      await timer(ana, 'Doors open in 3:00');
      await timer(ben, 'Doors open in 3:00');
      await expect(ana.queryByRole('button', { name: 'Join' })).toBeNull();
    });

    await step('The countdown follows the clock until the doors open', async () => {
      await userEvent.click(clock.getByRole('button', { name: '+1 min' }));
      await timer(ana, 'Doors open in 2:00');
      await userEvent.click(clock.getByRole('button', { name: '+10 s' }));
      await timer(ben, 'Doors open in 1:50');
      await userEvent.click(clock.getByRole('button', { name: '+1 min' }));
      await timer(ana, 'Doors open in 0:50');
      for (let i = 0; i < 5; i++) await userEvent.click(clock.getByRole('button', { name: '+10 s' }));
      await timer(ana, 'Starts in 2:00');
      await timer(host, 'Starts in 2:00');
    });

    await step('Ana and Ben join ahead of the start', async () => {
      await userEvent.click(ana.getByRole('button', { name: 'Join' }));
      await userEvent.click(ben.getByRole('button', { name: 'Join' }));
      await ana.findByRole('button', { name: 'Leave the call' });
      await ben.findByRole('button', { name: 'Leave the call' });
    });

    await step('Hana goes live', async () => {
      await settled();
      await userEvent.click(host.getByRole('button', { name: 'Go live' }));
      await host.findByRole('button', { name: 'Stop live' });
      for (const panel of [host, ana, ben]) await waitFor(() => expect(badge(panel)).toHaveTextContent('Live'));
      // The badge says it; a countdown reading "Live" beside it would say it twice.
      await waitFor(() => expect(ana.queryByRole('timer')).toBeNull());
      await expect(host.queryByRole('timer')).toBeNull();
    });

    await step('Hana records mid-show: everyone sees it start and stop', async () => {
      const features = within(host.getByRole('group', { name: 'Show features' }));
      const record = features.getByRole('button', { name: 'Record' });
      await expect(record).toHaveAttribute('aria-pressed', 'false');
      await userEvent.click(record);
      await waitFor(() => expect(record).toHaveAttribute('aria-pressed', 'true'));
      for (const panel of [host, ana, ben]) await expect(await panel.findByText('Recording')).toHaveAttribute('data-state', 'on');
      await settled();
      await userEvent.click(record);
      await waitFor(() => expect(record).toHaveAttribute('aria-pressed', 'false'));
      for (const panel of [ana, ben]) await waitFor(() => expect(panel.queryByText('Recording')).toBeNull());
      await expect(badge(ana)).toHaveTextContent('Live');
    });

    await step('Ana and Ben ask for the stage; Hana accepts Ana and denies Ben', async () => {
      await userEvent.click(ana.getByRole('button', { name: 'Request to join stage' }));
      await userEvent.click(ben.getByRole('button', { name: 'Request to join stage' }));
      await host.findByText('2 pending');
      await expect(host.getByText('Ben asks to join the stage (2 waiting).', NOTICE)).toBeVisible();
      await expect(status(ana)).toHaveTextContent('Requested');
      await userEvent.click(host.getByRole('button', { name: 'Accept Ana' }));
      const denyBen = await host.findByRole('button', { name: 'Deny Ben' });
      await settled();
      await userEvent.click(denyBen);
      await host.findByText('No one is asking to join the stage.');
      await waitFor(() => expect(status(ana)).toHaveTextContent('Approved'));
      await waitFor(() => expect(status(ben)).toHaveTextContent('Off stage'));
      await expect(ana.getByText('Your request was accepted. You can join the stage.', NOTICE)).toBeVisible();
      await expect(ben.getByText('Your request to join the stage was declined.', NOTICE)).toBeVisible();
      await expect(ben.getByRole('button', { name: 'Request to join stage' })).toBeEnabled();
    });

    await step('Ana steps on stage', async () => {
      await settled();
      await userEvent.click(ana.getByRole('button', { name: 'Join stage' }));
      await ana.findByRole('button', { name: 'Leave stage' });
      await expect(status(ana)).toHaveTextContent('On stage');
      const onStage = within(host.getByRole('region', { name: 'On stage' }));
      await expect(await onStage.findByText('Ana')).toBeVisible();
      // Ben, watching, sees who is on stage.
      await expect(await within(await ben.findByRole('list', { name: 'On stage' })).findByText('Ana')).toBeVisible();
    });

    await step('Hana removes Ana from the stage', async () => {
      await userEvent.click(host.getByRole('button', { name: 'Take Ana off stage' }));
      await waitFor(() => expect(status(ana)).toHaveTextContent('Off stage'));
      await ana.findByRole('button', { name: 'Request to join stage' });
      await expect(within(host.getByRole('region', { name: 'On stage' })).queryByRole('listitem')).toBeNull();
      await waitFor(() => expect(ben.queryByRole('list', { name: 'On stage' })).toBeNull());
      await expect(ana.getByText('You were removed from the stage.', NOTICE)).toBeVisible();
    });

    await step('Hana invites Ben, who declines', async () => {
      await scenarioCalls.hana!.stage.grantAccess(['ben']);
      await waitFor(() => expect(status(ben)).toHaveTextContent('Invited to stage'));
      await expect(ben.getByText('You are invited to join the stage.', NOTICE)).toBeVisible();
      await settled();
      await userEvent.click(ben.getByRole('button', { name: 'Decline' }));
      await ben.findByRole('button', { name: 'Request to join stage' });
      await expect(await host.findByText('Ben declined the invitation.', NOTICE)).toBeVisible();
    });

    await step('Hana stops live, after confirming; the viewers return to the waiting room', async () => {
      await userEvent.click(host.getByRole('button', { name: 'Stop live' }));
      const confirm = host.getByRole('group', { name: 'Stop the livestream? Viewers will be removed.' });
      await settled();
      await userEvent.click(within(confirm).getByRole('button', { name: 'Stop live' }));
      await host.findByRole('button', { name: 'Go live' });
      await expect(badge(host)).toHaveTextContent('Backstage');
      await expect(await ana.findByRole('region', { name: "Ana's waiting room" })).toBeVisible();
      await expect(await ben.findByRole('region', { name: "Ben's waiting room" })).toBeVisible();
      await timer(ana, 'Starts in 2:00');
      await expect(badge(ana)).toHaveTextContent('Backstage');
    });

    await step('Past the start, the viewers wait for the host', async () => {
      await userEvent.click(clock.getByRole('button', { name: '+5 min' }));
      await timer(ben, 'Waiting for the host to go live');
    });

    await step('Hana ends the call', async () => {
      await userEvent.click(host.getByRole('button', { name: 'End call' }));
      const confirm = host.getByRole('group', { name: 'End the call for everyone? No one can rejoin.' });
      await settled();
      await userEvent.click(within(confirm).getByRole('button', { name: 'End call' }));
      for (const panel of [host, ana, ben]) await waitFor(() => expect(badge(panel)).toHaveTextContent('Ended'));
      await timer(ana, 'Ended');
      await timer(ben, 'Ended');
      await expect(host.getByRole('button', { name: 'End call' })).toBeDisabled();
      await expect(host.queryByRole('button', { name: 'Go live' })).toBeDisabled();
    });
  },
};
