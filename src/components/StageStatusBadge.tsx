'use client';
import { forwardRef, type HTMLAttributes } from 'react';
import { stageStatusMessages, useMessagesFor, useStageStatus } from '../react/index.js';
import { classNames } from './class-names.js';
import { stageState, type StageToggleState } from './StageToggle.js';
import type { CommonProps } from './types.js';

export interface StageStatusBadgeProps
  extends CommonProps<{ state: StageToggleState }>,
    Omit<HTMLAttributes<HTMLSpanElement>, 'className' | 'children'> {
  /** Whose status; your own by default. */
  userId?: string;
}

/** A user's stage status as text. `data-state="off-stage|requested|accepted|on-stage"`. */
export const StageStatusBadge = /* @__PURE__ */ forwardRef<HTMLSpanElement, StageStatusBadgeProps>(function StageStatusBadge(
  { userId, className, labels, ...spanProps },
  ref,
) {
  const messages = useMessagesFor(stageStatusMessages, labels);
  const status = useStageStatus(userId);
  const state = stageState[status];
  return (
    <span ref={ref} {...spanProps} className={classNames('stagekit-stage-status-badge', className, { state })} data-state={state}>
      {messages.stageStatus[status]}
    </span>
  );
});
