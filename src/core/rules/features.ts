import { FEATURE_CAPABILITIES } from '../call-features.js';
import { invalidState } from '../errors.js';
import type { CallRecord, CallSideEffect } from '../model.js';
import type { Transaction } from '../transaction.js';

// What a call produces besides the show itself (HLS, recording, transcription, captions): started
// and stopped at any time before the call ends, live or in backstage.

/** How a message names each feature. */
export const FEATURE_NAMES: Readonly<Record<CallSideEffect, string>> = {
  hls: 'HLS broadcasting',
  recording: 'recording',
  transcribing: 'transcription',
  captioning: 'closed captions',
};

/** Refuses starting what the call's settings rule out: recording while `recording.mode` is `disabled`. */
export function requireStartable(call: CallRecord, feature: CallSideEffect): void {
  if (feature === 'recording' && call.settings.recording?.mode === 'disabled') {
    throw invalidState("recording is disabled for this call (settings.recording.mode is 'disabled')");
  }
}

export function setFeature(tx: Transaction, feature: CallSideEffect, enabled: boolean): void {
  const [start, stop] = FEATURE_CAPABILITIES[feature];
  const name = FEATURE_NAMES[feature];
  const action = `${enabled ? 'starting' : 'stopping'} ${name}`;
  const call = tx.notEnded(action);
  tx.require(enabled ? start : stop, action);
  if (call[feature] === enabled) throw invalidState(`${name} is ${enabled ? 'already running' : 'not running'}`);
  if (enabled) requireStartable(call, feature);
  tx.patch({ [feature]: enabled });
  tx.emit({ type: 'call.feature_changed', feature, enabled, call: tx.fields() });
}
