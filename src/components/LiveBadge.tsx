'use client';
import { forwardRef, type HTMLAttributes } from 'react';
import { phaseMessages, useCallPhase, useCallState, useMessagesFor } from '../react/index.js';
import { classNames } from './class-names.js';
import { LiveIcon } from './icons.js';
import type { CommonProps } from './types.js';

export type LiveBadgeState = 'live' | 'backstage' | 'ended';

export interface LiveBadgeProps
  extends CommonProps<{ state: LiveBadgeState }>,
    Omit<HTMLAttributes<HTMLSpanElement>, 'className' | 'children'> {}

/** "Live", "Backstage" or "Ended", once the call is loaded. `data-state="live|backstage|ended"`. */
export const LiveBadge = /* @__PURE__ */ forwardRef<HTMLSpanElement, LiveBadgeProps>(function LiveBadge({ className, labels, ...spanProps }, ref) {
  const messages = useMessagesFor(phaseMessages, labels);
  const { phase } = useCallPhase();
  // Nothing to say before the call is loaded (and on the server): not "Backstage" by default.
  const loaded = useCallState((store) => store.call !== null);
  if (!loaded) return null;
  // Live (open to viewers: what useBackstage calls isLive) and ended read as they are; any other phase is backstage.
  const state: LiveBadgeState = phase === 'live' || phase === 'ended' ? phase : 'backstage';
  return (
    <span ref={ref} {...spanProps} className={classNames('stagekit-live-badge', className, { state })} data-state={state}>
      {state === 'live' && <LiveIcon />}
      {/* Each state is named by the message of the same key. */}
      {messages[state]}
    </span>
  );
});
