'use client';
import { forwardRef, useId, type ButtonHTMLAttributes, type MouseEvent } from 'react';
import { endCallMessages, useCallState, useEndCall, useHasCapability, useMessagesFor } from '../react/index.js';
import { classNames, flag } from './class-names.js';
import { Confirmation, useConfirmation } from './Confirmation.js';
import { ErrorMessage } from './ErrorMessage.js';
import type { CommonProps, WhenForbidden } from './types.js';

export type EndCallButtonState = 'active' | 'ended';

export interface EndCallButtonProps
  extends CommonProps<{ state: EndCallButtonState; pending: boolean }>,
    Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className' | 'children'> {
  /** Ask for confirmation before ending: nobody can rejoin an ended call without `join-ended-call`. */
  confirm?: boolean;
  /** For users without `end-call`: nothing (default) or a disabled button. */
  whenForbidden?: WhenForbidden;
}

/**
 * Ends the call for everyone, for users holding `end-call`. `data-state="active|ended"`,
 * `data-pending` while ending, `data-confirming` while it asks; Escape cancels the question.
 */
export const EndCallButton = /* @__PURE__ */ forwardRef<HTMLDivElement, EndCallButtonProps>(function EndCallButton(
  { confirm = false, whenForbidden = 'hide', className, labels, onClick, disabled, ...buttonProps },
  ref,
) {
  const messages = useMessagesFor(endCallMessages, labels);
  const allowed = useHasCapability('end-call');
  const ended = useCallState((state) => state.call !== null && state.call.ended_at !== null);
  const endCall = useEndCall();
  const { confirming, open: askToConfirm, close: closeConfirmation, confirmRef, triggerRef } = useConfirmation();
  const errorId = useId();
  if (!allowed && whenForbidden === 'hide') return null;

  const state: EndCallButtonState = ended ? 'ended' : 'active';
  const pending = endCall.isPending;
  const run = () => {
    endCall.reset();
    endCall.mutate();
  };
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (pending) return;
    onClick?.(event);
    if (event.defaultPrevented) return;
    if (confirm) askToConfirm();
    else run();
  };
  return (
    <div
      ref={ref}
      className={classNames('stagekit-end-call-button', className, { state, pending })}
      data-state={state}
      data-pending={flag(pending)}
      data-confirming={flag(confirming)}
    >
      {confirming ? (
        <Confirmation
          confirmRef={confirmRef}
          question={messages.confirmEndCall}
          yes={messages.confirmEndCallYes}
          no={messages.confirmEndCallNo}
          onConfirm={() => {
            closeConfirmation();
            run();
          }}
          onCancel={closeConfirmation}
        />
      ) : (
        <button
          type="button"
          {...buttonProps}
          ref={triggerRef}
          // Pending is aria-disabled, not disabled, so keyboard focus stays on the button.
          disabled={disabled || !allowed || ended}
          aria-disabled={pending ? true : buttonProps['aria-disabled']}
          aria-busy={pending || undefined}
          aria-describedby={endCall.error ? errorId : undefined}
          onClick={handleClick}
        >
          {pending ? messages.endingCall : messages.endCall}
        </button>
      )}
      <ErrorMessage error={endCall.error} id={errorId} />
    </div>
  );
});
