'use client';
import { forwardRef, useState, type ButtonHTMLAttributes } from 'react';
import { goLiveMessages, useCallState, useGoLive, useHasCapability, useMessagesFor, useStopLive } from '../react/index.js';
import { classNames, flag } from './class-names.js';
import { Confirmation, useConfirmation } from './Confirmation.js';
import { useGuardedMutations } from './action-guard.js';
import { ErrorMessage } from './ErrorMessage.js';
import { triggerProps } from './trigger-props.js';
import { BroadcastIcon, LiveIcon, RecordingIcon } from './icons.js';
import type { CommonProps, WhenForbidden } from './types.js';

export type GoLiveButtonState = 'backstage' | 'live' | 'ended';

export interface GoLiveButtonProps
  extends CommonProps<{ state: GoLiveButtonState; pending: boolean }>,
    Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className' | 'children'> {
  /** Start the HLS broadcast when going live. With `showOptions`, the initial checkbox value. */
  startHls?: boolean;
  startRecording?: boolean;
  /** Keep HLS running when stopping. With `showOptions`, the initial checkbox value. */
  continueHls?: boolean;
  continueRecording?: boolean;
  /** Show checkboxes so the host chooses HLS and recording each time. */
  showOptions?: boolean;
  /** Ask for confirmation before stopping. */
  confirmStop?: boolean;
  /**
   * For users who may not go live, and on calls without backstage (always open, so there is
   * nothing to go live from): render nothing (default) or a disabled button.
   */
  whenForbidden?: WhenForbidden;
}

/**
 * Go live / Stop live for users holding `update-call`. State: `data-state="backstage|live|ended"`,
 * `data-pending` while the action runs (the button is then `aria-disabled`, keeping focus),
 * `data-confirming` while the stop asks for confirmation; Escape cancels it. Renders nothing on
 * calls with backstage disabled.
 */
export const GoLiveButton = /* @__PURE__ */ forwardRef<HTMLDivElement, GoLiveButtonProps>(function GoLiveButton(props, ref) {
  // Decided on two primitives, so users who see no control never re-render with the call's state.
  const allowed = useHasCapability('update-call');
  const enabled = useCallState((state) => state.call?.settings.backstage.enabled ?? false);
  const shown = (allowed && enabled) || props.whenForbidden === 'disable';
  return shown ? <GoLiveControl {...props} ref={ref} allowed={allowed} enabled={enabled} /> : null;
});

const GoLiveControl = /* @__PURE__ */ forwardRef<HTMLDivElement, GoLiveButtonProps & { allowed: boolean; enabled: boolean }>(function GoLiveControl(
  {
    allowed,
    enabled,
    startHls = false,
    startRecording = false,
    continueHls = false,
    continueRecording = false,
    showOptions = false,
    confirmStop = false,
    whenForbidden: _whenForbidden,
    className,
    labels,
    onClick,
    disabled,
    ...buttonProps
  },
  ref,
) {
  const messages = useMessagesFor(goLiveMessages, labels);
  // The call's phase without the clock: live, backstage and ended turn on its fields alone (time
  // only moves a backstage call between scheduled and doors open), so the button bundles no clock.
  const state = useCallState(({ call }): GoLiveButtonState =>
    !call ? 'backstage' : call.ended_at !== null ? 'ended' : call.backstage && call.settings.backstage.enabled ? 'backstage' : 'live',
  );
  // Open to viewers (live, or a call without backstage) and not ended: what useBackstage calls isLive.
  const isLive = state === 'live';
  const goLive = useGoLive();
  const stopLive = useStopLive();
  // The options as the props set them, for what the button does now.
  const defaults = { live: isLive, hls: isLive ? continueHls : startHls, recording: isLive ? continueRecording : startRecording };
  const [choice, setChoice] = useState(defaults);
  // Going live or stopping switches the options between start_* and continue_*: reset them.
  if (choice.live !== isLive) setChoice(defaults);
  const { confirming, open: askToConfirm, close: closeConfirmation, confirmRef, triggerRef } = useConfirmation();
  // The confirmation's button appears where the trigger was: a double click must not answer it.
  const { pending, error, errorId, start, settled } = useGuardedMutations([goLive, stopLive], state, confirming ? 'confirming' : state);
  const options = showOptions ? choice : defaults;

  const run = (): boolean =>
    isLive
      ? start(stopLive, { continue_hls: options.hls, continue_recording: options.recording })
      : start(goLive, { start_hls: options.hls, start_recording: options.recording });

  const label = pending ? (isLive ? messages.stoppingLive : messages.goingLive) : isLive ? messages.stopLive : messages.goLive;
  return (
    <div
      ref={ref}
      className={classNames('stagekit-go-live-button', className, { state, pending })}
      data-state={state}
      data-pending={flag(pending)}
      data-confirming={flag(confirming)}
    >
      {showOptions && state !== 'ended' && (
        <fieldset className="stagekit-go-live-options" disabled={!allowed || !enabled || pending}>
          <label>
            <input
              type="checkbox"
              checked={choice.hls}
              onChange={(event) => setChoice({ ...choice, hls: event.target.checked })}
            />
            <BroadcastIcon />
            {isLive ? messages.continueHls : messages.startHls}
          </label>
          <label>
            <input
              type="checkbox"
              checked={choice.recording}
              onChange={(event) => setChoice({ ...choice, recording: event.target.checked })}
            />
            <RecordingIcon />
            {isLive ? messages.continueRecording : messages.startRecording}
          </label>
        </fieldset>
      )}
      {confirming ? (
        <Confirmation
          confirmRef={confirmRef}
          question={messages.confirmStopLive}
          yes={messages.confirmStopLiveYes}
          no={messages.confirmStopLiveNo}
          onConfirm={() => {
            if (run()) closeConfirmation();
          }}
          onCancel={closeConfirmation}
        />
      ) : (
        <button
          {...triggerProps(buttonProps, pending, errorId, onClick, isLive && confirmStop ? () => settled() && askToConfirm() : run)}
          ref={triggerRef}
          disabled={disabled || !allowed || !enabled || state === 'ended'}
        >
          {!isLive && <LiveIcon />}
          {label}
        </button>
      )}
      <ErrorMessage error={error} id={errorId} messages={messages} />
    </div>
  );
});
