import type { ButtonHTMLAttributes, MouseEvent } from 'react';

/**
 * The props of the button that starts an action, over the user's own: while the action runs it is
 * `aria-disabled`, not `disabled`, so keyboard focus stays on it; it names the error it caused;
 * a click runs the user's `onClick` first, then `act` unless that prevented it or it is pending.
 */
export function triggerProps<P extends ButtonHTMLAttributes<HTMLButtonElement>>(
  props: P,
  pending: boolean,
  errorId: string | undefined,
  onClick: ((event: MouseEvent<HTMLButtonElement>) => void) | undefined,
  act: () => void,
) {
  return {
    type: 'button' as const,
    ...props,
    'aria-disabled': pending || props['aria-disabled'],
    'aria-busy': pending || undefined,
    'aria-describedby': errorId,
    onClick(event: MouseEvent<HTMLButtonElement>) {
      if (pending) return;
      onClick?.(event);
      if (!event.defaultPrevented) act();
    },
  };
}
