'use client';
import { forwardRef, type HTMLAttributes, type ReactNode } from 'react';
import type { CallPhase } from '../core/index.js';
import { useBackstage, useCallStatus, useMessages } from '../react/index.js';
import { classNames } from './class-names.js';
import { JoinAheadCountdown } from './JoinAheadCountdown.js';
import type { CommonProps } from './types.js';

export interface BackstageGateProps
  extends CommonProps<{ phase: CallPhase; open: boolean }>,
    Omit<HTMLAttributes<HTMLElement>, 'className' | 'children'> {
  /** What users who may be in the call see. */
  children?: ReactNode;
  /** Replaces the default waiting room (a heading and the countdown). */
  waitingRoom?: ReactNode;
  /** BCP 47 locale of the countdown's digits. */
  locale?: string;
}

/**
 * Renders its children only when you may be in the call (you are in it, or may join now);
 * otherwise a waiting room with the countdown. The waiting room is a region with
 * `data-state` set to the phase; the children render without a wrapper.
 */
export const BackstageGate = /* @__PURE__ */ forwardRef<HTMLElement, BackstageGateProps>(function BackstageGate(
  { children, waitingRoom, locale, className, labels, ...sectionProps },
  ref,
) {
  const messages = useMessages(labels);
  const { canJoinNow, phase } = useBackstage();
  const { joined, status } = useCallStatus();
  if (joined || canJoinNow) return <>{children}</>;
  return (
    <section
      ref={ref}
      aria-label={messages.waitingRoom}
      {...sectionProps}
      className={classNames('stagekit-backstage-gate', className, { phase, open: false })}
      data-state={status === 'ready' ? phase : status}
    >
      {waitingRoom ?? (status === 'ready' ? <JoinAheadCountdown locale={locale} labels={labels} /> : <p>{messages.loading}</p>)}
    </section>
  );
});
