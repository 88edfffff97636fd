'use client';
import { forwardRef, useState, type HTMLAttributes } from 'react';
import type { CallPhase } from '../core/index.js';
import { phaseMessages, useCallState, useJoinAheadCountdown, useMessagesFor, type UseJoinAheadCountdownResult } from '../react/index.js';
import { classNames } from './class-names.js';
import { formatDuration } from './format-duration.js';
import { phaseMessage } from './phase-message.js';
import type { CommonProps } from './types.js';
import { visuallyHidden } from './visually-hidden.js';

export interface JoinAheadCountdownProps
  extends CommonProps<{ phase: CallPhase }>,
    Omit<HTMLAttributes<HTMLDivElement>, 'className' | 'children'> {
  /** BCP 47 locale for the digits; the user's by default. */
  locale?: string;
  /** Formats the remaining seconds; `m:ss` (or `h:mm:ss`) by default. */
  formatTime?: (seconds: number, locale?: string) => string;
}

export function countdownText(
  countdown: UseJoinAheadCountdownResult,
  messages: typeof phaseMessages,
  format: (seconds: number) => string,
): string {
  switch (countdown.phase) {
    case 'live':
      return messages.live;
    case 'ended':
      return messages.ended;
    case 'unscheduled':
      return messages.notScheduled;
    default:
      if (countdown.secondsRemaining === null) return countdown.phase === 'doors-open' ? messages.startingSoon : messages.waitingForHost;
      return countdown.countingTo === 'doors-open'
        ? messages.doorsOpenIn(format(countdown.secondsRemaining))
        : messages.startsIn(format(countdown.secondsRemaining));
  }
}

/** What a phase change announces; the ticking seconds are never announced. */
function phaseAnnouncement(phase: CallPhase, countingTo: UseJoinAheadCountdownResult['countingTo'], messages: typeof phaseMessages): string {
  if (phase === 'scheduled') return countingTo === 'doors-open' ? messages.waitingRoom : messages.waitingForHost;
  return phaseMessage(phase, messages) ?? messages.notScheduled;
}

/**
 * "Doors open in 3:20", "Starts in 0:45", "Live", "Ended". `data-state` is the phase. Screen
 * readers hear the phase when it changes, not every second.
 */
export const JoinAheadCountdown = /* @__PURE__ */ forwardRef<HTMLDivElement, JoinAheadCountdownProps>(function JoinAheadCountdown(
  { locale, formatTime = formatDuration, className, labels, ...divProps },
  ref,
) {
  const messages = useMessagesFor(phaseMessages, labels);
  const countdown = useJoinAheadCountdown();
  const loaded = useCallState((state) => state.call !== null);
  // The phase found on loading is what the reader sees; only later changes are announced.
  const [baseline, setBaseline] = useState<CallPhase | null>(null);
  const [changed, setChanged] = useState(false);
  if (loaded && baseline === null) setBaseline(countdown.phase);
  if (baseline !== null && !changed && countdown.phase !== baseline) setChanged(true);
  const text = loaded ? countdownText(countdown, messages, (seconds) => formatTime(seconds, locale)) : messages.loading;
  return (
    <div
      ref={ref}
      {...divProps}
      className={classNames('stagekit-join-ahead-countdown', className, { phase: countdown.phase })}
      data-state={loaded ? countdown.phase : 'loading'}
      // Absent when nothing counts: React leaves a null attribute out.
      data-counting-to={countdown.countingTo}
    >
      <span role="timer" aria-atomic="true">
        {text}
      </span>
      <span style={visuallyHidden} aria-live="polite">
        {changed ? phaseAnnouncement(countdown.phase, countdown.countingTo, messages) : ''}
      </span>
    </div>
  );
});
