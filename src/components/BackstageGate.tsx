'use client';
import { forwardRef, useState, useSyncExternalStore, type HTMLAttributes, type ReactNode } from 'react';
import type { CallPhase } from '../core/index.js';
import { phaseMessages, useCallPhase, useCallStatus, useMessagesFor } from '../react/index.js';
import { classNames } from './class-names.js';
import { ErrorMessage } from './ErrorMessage.js';
import { JoinAheadCountdown } from './JoinAheadCountdown.js';
import { phaseMessage } from './phase-message.js';
import type { CommonProps } from './types.js';
import { visuallyHidden } from './visually-hidden.js';

export interface BackstageGateProps
  extends CommonProps<{ phase: CallPhase }>,
    Omit<HTMLAttributes<HTMLElement>, 'className' | 'children'> {
  /** What users who may be in the call see. */
  children?: ReactNode;
  /** Replaces the default waiting room (a heading and the countdown). */
  waitingRoom?: ReactNode;
  /** BCP 47 locale of the countdown's digits. */
  locale?: string;
}

const subscribeToNothing = () => () => {};

/**
 * Renders its children only when you may be in the call (you are in it, or may join now);
 * otherwise a waiting room with the countdown, or the load error. The waiting room is a region
 * with `data-state` set to the phase (or `loading`, `error`); the children render without a
 * wrapper. A visually hidden polite live region follows either, so the swap is announced.
 */
export const BackstageGate = /* @__PURE__ */ forwardRef<HTMLElement, BackstageGateProps>(function BackstageGate(
  { children, waitingRoom, locale, className, labels, ...sectionProps },
  ref,
) {
  const messages = useMessagesFor(phaseMessages, labels);
  const { canJoinNow, phase } = useCallPhase();
  const { joined, status, error } = useCallStatus();
  const open = joined || canJoinNow;
  const ready = status === 'ready';
  const countdownShown = !open && ready && waitingRoom === undefined;
  // What the gate announces when it opens or closes, or when the phase changes with no countdown on screen.
  const text = phaseMessage(phase, messages) ?? (open ? messages.backstage : messages.waitingRoom);
  // The phase is unknown during hydration and settles right after; that is not a change to announce.
  const hydrated = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  // Worked out while rendering (React re-renders at once, before committing), so a phase change
  // and its announcement reach the screen in one commit.
  const [seen, setSeen] = useState<{ phase: CallPhase; open: boolean; countdownShown: boolean } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  if (ready && hydrated && (!seen || seen.phase !== phase || seen.open !== open || seen.countdownShown !== countdownShown)) {
    setSeen({ phase, open, countdownShown });
    const changed = !!seen && (seen.phase !== phase || seen.open !== open);
    // While the countdown stays on screen its own live region announces the phase.
    if (changed && !(seen.countdownShown && countdownShown)) setAnnouncement(text);
  }

  // The live region keeps its place across the swap: a region mounted with its text is not read.
  return (
    <>
      {open ? (
        children
      ) : (
        <section
          ref={ref}
          aria-label={messages.waitingRoom}
          {...sectionProps}
          className={classNames('stagekit-backstage-gate', className, { phase })}
          data-state={ready ? phase : status}
        >
          {status === 'error' ? (
            <ErrorMessage error={error} messages={messages} />
          ) : (
            (waitingRoom ?? (ready ? <JoinAheadCountdown locale={locale} labels={labels} /> : <p>{messages.loading}</p>))
          )}
        </section>
      )}
      <span style={visuallyHidden} aria-live="polite">
        {announcement}
      </span>
    </>
  );
});
