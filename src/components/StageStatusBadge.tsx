'use client';
import { forwardRef, type HTMLAttributes } from 'react';
import { stageStatusMessages, useIsInvitedToStage, useMessagesFor, useStageStatus } from '../react/index.js';
import { classNames, flag } from './class-names.js';
import { HandRaisedIcon, StageIcon } from './icons.js';
import { stageState, type StageToggleState } from './StageToggle.js';
import type { CommonProps } from './types.js';

export interface StageStatusBadgeProps
  extends CommonProps<{ state: StageToggleState; invited: boolean }>,
    Omit<HTMLAttributes<HTMLSpanElement>, 'className' | 'children'> {
  /** Whose status; your own by default. */
  userId?: string;
}

/**
 * A user's stage status as text. `data-state="off-stage|requested|accepted|on-stage"`, and
 * `data-invited` on an accepted user a manager invited: "Invited to stage" rather than "Approved".
 */
export const StageStatusBadge = /* @__PURE__ */ forwardRef<HTMLSpanElement, StageStatusBadgeProps>(function StageStatusBadge(
  { userId, className, labels, ...spanProps },
  ref,
) {
  const messages = useMessagesFor(stageStatusMessages, labels);
  const status = useStageStatus(userId);
  const invited = useIsInvitedToStage(userId);
  const state = stageState[status];
  return (
    <span
      ref={ref}
      {...spanProps}
      className={classNames('stagekit-stage-status-badge', className, { state, invited })}
      data-state={state}
      data-invited={flag(invited)}
    >
      {state === 'requested' ? <HandRaisedIcon /> : state !== 'off-stage' && <StageIcon />}
      {invited ? messages.invitedToStage : messages.stageStatus[status]}
    </span>
  );
});
