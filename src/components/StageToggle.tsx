'use client';
import { forwardRef, type ButtonHTMLAttributes } from 'react';
import type { StageStatus } from '../core/index.js';
import { stageToggleMessages, useHasCapability, useIsInCall, useIsInvitedToStage, useMessagesFor, useStageActions, useStageStatus } from '../react/index.js';
import { useGuardedMutations } from './action-guard.js';
import { classNames, flag } from './class-names.js';
import { ErrorMessage } from './ErrorMessage.js';
import { triggerProps } from './trigger-props.js';
import type { CommonProps, WhenForbidden } from './types.js';

export type StageToggleState = 'off-stage' | 'requested' | 'accepted' | 'on-stage';

export const stageState: Record<StageStatus, StageToggleState> = {
  OFF_STAGE: 'off-stage',
  REQUESTED_TO_JOIN_STAGE: 'requested',
  ACCEPTED_TO_JOIN_STAGE: 'accepted',
  ON_STAGE: 'on-stage',
};

export interface StageToggleProps
  extends CommonProps<{ state: StageToggleState; pending: boolean }>,
    Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className' | 'children'> {
  /** For users who may neither request nor join the stage: nothing (default) or a disabled button. */
  whenForbidden?: WhenForbidden;
}

/**
 * The viewer's stage control through the whole cycle: request, cancel the request, answer an
 * invitation or approval (Join stage, or Decline), leave. `data-state` is the stage status,
 * `data-invited` when a manager invited you; `data-pending` while acting, when the buttons are
 * `aria-disabled` rather than `disabled` so keyboard focus stays. A click within a moment of the
 * label changing, or while an action runs, does nothing: it was meant for what the button said.
 */
export const StageToggle = /* @__PURE__ */ forwardRef<HTMLDivElement, StageToggleProps>(function StageToggle(
  { whenForbidden = 'hide', className, labels, onClick, disabled, ...buttonProps },
  ref,
) {
  const messages = useMessagesFor(stageToggleMessages, labels);
  const status = useStageStatus();
  const invited = useIsInvitedToStage();
  const canRequest = useHasCapability('request-stage');
  const canJoin = useHasCapability('join-stage');
  const inCall = useIsInCall();
  const actions = useStageActions();
  const { pending, error, errorId, start } = useGuardedMutations(
    [actions.requestAccess, actions.cancelRequestAccess, actions.declineInvitation, actions.join, actions.leave],
    status,
  );
  const allowed = canRequest || canJoin;
  if (!allowed && whenForbidden === 'hide') return null;

  const state = stageState[status];
  // Holders of join-stage rest at ACCEPTED: for them it is a door, not a question to answer.
  const answering = status === 'ACCEPTED_TO_JOIN_STAGE' && !canJoin;
  // What the button does at each status, and what it says.
  const [action, label] = (
    {
      OFF_STAGE: [actions.requestAccess, messages.requestStage],
      REQUESTED_TO_JOIN_STAGE: [actions.cancelRequestAccess, messages.cancelRequest],
      ACCEPTED_TO_JOIN_STAGE: [actions.join, answering ? messages.acceptInvitation : messages.joinStage],
      ON_STAGE: [actions.leave, messages.leaveStage],
    } as const
  )[status];
  const act = (mutation: typeof actions.join) => triggerProps(buttonProps, pending, errorId, onClick, () => start(mutation, undefined));
  const inert = disabled || !allowed || !inCall;
  return (
    <div
      ref={ref}
      className={classNames('stagekit-stage-toggle', className, { state, pending })}
      data-state={state}
      data-invited={flag(answering && invited)}
      data-pending={flag(pending)}
    >
      <button {...act(action)} disabled={inert}>
        {label}
      </button>
      {answering && (
        <button {...act(actions.declineInvitation)} id={undefined} disabled={inert}>
          {messages.declineInvitation}
        </button>
      )}
      <ErrorMessage error={error} id={errorId} messages={messages} />
    </div>
  );
});
