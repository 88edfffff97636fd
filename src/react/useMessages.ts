'use client';
import { useMemo } from 'react';
import { useMaybeStageKit } from './context.js';
import { defaultMessages, type StageKitMessages } from './messages.js';

/** The provider's messages with a component's `labels` laid over them. */
export function useMessages(labels?: Partial<StageKitMessages>): StageKitMessages {
  const base = useMaybeStageKit()?.messages ?? defaultMessages;
  return useMemo(() => (labels ? { ...base, ...labels } : base), [base, labels]);
}
