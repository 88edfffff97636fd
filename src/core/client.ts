import type { Call } from './call.js';
import type { Clock } from './clock.js';
import type { User } from './model.js';

/** One signed-in user's entry to calls. The memory backend and the remote client both make these. */
export interface StageKitClient {
  readonly user: User;
  readonly clock: Clock;
  /** The call object for a type and id; the same object each time for the same call. */
  call(type: string, id: string): Call;
  /** Closes the client: it leaves every call it is in and receives nothing more. */
  disconnect(): void;
}
