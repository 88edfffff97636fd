'use client';
import { forwardRef, type ButtonHTMLAttributes } from 'react';
import { endCallMessages, useCallState, useEndCall, useHasCapability, useMessagesFor } from '../react/index.js';
import { classNames, flag } from './class-names.js';
import { Confirmation, useConfirmation } from './Confirmation.js';
import { useGuardedMutations } from './action-guard.js';
import { ErrorMessage } from './ErrorMessage.js';
import { triggerProps } from './trigger-props.js';
import type { CommonProps, WhenForbidden } from './types.js';

export type EndCallButtonState = 'active' | 'ended';

export interface EndCallButtonProps
  extends CommonProps<{ state: EndCallButtonState; pending: boolean }>,
    Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className' | 'children'> {
  /**
   * Ask for confirmation before ending (default true): nobody can rejoin an ended call without
   * `join-ended-call`, so one stray click must not end it.
   */
  confirm?: boolean;
  /** For users without `end-call`: nothing (default) or a disabled button. */
  whenForbidden?: WhenForbidden;
}

/**
 * Ends the call for everyone, for users holding `end-call`. `data-state="active|ended"`,
 * `data-pending` while ending, `data-confirming` while it asks; Escape cancels the question.
 */
export const EndCallButton = /* @__PURE__ */ forwardRef<HTMLDivElement, EndCallButtonProps>(function EndCallButton(
  { confirm = true, whenForbidden = 'hide', className, labels, onClick, disabled, ...buttonProps },
  ref,
) {
  const messages = useMessagesFor(endCallMessages, labels);
  const allowed = useHasCapability('end-call');
  const ended = useCallState((state) => state.call?.ended_at != null);
  const endCall = useEndCall();
  const { confirming, open: askToConfirm, close: closeConfirmation, confirmRef, triggerRef } = useConfirmation();
  const state: EndCallButtonState = ended ? 'ended' : 'active';
  // The confirmation's button appears where the trigger was: a double click must not answer it.
  const { pending, error, errorId, start } = useGuardedMutations([endCall], state, confirming ? 'confirming' : state);
  if (!allowed && whenForbidden === 'hide') return null;

  const run = () => start(endCall, undefined);
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
            if (run()) closeConfirmation();
          }}
          onCancel={closeConfirmation}
        />
      ) : (
        <button
          {...triggerProps(buttonProps, pending, errorId, onClick, confirm ? askToConfirm : run)}
          ref={triggerRef}
          disabled={disabled || !allowed || ended}
        >
          {pending ? messages.endingCall : messages.endCall}
        </button>
      )}
      <ErrorMessage error={error} id={errorId} messages={messages} />
    </div>
  );
});
