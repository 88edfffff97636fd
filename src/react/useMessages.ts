'use client';
import { useMemo } from 'react';
import { useMaybeStageKit } from './context.js';
import { defaultMessages, type StageKitMessages } from './messages.js';

/** The provider's messages with a component's `labels` laid over them. */
export function useMessages(labels?: Partial<StageKitMessages>): StageKitMessages {
  return useMessagesFor(defaultMessages, labels);
}

/**
 * The messages no group holds, because each has its defaults beside the one component that shows
 * it (errors, skipped decisions, notices): whatever the provider or `labels` set, or nothing.
 */
export type OptionalMessages = { [K in keyof StageKitMessages as undefined extends StageKitMessages[K] ? K : never]?: StageKitMessages[K] };

/**
 * The same, for a component that shows only the `defaults` group: the provider's overrides and
 * `labels` are laid over its own words, so the component does not bundle every other component's.
 */
export function useMessagesFor<Group extends Partial<StageKitMessages>>(defaults: Group, labels?: Partial<StageKitMessages>): Group & OptionalMessages {
  const overrides = useMaybeStageKit()?.messages;
  return useMemo(() => ({ ...defaults, ...overrides, ...labels }) as Group & OptionalMessages, [defaults, overrides, labels]);
}
