'use client';
import { forwardRef, useId, type ButtonHTMLAttributes } from 'react';
import { kickMessages, useCallState, useHasCapability, useKickFromStage, useMessagesFor, useStageStatus } from '../react/index.js';
import { classNames, flag } from './class-names.js';
import { useActionGuard } from './action-guard.js';
import { ErrorMessage } from './ErrorMessage.js';
import { triggerProps } from './trigger-props.js';
import type { CommonProps, WhenForbidden } from './types.js';

export interface KickButtonProps
  extends CommonProps<{ pending: boolean }>,
    Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className' | 'children'> {
  /** The on-stage user to remove from the stage. */
  userId: string;
  /** For users without `manage-stage`: nothing (default) or a disabled button. */
  whenForbidden?: WhenForbidden;
}

/**
 * Removes an on-stage user from the stage; for managers, and only while that user is on stage.
 * The root carries the class, the ref and `data-pending`; a refused kick shows its error below
 * the button, which it describes.
 */
export const KickButton = /* @__PURE__ */ forwardRef<HTMLDivElement, KickButtonProps>(function KickButton(
  { userId, whenForbidden = 'hide', className, labels, onClick, disabled, ...buttonProps },
  ref,
) {
  const messages = useMessagesFor(kickMessages, labels);
  const allowed = useHasCapability('manage-stage');
  const onStage = useStageStatus(userId) === 'ON_STAGE';
  const name = useCallState((state) => state.call?.participants[userId]?.name ?? userId);
  const kick = useKickFromStage();
  const errorId = useId();
  const guard = useActionGuard(name);
  if (!onStage || (!allowed && whenForbidden === 'hide')) return null;
  const pending = kick.isPending;
  const run = () => {
    const done = guard.begin();
    if (!done) return;
    kick.reset();
    kick.mutate([userId], { onSettled: done });
  };
  return (
    <div ref={ref} className={classNames('stagekit-kick-button', className, { pending })} data-pending={flag(pending)}>
      <button
        {...triggerProps({ 'aria-label': messages.kickUser(name), ...buttonProps }, pending, kick.error ? errorId : undefined, onClick, run)}
        disabled={disabled || !allowed}
      >
        {messages.kick}
      </button>
      <ErrorMessage error={kick.error} id={errorId} messages={messages} />
    </div>
  );
});
