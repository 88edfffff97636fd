'use client';
import { forwardRef, useId, type ButtonHTMLAttributes, type MouseEvent } from 'react';
import type { StageStatus } from '../core/index.js';
import { stageToggleMessages, useHasCapability, useIsInCall, useMessagesFor, useStageActions, useStageStatus } from '../react/index.js';
import { classNames, flag } from './class-names.js';
import { ErrorMessage } from './ErrorMessage.js';
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
 * The viewer's stage control, one button through the whole cycle: request, cancel the request,
 * join once accepted, leave. `data-state` is the stage status; `data-pending` while acting, when
 * the button is `aria-disabled` rather than `disabled` so keyboard focus stays on it.
 */
export const StageToggle = /* @__PURE__ */ forwardRef<HTMLDivElement, StageToggleProps>(function StageToggle(
  { whenForbidden = 'hide', className, labels, onClick, disabled, ...buttonProps },
  ref,
) {
  const messages = useMessagesFor(stageToggleMessages, labels);
  const status = useStageStatus();
  const canRequest = useHasCapability('request-stage');
  const canJoin = useHasCapability('join-stage');
  const inCall = useIsInCall();
  const actions = useStageActions();
  const errorId = useId();
  const allowed = canRequest || canJoin;
  if (!allowed && whenForbidden === 'hide') return null;

  const state = stageState[status];
  const action = {
    OFF_STAGE: { mutation: actions.requestAccess, label: messages.requestStage },
    REQUESTED_TO_JOIN_STAGE: { mutation: actions.cancelRequestAccess, label: messages.cancelRequest },
    ACCEPTED_TO_JOIN_STAGE: { mutation: actions.join, label: messages.joinStage },
    ON_STAGE: { mutation: actions.leave, label: messages.leaveStage },
  }[status];
  const all = [actions.requestAccess, actions.cancelRequestAccess, actions.join, actions.leave];
  const pending = all.some((mutation) => mutation.isPending);
  const error = all.find((mutation) => mutation.error)?.error ?? null;
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (pending) return;
    onClick?.(event);
    if (event.defaultPrevented) return;
    for (const mutation of all) mutation.reset();
    action.mutation.mutate();
  };
  return (
    <div
      ref={ref}
      className={classNames('stagekit-stage-toggle', className, { state, pending })}
      data-state={state}
      data-pending={flag(pending)}
    >
      <button
        type="button"
        {...buttonProps}
        disabled={disabled || !allowed || !inCall}
        aria-disabled={pending ? true : buttonProps['aria-disabled']}
        aria-busy={pending || undefined}
        aria-describedby={error ? errorId : undefined}
        onClick={handleClick}
      >
        {action.label}
      </button>
      <ErrorMessage error={error} id={errorId} />
    </div>
  );
});
