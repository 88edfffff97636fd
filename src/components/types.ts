import type { StageKitMessages } from '../react/index.js';

/** Props every drop-in component shares. */
export interface CommonProps<State> {
  /** Added to the default class; a function receives the render state. */
  className?: string | ((state: State) => string | undefined);
  /** Overrides for this component's strings. */
  labels?: Partial<StageKitMessages>;
}

/** What to render for a user who lacks the capability: nothing (the default) or a disabled control. */
export type WhenForbidden = 'hide' | 'disable';
