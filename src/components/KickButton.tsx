'use client';
import { forwardRef, type ButtonHTMLAttributes, type MouseEvent } from 'react';
import { useCallState, useHasCapability, useMessages, useStageActions, useStageStatus } from '../react/index.js';
import { classNames, flag } from './class-names.js';
import type { CommonProps, WhenForbidden } from './types.js';

export interface KickButtonProps
  extends CommonProps<{ pending: boolean }>,
    Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className' | 'children'> {
  /** The on-stage user to remove from the stage. */
  userId: string;
  /** For users without `manage-stage`: nothing (default) or a disabled button. */
  whenForbidden?: WhenForbidden;
}

/** Removes an on-stage user from the stage; for managers, and only while that user is on stage. */
export const KickButton = /* @__PURE__ */ forwardRef<HTMLButtonElement, KickButtonProps>(function KickButton(
  { userId, whenForbidden = 'hide', className, labels, onClick, disabled, ...buttonProps },
  ref,
) {
  const messages = useMessages(labels);
  const allowed = useHasCapability('manage-stage');
  const onStage = useStageStatus(userId) === 'ON_STAGE';
  const name = useCallState((state) => state.call?.participants[userId]?.name ?? userId);
  const { kick } = useStageActions();
  if (!onStage || (!allowed && whenForbidden === 'hide')) return null;
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    onClick?.(event);
    if (!event.defaultPrevented) kick.mutate([userId]);
  };
  return (
    <button
      ref={ref}
      type="button"
      aria-label={messages.kickUser(name)}
      {...buttonProps}
      className={classNames('stagekit-kick-button', className, { pending: kick.isPending })}
      data-pending={flag(kick.isPending)}
      disabled={disabled || !allowed || kick.isPending}
      aria-busy={kick.isPending || undefined}
      onClick={handleClick}
    >
      {messages.kick}
    </button>
  );
});
