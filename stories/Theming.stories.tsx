import type { Meta, StoryObj } from '@storybook/react-vite';
import type { CSSProperties } from 'react';
import { expect, within } from 'storybook/test';
import {
  AudienceCount,
  GoLiveButton,
  LiveBadge,
  OnStageList,
  StageRequestList,
  StageStatusBadge,
  StageStrip,
} from '../src/components/index.js';
import type { ScenarioParameters } from '../.storybook/scenario.js';

/** Every custom property of stagekit/styles.css, what it sets, and the kind of control that changes it. */
const TOKENS: [name: string, what: string][] = [
  ['--stagekit-font', 'font family of every part'],
  ['--stagekit-text-sm', 'small print: badges, request ages, errors'],
  ['--stagekit-text-md', 'body text and buttons'],
  ['--stagekit-text-lg', 'list headings, the countdown'],
  ['--stagekit-weight-strong', 'names, headings, buttons'],
  ['--stagekit-space-1', 'smallest gap (4 px; compact 2 px)'],
  ['--stagekit-space-2', 'gap between controls (8 px; compact 6 px)'],
  ['--stagekit-space-3', 'padding of cards (12 px; compact 8 px)'],
  ['--stagekit-space-4', 'padding of the waiting room (16 px; compact 12 px)'],
  ['--stagekit-gap', 'gap inside a component (space-2)'],
  ['--stagekit-control-height', 'least height of a button (34 px; compact 28 px)'],
  ['--stagekit-avatar-size', 'avatar diameter (28 px; compact 22 px)'],
  ['--stagekit-radius-sm', 'buttons and inputs'],
  ['--stagekit-radius', 'cards, notices, the confirmation'],
  ['--stagekit-duration', 'length of transitions, when motion is welcome'],
  ['--stagekit-bg', 'card background'],
  ['--stagekit-surface', 'buttons, badges, the waiting room'],
  ['--stagekit-border', 'every border and divider'],
  ['--stagekit-text', 'text'],
  ['--stagekit-muted', 'counts, ages, empty states'],
  ['--stagekit-accent', 'primary actions, requested status, notices'],
  ['--stagekit-accent-text', 'text on the accent'],
  ['--stagekit-live', 'Live badge and Go live'],
  ['--stagekit-live-text', 'text on the live colour'],
  ['--stagekit-success', 'on stage, approved'],
  ['--stagekit-danger', 'End call, errors, refusals'],
  ['--stagekit-focus', 'focus ring'],
  ['--stagekit-shadow', 'shadow under cards'],
  ['--stagekit-avatar-0', 'avatar colours 0 to 7, one per data-hue'],
];

interface ThemingArgs {
  accent: string;
  live: string;
  bg: string;
  surface: string;
  text: string;
  radius: number;
  avatarSize: number;
  font: string;
}

/** Only what the reader changed overrides the stylesheet: an empty control keeps its value. */
function overrides(args: ThemingArgs): CSSProperties {
  const style: Record<string, string> = {};
  const colours: [keyof ThemingArgs, string][] = [
    ['accent', '--stagekit-accent'],
    ['live', '--stagekit-live'],
    ['bg', '--stagekit-bg'],
    ['surface', '--stagekit-surface'],
    ['text', '--stagekit-text'],
  ];
  for (const [arg, name] of colours) if (args[arg]) style[name] = String(args[arg]);
  if (args.radius) style['--stagekit-radius'] = `${args.radius}px`;
  if (args.avatarSize) style['--stagekit-avatar-size'] = `${args.avatarSize}px`;
  if (args.font) style['--stagekit-font'] = args.font;
  return style as CSSProperties;
}

function Theming({ tokens = false, ...args }: ThemingArgs & { tokens?: boolean }) {
  return (
    <div style={{ ...overrides(args), display: 'grid', gap: 12 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <LiveBadge /> <StageStatusBadge userId="ben" /> <StageStatusBadge userId="ana" /> <AudienceCount />
      </div>
      <StageStrip />
      <GoLiveButton />
      <StageRequestList height={160} />
      <OnStageList />
      {tokens && <TokenTable />}
    </div>
  );
}

/** Each token with a swatch of its value where it is a colour. */
function TokenTable() {
  return (
    <table style={{ borderCollapse: 'collapse', fontSize: 'var(--stagekit-text-sm)' }}>
      <caption style={{ textAlign: 'start', fontWeight: 600, paddingBlockEnd: 4 }}>The tokens</caption>
      <tbody>
        {TOKENS.map(([name, what]) => (
          <tr key={name}>
            <td style={{ paddingInlineEnd: 8 }}>
              <span
                style={{
                  display: 'inline-block',
                  inlineSize: 12,
                  blockSize: 12,
                  borderRadius: 3,
                  border: '1px solid var(--stagekit-border)',
                  background: name.includes('-font') || name.includes('-text-') || name.includes('space') ? 'none' : `var(${name})`,
                }}
              />{' '}
              <code>{name}</code>
            </td>
            <td>{what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const meta = {
  title: 'Themes/Theming',
  component: Theming,
  parameters: {
    visual: { width: 480 },
    docs: {
      description: {
        component: [
          'stagekit/styles.css reads every colour, size and space from a `--stagekit-*` custom property. Set one on',
          'any ancestor (or `:root`) to change it for everything inside; change the controls below to try it live.',
          '',
          '- Light and dark follow the system; `data-stagekit-theme="light"` or `"dark"` on an ancestor forces one.',
          '  Colours are `light-dark(light, dark)` pairs: override with one colour, or a pair of your own.',
          '- `data-stagekit-density="compact"` tightens the spacing scale, the controls and the avatars.',
          '- The sides are logical: under `dir="rtl"` every part mirrors.',
          '- Transitions and the live pulse run only under `prefers-reduced-motion: no-preference`; under',
          '  `forced-colors: active` the system colours apply and an edge marks what colour alone set apart.',
        ].join('\n'),
      },
    },
    stagekit: {
      users: [
        { id: 'hana', name: 'Hana', member: 'host', joined: true },
        { id: 'ana', name: 'Ana Lima', joined: true, stage: 'on-stage' },
        { id: 'ben', name: 'Ben', joined: true, stage: 'requested' },
        { id: 'cleo', name: 'Cleo Park', joined: true, stage: 'requested' },
      ],
      as: 'hana',
      live: true,
    } satisfies ScenarioParameters,
  },
  args: { accent: '', live: '', bg: '', surface: '', text: '', radius: 0, avatarSize: 0, font: '' },
  argTypes: {
    accent: { control: 'color', description: '--stagekit-accent' },
    live: { control: 'color', description: '--stagekit-live' },
    bg: { control: 'color', description: '--stagekit-bg' },
    surface: { control: 'color', description: '--stagekit-surface' },
    text: { control: 'color', description: '--stagekit-text' },
    radius: { control: { type: 'range', min: 0, max: 24 }, description: '--stagekit-radius in px (0: the stylesheet’s)' },
    avatarSize: { control: { type: 'range', min: 0, max: 48 }, description: '--stagekit-avatar-size in px (0: the stylesheet’s)' },
    font: { control: 'text', description: '--stagekit-font' },
  },
} satisfies Meta<typeof Theming>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The stylesheet as it ships. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('list', { name: 'On stage' })).toHaveTextContent('Ana Lima');
  },
};

/** The parts with the list of every token under them, to change and watch. */
export const Tokens: Story = {
  args: { tokens: true },
  // A page of text about the tokens: its pixels would only test the font. The parts above it are
  // compared in Default and Rebranded.
  parameters: { visual: false },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('--stagekit-accent')).toBeVisible();
  },
};

/** A brand of its own from a handful of tokens: the parts follow. */
export const Rebranded: Story = {
  args: { accent: '#7a1fa2', live: '#a83a00', radius: 2, avatarSize: 32 },
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Accept all' });
    const root = button.closest<HTMLElement>('[style*="--stagekit-accent"]')!;
    await expect(getComputedStyle(root).getPropertyValue('--stagekit-accent').trim()).toBe('#7a1fa2');
  },
};
