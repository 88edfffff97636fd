import { act, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createManualClock, createMemoryBackend, type Call } from '../../src/core/index.js';
import {
  Avatar,
  avatarHue,
  HandRaisedIcon,
  initials,
  LiveIcon,
  StageCall,
  StageKitProvider,
  StageRequestList,
  StageStrip,
} from '../../src/components/index.js';

function Providers({ call, children }: { call: Call; children: ReactNode }) {
  return (
    <StageKitProvider>
      <StageCall call={call} load="none">
        {children}
      </StageCall>
    </StageKitProvider>
  );
}

async function liveShow() {
  const clock = createManualClock('2030-01-01T00:00:00Z');
  const backend = createMemoryBackend({ clock });
  const host = backend.client({ user: { id: 'host', name: 'Hana' } }).call('livestream', 'show');
  await host.getOrCreate();
  await host.join();
  await host.goLive();
  const join = async (id: string, name: string) => {
    const call = backend.client({ user: { id, name } }).call('livestream', 'show');
    await call.join();
    return call;
  };
  return { clock, host, join };
}

describe('Avatar', () => {
  it('shows up to two initials, hidden from screen readers, on a colour that follows the id', () => {
    render(<Avatar userId="ana" name="ana maria lima" />);
    const avatar = document.querySelector('.stagekit-avatar')!;
    expect(avatar.textContent).toBe('AM');
    expect(avatar.getAttribute('aria-hidden')).toBe('true');
    expect(avatar.getAttribute('data-hue')).toBe(String(avatarHue('ana')));
  });

  it('keeps a person on one of eight colours, and spreads people over them', () => {
    const hues = new Set(Array.from({ length: 64 }, (_, i) => avatarHue(`user-${i}`)));
    expect([...hues].every((hue) => hue >= 0 && hue < 8)).toBe(true);
    expect(hues.size).toBe(8);
    expect(avatarHue('ana')).toBe(avatarHue('ana'));
  });

  it('takes the id without a name, a whole emoji, and children instead of initials', () => {
    expect(initials('vic')).toBe('V');
    expect(initials('🎤 Mic')).toBe('🎤M');
    render(
      <Avatar userId="ana">
        <img src="data:," alt="" />
      </Avatar>,
    );
    expect(document.querySelector('.stagekit-avatar img')).not.toBeNull();
  });
});

describe('icons', () => {
  it('are decoration unless given a title, which names them', () => {
    render(
      <p>
        <LiveIcon /> <HandRaisedIcon title="Hand raised" />
      </p>,
    );
    expect(document.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
    expect(screen.getByRole('img', { name: 'Hand raised' })).toBeTruthy();
    expect(screen.getAllByRole('img', { hidden: false })).toHaveLength(1);
  });
});

describe('StageStrip', () => {
  it('shows a viewer who is on stage, and nothing once the stage is empty', async () => {
    const { host, join } = await liveShow();
    const ana = await join('ana', 'Ana Lima');
    const ben = await join('ben', 'Ben');
    render(
      <Providers call={ben}>
        <StageStrip />
      </Providers>,
    );
    expect(screen.queryByRole('list', { name: 'On stage' })).toBeNull();
    await act(async () => {
      await ana.stage.requestAccess();
      await host.stage.grantAccess(['ana']);
      await ana.stage.join();
    });
    const strip = screen.getByRole('list', { name: 'On stage' });
    expect(within(strip).getByRole('listitem').textContent).toBe('ALAna Lima');
    expect(strip.getAttribute('data-count')).toBe('1');
    await act(() => host.stage.kick(['ana']));
    expect(screen.queryByRole('list', { name: 'On stage' })).toBeNull();
  });
});

describe('StageRequestList rows', () => {
  it('say how long each person has waited, by the call clock, minute by minute', async () => {
    const { clock, host, join } = await liveShow();
    const ana = await join('ana', 'Ana');
    await ana.stage.requestAccess();
    clock.advance(60_000);
    const ben = await join('ben', 'Ben');
    await ben.stage.requestAccess();
    render(
      <Providers call={host}>
        <StageRequestList />
      </Providers>,
    );
    const ages = () => [...document.querySelectorAll('.stagekit-requested-ago')].map((age) => age.textContent);
    // The number and unit in the reader's locale ("1 min. ago" in en-US).
    const [first, second] = ages();
    expect(first).toMatch(/^asked 1\b.*ago$/);
    expect(second).toBe('asked just now');
    act(() => clock.advance(60_000));
    expect(ages()[0]).toMatch(/^asked 2\b.*ago$/);
    expect(ages()[1]).toMatch(/^asked 1\b.*ago$/);
    expect(document.querySelector('li[data-user-id="ana"] .stagekit-avatar')?.textContent).toBe('A');
  });

  it('grow with their count up to the list height, then scroll', async () => {
    const { host, join } = await liveShow();
    const ana = await join('ana', 'Ana');
    await ana.stage.requestAccess();
    render(
      <Providers call={host}>
        <StageRequestList height={200} />
      </Providers>,
    );
    const scroller = document.querySelector<HTMLElement>('.stagekit-stage-request-scroller')!;
    expect(scroller.style.maxHeight).toBe('200px');
    expect(scroller.style.height).toBe('');
  });
});
