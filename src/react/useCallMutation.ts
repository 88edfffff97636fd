'use client';
import { useMutation, type UseMutationOptions, type UseMutationResult } from '@tanstack/react-query';
import type { Call, StageKitError } from '../core/index.js';
import { useCallFor } from './context.js';

/** A call action as a TanStack mutation: `mutate`, `isPending`, `error` (a StageKitError), `reset`. */
export type CallMutation<TInput, TResult> = UseMutationResult<TResult, StageKitError, TInput>;

/** Options a caller may pass through to the mutation (callbacks, retry, …). */
export type CallMutationOptions<TInput, TResult> = Omit<
  UseMutationOptions<TResult, StageKitError, TInput>,
  'mutationFn' | 'mutationKey'
>;

/** The shared base of every action hook. */
export function useCallMutation<TInput, TResult>(
  hook: string,
  action: string,
  run: (call: Call, input: TInput) => Promise<TResult>,
  options?: CallMutationOptions<TInput, TResult>,
): CallMutation<TInput, TResult> {
  const call = useCallFor(hook);
  return useMutation<TResult, StageKitError, TInput>({
    ...options,
    mutationKey: ['stagekit', call.cid, action],
    mutationFn: (input) => run(call, input),
  });
}
