import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { JoinAheadCountdown } from '../src/components/index.js';
import { scenarioOf, type ScenarioParameters } from '../.storybook/scenario.js';

const meta = {
  title: 'Components/JoinAheadCountdown',
  component: JoinAheadCountdown,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: [
          'The viewer\'s countdown: "Doors open in 3:20" until the join-ahead window opens, then "Starts in 0:45",',
          'then "Live" and "Ended". It re-renders once a second only while something counts down.',
          '',
          '- Screen readers hear the phase when it changes, never the ticking seconds.',
          '- `locale` sets the digits (Intl); `formatTime` replaces the `m:ss` format; `labels` the words.',
          '- Style by `data-state` (the phase: `unscheduled|scheduled|doors-open|live|ended`) and `data-counting-to`.',
        ].join('\n'),
      },
    },
    stagekit: {
      users: [
        { id: 'hana', name: 'Hana', member: 'host', joined: true },
        { id: 'vic', name: 'Vic' },
      ],
      as: 'vic',
    } satisfies ScenarioParameters,
  },
} satisfies Meta<typeof JoinAheadCountdown>;

export default meta;
type Story = StoryObj<typeof meta>;

const expectTimer = (canvasElement: HTMLElement, text: string) => expect(within(canvasElement).getByRole('timer')).toHaveTextContent(text);

/** No start time yet. */
export const Unscheduled: Story = {
  play: ({ canvasElement }) => expectTimer(canvasElement, 'Not scheduled yet'),
};

/** Starts in 500 s, and viewers may join 300 s ahead: the doors open in 200 s. */
export const DoorsOpenCountdown: Story = {
  parameters: { stagekit: { startsInSeconds: 500, joinAheadSeconds: 300 } },
  play: ({ canvasElement }) => expectTimer(canvasElement, 'Doors open in 3:20'),
};

/** The doors are open; the show starts in 45 s. */
export const StartsIn: Story = {
  parameters: { stagekit: { startsInSeconds: 45, joinAheadSeconds: 300 } },
  play: ({ canvasElement }) => expectTimer(canvasElement, 'Starts in 0:45'),
};

/** Without a join-ahead window the countdown runs straight to the start. */
export const StartsInWithoutJoinAhead: Story = {
  parameters: { stagekit: { startsInSeconds: 3_725 } },
  play: ({ canvasElement }) => expectTimer(canvasElement, 'Starts in 1:02:05'),
};

export const Live: Story = {
  parameters: { stagekit: { startsInSeconds: 45, live: true } },
  play: ({ canvasElement }) => expectTimer(canvasElement, 'Live'),
};

export const Ended: Story = {
  parameters: { stagekit: { startsInSeconds: 45, ended: true } },
  play: ({ canvasElement }) => expectTimer(canvasElement, 'Ended'),
};

/**
 * Time passing: the clock moves through the doors opening to the start. Nothing is announced on
 * arrival or per second; the doors opening is.
 */
export const ThroughThePhases: Story = {
  parameters: { stagekit: { startsInSeconds: 500, joinAheadSeconds: 300 } },
  play: async (context) => {
    const { clock } = scenarioOf(context);
    const root = context.canvasElement.querySelector('.stagekit-join-ahead-countdown')!;
    const live = root.querySelector('[aria-live]')!;
    const step = async (ms: number, text: string, announced: string) => {
      clock.advance(ms);
      await waitFor(() => expectTimer(context.canvasElement, text));
      await expect(live.textContent).toBe(announced);
    };
    await step(0, 'Doors open in 3:20', '');
    await step(155_000, 'Doors open in 0:45', '');
    await step(45_000, 'Starts in 5:00', 'Doors are open');
    await expect(root).toHaveAttribute('data-state', 'doors-open');
    await step(300_000, 'Starting soon', 'Doors are open');
  },
};

/** `locale` picks the digits, and `labels` the words: Egyptian Arabic, right to left. */
export const Locale: Story = {
  args: {
    locale: 'ar-EG',
    labels: {
      doorsOpenIn: (time) => `تُفتح الأبواب بعد ${time}`,
      startsIn: (time) => `يبدأ بعد ${time}`,
      waitingRoom: 'غرفة الانتظار',
      startingSoon: 'يبدأ قريبًا',
      doorsOpen: 'الأبواب مفتوحة',
    },
  },
  decorators: [
    (Story) => (
      <div lang="ar" dir="rtl">
        <Story />
      </div>
    ),
  ],
  parameters: { stagekit: { startsInSeconds: 500, joinAheadSeconds: 300 } },
  play: ({ canvasElement }) => expectTimer(canvasElement, 'تُفتح الأبواب بعد ٣:٢٠'),
};
