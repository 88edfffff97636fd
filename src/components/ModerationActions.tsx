'use client';
import { forwardRef, useId, type HTMLAttributes } from 'react';
import { moderationMessages, useBlockUser, useCallState, useHasCapability, useMessagesFor, useRemoveParticipant } from '../react/index.js';
import { useActionGuard } from './action-guard.js';
import { classNames, flag } from './class-names.js';
import { Confirmation, useConfirmation } from './Confirmation.js';
import { ErrorMessage } from './ErrorMessage.js';
import type { CommonProps } from './types.js';

export interface ModerationActionsProps
  extends CommonProps<{ pending: boolean; confirming: boolean }>,
    Omit<HTMLAttributes<HTMLDivElement>, 'className' | 'children'> {
  /** The participant to remove from the call or block. */
  userId: string;
  /** Their display name, when the caller knows it better than the call's participants do. */
  name?: string;
}

/**
 * Remove from call, and Block (after a confirmation), for holders of `block-users`; nothing for
 * anyone else, or about yourself. A removed user may join again; a blocked one may neither join
 * nor watch until unblocked. `data-pending` while either acts (the buttons are then
 * `aria-disabled`), `data-confirming` while Block asks; Escape cancels it.
 */
export const ModerationActions = /* @__PURE__ */ forwardRef<HTMLDivElement, ModerationActionsProps>(function ModerationActions(
  { userId, name: givenName, className, labels, ...divProps },
  ref,
) {
  const messages = useMessagesFor(moderationMessages, labels);
  const allowed = useHasCapability('block-users');
  const self = useCallState((state) => state.user.id === userId);
  const name = useCallState((state) => givenName ?? state.call?.participants[userId]?.name ?? userId);
  const remove = useRemoveParticipant();
  const block = useBlockUser();
  const guard = useActionGuard(name);
  const { confirming, open, close, confirmRef, triggerRef } = useConfirmation();
  const errorId = useId();
  if (!allowed || self) return null;
  const pending = remove.isPending || block.isPending;
  const error = remove.error ?? block.error;
  const run = (mutation: typeof remove) => {
    if (pending) return;
    const done = guard.begin();
    if (!done) return;
    remove.reset();
    block.reset();
    mutation.mutate({ user_id: userId }, { onSettled: done });
  };
  return (
    <div
      ref={ref}
      {...divProps}
      className={classNames('stagekit-moderation', className, { pending, confirming })}
      data-pending={flag(pending)}
      data-confirming={flag(confirming)}
    >
      {confirming ? (
        <Confirmation
          confirmRef={confirmRef}
          question={messages.confirmBlock(name)}
          yes={messages.confirmBlockYes}
          no={messages.confirmBlockNo}
          onConfirm={() => {
            close();
            run(block);
          }}
          onCancel={close}
        />
      ) : (
        <>
          <button type="button" aria-label={messages.removeUserFromCall(name)} aria-disabled={pending || undefined} aria-describedby={error ? errorId : undefined} onClick={() => run(remove)}>
            {messages.removeFromCall}
          </button>
          <button
            type="button"
            ref={triggerRef}
            aria-label={messages.blockUser(name)}
            aria-disabled={pending || undefined}
            aria-describedby={error ? errorId : undefined}
            onClick={() => !pending && open()}
          >
            {messages.block}
          </button>
        </>
      )}
      <ErrorMessage error={error} id={errorId} messages={messages} />
    </div>
  );
});
