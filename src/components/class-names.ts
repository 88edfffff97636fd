/** Joins the default class with the user's, which may be a function of the component's render state. */
export function classNames<S>(base: string, className: string | ((state: S) => string | undefined) | undefined, state: S): string {
  const extra = typeof className === 'function' ? className(state) : className;
  return extra ? `${base} ${extra}` : base;
}

/** Presence attribute: `""` when true, absent when false (Radix's convention for boolean flags). */
export function flag(value: boolean): '' | undefined {
  return value ? '' : undefined;
}
