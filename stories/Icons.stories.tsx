import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { Avatar, BroadcastIcon, CaptionsIcon, HandRaisedIcon, LiveIcon, RecordingIcon, StageIcon } from '../src/components/index.js';

const ICONS = { LiveIcon, StageIcon, HandRaisedIcon, RecordingIcon, BroadcastIcon, CaptionsIcon };
const PEOPLE = ['Ana Lima', 'Ben', 'Cleo Park', 'Dmitri', 'Eun-ji Seo', 'Farah', 'Gus', 'Hana'];

/** The icon set at two sizes, and the eight avatar colours. */
function IconsAndAvatars() {
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      <ul aria-label="Icons" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 6 }}>
        {Object.entries(ICONS).map(([name, Icon]) => (
          <li key={name} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <Icon /> <Icon style={{ fontSize: 24 }} /> <code>{name}</code>
          </li>
        ))}
      </ul>
      <ul aria-label="Avatars" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        {PEOPLE.map((name) => (
          <li key={name}>
            <Avatar userId={name.toLowerCase()} name={name} title={name} />
          </li>
        ))}
      </ul>
      <p style={{ margin: 0, display: 'flex', alignItems: 'center', gap: 6 }}>
        <HandRaisedIcon title="Hand raised" /> An icon with a title is an image with that name; without one it is hidden.
      </p>
    </div>
  );
}

const meta = {
  title: 'Components/Icons and avatars',
  component: IconsAndAvatars,
  parameters: {
    docs: {
      description: {
        component: [
          'Six icons, each its own export (`LiveIcon`, `StageIcon`, `HandRaisedIcon`, `RecordingIcon`, `BroadcastIcon`,',
          '`CaptionsIcon`), one path at `1em` in `currentColor`: hidden from screen readers, or an image named by `title`.',
          '',
          '`Avatar` shows up to two initials on one of eight colours (`--stagekit-avatar-0` … `-7`) picked from the',
          'user id, so a person keeps theirs across lists; children replace the initials (a picture).',
        ].join('\n'),
      },
    },
  },
} satisfies Meta<typeof IconsAndAvatars>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Gallery: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('img', { name: 'Hand raised' })).toBeVisible();
    const hues = new Set([...canvasElement.querySelectorAll('.stagekit-avatar')].map((avatar) => avatar.getAttribute('data-hue')));
    await expect(hues.size).toBeGreaterThan(4);
  },
};
