'use client';
import { forwardRef, type HTMLAttributes } from 'react';
import { CALL_FEATURES, FEATURE_CAPABILITIES } from '../core/call-features.js';
import type { CallSideEffect, Capability } from '../core/index.js';
import { featureMessages, useCallFeature, useCallState, useMessagesFor, useOwnCapabilities, useToggleFeature } from '../react/index.js';
import { useGuardedMutations } from './action-guard.js';
import { classNames, flag } from './class-names.js';
import { ErrorMessage } from './ErrorMessage.js';
import type { CommonProps, WhenForbidden } from './types.js';

export interface FeatureTogglesProps
  extends CommonProps<{ count: number }>,
    Omit<HTMLAttributes<HTMLFieldSetElement>, 'className' | 'children'> {
  /** The features offered, in this order; all four by default. */
  features?: readonly CallSideEffect[];
  /** For a feature you may neither start nor stop: no button (default) or a disabled one. */
  whenForbidden?: WhenForbidden;
}

/**
 * The host's switches for HLS broadcasting, recording, transcription and captions, at any time
 * before the call ends, live or not. One toggle button per feature you may start or stop: its
 * words stay put and `aria-pressed` (and `data-state="on|off"`) says whether it runs; while it
 * acts it is `aria-disabled` with `data-pending`, and a click within a moment of its state
 * changing, or while it acts, does nothing. The fieldset has `data-count`, the toggles shown.
 */
export const FeatureToggles = /* @__PURE__ */ forwardRef<HTMLFieldSetElement, FeatureTogglesProps>(function FeatureToggles(
  { features = CALL_FEATURES, whenForbidden = 'hide', className, labels, ...divProps },
  ref,
) {
  const messages = useMessagesFor(featureMessages, labels);
  const held = useOwnCapabilities();
  const ended = useCallState((state) => state.call?.ended_at != null);
  const shown = features.filter((feature) => whenForbidden === 'disable' || FEATURE_CAPABILITIES[feature].some((c) => held.includes(c)));
  // Nothing to switch on a call that ended, or for someone who may switch nothing.
  if (ended || shown.length === 0) return null;
  return (
    <fieldset ref={ref} {...divProps} className={classNames('stagekit-feature-toggles', className, { count: shown.length })} data-count={shown.length}>
      <legend>{messages.featureToggles}</legend>
      {shown.map((feature) => (
        <FeatureToggle key={feature} feature={feature} messages={messages} held={held} />
      ))}
    </fieldset>
  );
});

function FeatureToggle({
  feature,
  messages,
  held,
}: {
  feature: CallSideEffect;
  messages: typeof featureMessages & Parameters<typeof ErrorMessage>[0]['messages'];
  held: readonly Capability[];
}) {
  const [mayStart, mayStop] = FEATURE_CAPABILITIES[feature].map((capability) => held.includes(capability));
  const on = useCallFeature(feature);
  const toggle = useToggleFeature(feature);
  const state = on ? 'on' : 'off';
  const { pending, error, errorId, start } = useGuardedMutations([toggle], state);
  // Allowed one way and not the other (may start, may not stop): the button stays focusable once
  // it flips, so keyboard focus is not thrown to the page; it only does nothing.
  const allowed = on ? mayStop : mayStart;
  const onClick = () => {
    // The state the button showed when clicked, not whatever the call says by the time it runs.
    if (!pending && allowed) start(toggle, !on);
  };
  return (
    <span className="stagekit-feature-toggle" data-feature={feature} data-state={state} data-pending={flag(pending)}>
      <button
        type="button"
        aria-pressed={on}
        disabled={!mayStart && !mayStop}
        aria-disabled={pending || !allowed || undefined}
        aria-busy={pending || undefined}
        aria-describedby={errorId}
        onClick={onClick}
      >
        {messages.featureNames[feature]}
      </button>
      <ErrorMessage error={error} id={errorId} messages={messages} />
    </span>
  );
}
