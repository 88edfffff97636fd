'use client';
import { forwardRef, type ButtonHTMLAttributes } from 'react';
import { joinCallMessages, useCallPhase, useIsInCall, useJoinCall, useLeaveCall, useMessagesFor } from '../react/index.js';
import { classNames, flag } from './class-names.js';
import { useGuardedMutations } from './action-guard.js';
import { ErrorMessage } from './ErrorMessage.js';
import { triggerProps } from './trigger-props.js';
import type { CommonProps } from './types.js';

export type JoinCallButtonState = 'out' | 'joined';

export interface JoinCallButtonProps
  extends CommonProps<{ state: JoinCallButtonState; pending: boolean }>,
    Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className' | 'children'> {
  /** Label for leaving; `messages.leaveCall` ("Leave") by default. */
  leaveLabel?: string;
}

/**
 * Joins the call when you may, and leaves it. `data-state="out|joined"`, `data-pending`; while
 * pending the button is `aria-disabled` rather than `disabled`, so keyboard focus stays on it.
 */
export const JoinCallButton = /* @__PURE__ */ forwardRef<HTMLDivElement, JoinCallButtonProps>(function JoinCallButton(
  { className, labels, leaveLabel, onClick, disabled, ...buttonProps },
  ref,
) {
  const messages = useMessagesFor(joinCallMessages, labels);
  const joined = useIsInCall();
  const { canJoinNow } = useCallPhase();
  const join = useJoinCall();
  const leave = useLeaveCall();
  const state: JoinCallButtonState = joined ? 'joined' : 'out';
  // A double click on Join must not land on the Leave it turned into.
  const { pending, error, errorId, start } = useGuardedMutations([join, leave], state);
  const run = () => start(joined ? leave : join, undefined);
  // Kept out for who you are (blocked, or not in the call's team): say that, not that joining is not allowed.
  const refusal = error?.refusal;
  const words = refusal ? { errors: { FORBIDDEN: refusal === 'blocked' ? messages.joinBlocked : messages.joinTeamOnly } } : messages;
  return (
    <div ref={ref} className={classNames('stagekit-join-call-button', className, { state, pending })} data-state={state} data-pending={flag(pending)}>
      <button {...triggerProps(buttonProps, pending, errorId, onClick, run)} disabled={disabled || (!joined && !canJoinNow)}>
        {joined ? (leaveLabel ?? messages.leaveCall) : pending ? messages.joiningCall : messages.joinCall}
      </button>
      <ErrorMessage error={error} id={errorId} messages={words} />
    </div>
  );
});
