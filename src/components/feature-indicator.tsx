'use client';
import { forwardRef, type HTMLAttributes } from 'react';
import type { CallSideEffect } from '../core/index.js';
import { indicatorMessages, useCallFeature, useCallState, useMessagesFor } from '../react/index.js';
import { classNames } from './class-names.js';
import type { CommonProps } from './types.js';

export type FeatureIndicatorState = 'on' | 'off';

export interface FeatureIndicatorProps
  extends CommonProps<{ state: FeatureIndicatorState }>,
    Omit<HTMLAttributes<HTMLOutputElement>, 'className' | 'children'> {}

/**
 * An indicator of one feature for everyone: a polite status region saying so while it runs, and
 * the same region empty (the quiet state, `data-state="off"`) while it does not, so a start is
 * announced as it happens. Nothing before the call is loaded.
 */
export function featureIndicator(feature: CallSideEffect, word: keyof typeof indicatorMessages, base: string) {
  return forwardRef<HTMLOutputElement, FeatureIndicatorProps>(function FeatureIndicator({ className, labels, ...spanProps }, ref) {
    const messages = useMessagesFor(indicatorMessages, labels);
    const on = useCallFeature(feature);
    const loaded = useCallState((state) => state.call !== null);
    if (!loaded) return null;
    const state: FeatureIndicatorState = on ? 'on' : 'off';
    return (
      // An output element is a status region: its words are announced as they appear.
      <output ref={ref} {...spanProps} className={classNames(base, className, { state })} data-state={state}>
        {on ? messages[word] : null}
      </output>
    );
  });
}
