'use client';
import { useMemo } from 'react';
import { useMaybeStageKit } from './context.js';
import { defaultMessages, type StageKitMessages } from './messages.js';

/** The provider's messages with a component's `labels` laid over them. */
export function useMessages(labels?: Partial<StageKitMessages>): StageKitMessages {
  return useMessagesFor(defaultMessages, labels);
}

/**
 * The same, for a component that shows only the `defaults` group: without a provider those are
 * its words, so the component does not bundle every other component's.
 */
export function useMessagesFor<Group extends Partial<StageKitMessages>>(defaults: Group, labels?: Partial<StageKitMessages>): Group {
  const base = useMaybeStageKit()?.messages ?? defaults;
  return useMemo(() => (labels ? { ...base, ...labels } : base) as Group, [base, labels]);
}
