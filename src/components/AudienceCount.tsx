'use client';
import { forwardRef, useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { audienceMessages, useMessagesFor, useParticipantCount } from '../react/index.js';
import { classNames } from './class-names.js';
import type { CommonProps } from './types.js';
import { visuallyHidden } from './visually-hidden.js';

export interface AudienceCountProps extends CommonProps<{ count: number }>, Omit<HTMLAttributes<HTMLSpanElement>, 'className' | 'children'> {
  /** How far the count must move, as a share of the last one announced, to be announced (default 0.1). */
  announceShare?: number;
  /** The least time between two announcements, in ms (default 15 s). */
  announceEveryMs?: number;
}

/**
 * How many are in the call, in the reader's locale: "1,234 watching". The number on screen follows
 * every count update; screen readers are told politely, and only when it moved by a good share,
 * at most every `announceEveryMs`, so a join storm is not read out. `data-count` holds the number.
 */
export const AudienceCount = /* @__PURE__ */ forwardRef<HTMLSpanElement, AudienceCountProps>(function AudienceCount(
  { announceShare = 0.1, announceEveryMs = 15_000, className, labels, ...spanProps },
  ref,
) {
  const messages = useMessagesFor(audienceMessages, labels);
  const count = useParticipantCount();
  const [announced, setAnnounced] = useState<number | null>(null);
  // The count when it was last announced, or first shown: arrival itself is not news.
  const base = useRef<number | null>(null);
  const at = useRef(0);
  useEffect(() => {
    if (base.current === null) {
      if (count > 0) base.current = count;
      return;
    }
    if (Math.abs(count - base.current) < Math.max(1, base.current * announceShare)) return;
    const announce = () => {
      base.current = count;
      at.current = Date.now();
      setAnnounced(count);
    };
    const wait = at.current + announceEveryMs - Date.now();
    if (wait <= 0) return announce();
    const timer = setTimeout(announce, wait);
    return () => clearTimeout(timer);
  }, [count, announceShare, announceEveryMs]);
  // Emptied once read, so reading the page later meets the number once, not twice.
  useEffect(() => {
    if (announced === null) return;
    const timer = setTimeout(() => setAnnounced(null), 5_000);
    return () => clearTimeout(timer);
  }, [announced]);
  return (
    <span ref={ref} {...spanProps} className={classNames('stagekit-audience-count', className, { count })} data-count={count}>
      {messages.audienceCount(count)}
      <span style={visuallyHidden} aria-live="polite">
        {announced === null ? '' : messages.audienceCount(announced)}
      </span>
    </span>
  );
});
