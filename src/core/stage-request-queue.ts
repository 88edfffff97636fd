import type { StageRequest } from './model.js';
import { PersistentMap } from './persistent-map.js';

/** A request and its place in the queue: places only grow, so the lowest is the oldest. */
interface Queued {
  request: StageRequest;
  place: number;
}

/**
 * A call's pending stage requests, by user id and oldest first. Immutable: `add` and `delete` copy
 * one path of a persistent map and return a new queue, so one request or decision costs the same
 * however long the queue. Reading the whole queue in order sorts it, once per version of the queue.
 */
export class StageRequestQueue implements Iterable<StageRequest> {
  // The queue in order, worked out on the first read: every read of this version shares it.
  private ordered: readonly StageRequest[] | null = null;

  private constructor(
    private readonly queued: PersistentMap<Queued>,
    private readonly nextPlace: number,
  ) {}

  static empty(): StageRequestQueue {
    return new StageRequestQueue(PersistentMap.empty(), 0);
  }

  /** A queue of `requests`, the first of them the oldest (as a stored record lists them). */
  static from(requests: Iterable<StageRequest>): StageRequestQueue {
    let queue = StageRequestQueue.empty();
    for (const request of requests) queue = queue.add(request);
    return queue;
  }

  get size(): number {
    return this.queued.size;
  }

  has(userId: string): boolean {
    return this.queued.has(userId);
  }

  /** The queue with `request` last; a user already queued goes to the back with it. */
  add(request: StageRequest): StageRequestQueue {
    return new StageRequestQueue(this.queued.set(request.user_id, { request, place: this.nextPlace }), this.nextPlace + 1);
  }

  delete(userId: string): StageRequestQueue {
    const queued = this.queued.delete(userId);
    return queued === this.queued ? this : new StageRequestQueue(queued, this.nextPlace);
  }

  /** The queue without any of `userIds`' requests, in one batch: each node copied once. */
  deleteAll(userIds: Iterable<string>): StageRequestQueue {
    const queued = this.queued.batch((draft) => {
      for (const userId of userIds) draft.delete(userId);
    });
    return queued.size === this.queued.size ? this : new StageRequestQueue(queued, this.nextPlace);
  }

  /** The requests, oldest first. */
  toArray(): readonly StageRequest[] {
    if (!this.ordered) {
      const entries: Queued[] = [];
      this.queued.forEach((entry) => entries.push(entry));
      this.ordered = entries.sort((a, b) => a.place - b.place).map((entry) => entry.request);
    }
    return this.ordered;
  }

  [Symbol.iterator](): IterableIterator<StageRequest> {
    return this.toArray()[Symbol.iterator]();
  }

  /** JSON keeps the queue as an array of requests, oldest first. */
  toJSON(): readonly StageRequest[] {
    return this.toArray();
  }
}
