'use client';
import { forwardRef, useEffect, useId, useLayoutEffect, useRef, useState, type HTMLAttributes } from 'react';
import type { BulkStageResult, StageRequest } from '../core/index.js';
import {
  defaultSkipMessages,
  stageRequestMessages,
  useHasCapability,
  useMessagesFor,
  useAcceptStageRequests,
  useDenyStageAccess,
  useMinutesSince,
  useStageRequests,
} from '../react/index.js';
import { Avatar } from './Avatar.js';
import { classNames, flag } from './class-names.js';
import { SETTLE_MS } from './action-guard.js';
import { ErrorMessage, useFreshError } from './ErrorMessage.js';
import type { CommonProps } from './types.js';

export type StageRequestListState = 'empty' | 'pending';

export interface StageRequestListProps
  extends CommonProps<{ state: StageRequestListState; count: number }>,
    Omit<HTMLAttributes<HTMLElement>, 'className' | 'children'> {
  /**
   * Most height of the scrolling list in pixels: it grows with its rows up to this, then scrolls.
   * Only the rows in view (plus `overscan`) are rendered.
   */
  height?: number;
  /** Height of one row in pixels; rows are laid out at fixed heights so any row's place is known. */
  rowHeight?: number;
  overscan?: number;
}

/**
 * Pending stage requests for managers, oldest first: accept or deny each, or all in one bulk call.
 * Renders nothing for users without `manage-stage`. `data-state="empty|pending"`, `data-busy`
 * while an action runs. Stays fast at 10,000 requests by rendering only the visible rows. A
 * decision that skipped someone says who and why. A click on a row whose person changed a
 * moment ago (the row above was just decided) does nothing: it was meant for the one before.
 */
export const StageRequestList = /* @__PURE__ */ forwardRef<HTMLElement, StageRequestListProps>(function StageRequestList(
  { height = 320, rowHeight = 44, overscan = 4, className, labels, ...sectionProps },
  ref,
) {
  const messages = useMessagesFor(stageRequestMessages, labels);
  const allowed = useHasCapability('manage-stage');
  const requests = useStageRequests();
  // Accepting acts on requests only: a request another manager denied meanwhile stays denied.
  // Its two actions' own hooks: one observer each, not one per stage action.
  const acceptRequests = useAcceptStageRequests();
  const denyAccess = useDenyStageAccess();
  const [scrollTop, setScrollTop] = useState(0);
  const headingId = useId();
  const errorId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After a row's decision removes it, focus moves to the row that takes its place. Rows stay
  // enabled while a decision runs (the engine skips a request already decided), so focus can land.
  // When the decision empties the list, the rows go and the bulk buttons disable: focus goes to
  // the heading instead of falling to the page. `row` is null for a bulk decision.
  const focusAfter = useRef<{ row: number | null } | null>(null);
  const [skipped, setSkipped] = useState<(BulkStageResult & { names: Map<string, string> }) | null>(null);
  const running = useRef(false);
  // Whom each row shows, and since when: a row shown first has not changed under anyone's pointer.
  const rows = useRef(new Map<number, { userId: string; since: number }>());
  const error = useFreshError(acceptRequests.error ?? denyAccess.error, requests);

  useEffect(() => {
    const target = focusAfter.current;
    if (target === null) return;
    focusAfter.current = null;
    if (requests.length === 0) {
      headingRef.current?.focus();
      return;
    }
    if (target.row === null) return;
    const index = Math.min(target.row, requests.length - 1);
    listRef.current?.querySelector<HTMLElement>(`li[data-index="${index}"] button`)?.focus();
  }, [requests]);

  const count = requests.length;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  // After every render: a few rows to compare, and nothing to write for those that kept their person.
  useLayoutEffect(() => {
    for (let index = first; index < last; index += 1) {
      const userId = requests[index]!.user_id;
      const before = rows.current.get(index);
      if (before?.userId !== userId) rows.current.set(index, { userId, since: before ? Date.now() : -Infinity });
    }
  });

  if (!allowed) return null;

  const state: StageRequestListState = count === 0 ? 'empty' : 'pending';
  const busy = acceptRequests.isPending || denyAccess.isPending;
  const decide = (action: typeof acceptRequests, chosen: readonly StageRequest[], row: number | null) => {
    if (running.current) return;
    if (row !== null && Date.now() - rows.current.get(row)!.since < SETTLE_MS) return;
    running.current = true;
    acceptRequests.reset();
    denyAccess.reset();
    setSkipped(null);
    focusAfter.current = { row };
    const names = new Map(chosen.map((r) => [r.user_id, r.name ?? r.user_id]));
    // A failed decision removes nothing: focus stays where it is, and a later change to the
    // list (another manager's decision) must not move it.
    action.mutate(
      chosen.map((r) => r.user_id),
      {
        onSuccess: (result) => {
          if (result.skipped > 0) setSkipped({ ...result, names });
        },
        onError: () => {
          focusAfter.current = null;
        },
        onSettled: () => {
          running.current = false;
        },
      },
    );
  };

  return (
    <section
      ref={ref}
      aria-labelledby={headingId}
      {...sectionProps}
      className={classNames('stagekit-stage-request-list', className, { state, count })}
      data-state={state}
      data-busy={flag(busy)}
      aria-busy={busy || undefined}
    >
      <div className="stagekit-stage-request-list-header">
        <h3 id={headingId} ref={headingRef} tabIndex={-1}>
          {messages.stageRequests}
        </h3>
        <span className="stagekit-count" data-count={count}>
          {messages.requestCount(count)}
        </span>
        <button
          type="button"
          disabled={count === 0 || busy}
          onClick={() => decide(acceptRequests, requests, null)}
        >
          {messages.acceptAll}
        </button>
        <button
          type="button"
          disabled={count === 0 || busy}
          onClick={() => decide(denyAccess, requests, null)}
        >
          {messages.denyAll}
        </button>
      </div>
      {count === 0 ? (
        <p className="stagekit-empty">{messages.noRequests}</p>
      ) : (
        // No tab stop of its own: the rows' buttons are, and focusing one beyond the view scrolls
        // it in, which renders the next rows, so Tab walks the whole queue.
        <div
          className="stagekit-stage-request-scroller"
          style={{ maxHeight: height, overflowY: 'auto', position: 'relative' }}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        >
          <ul ref={listRef} style={{ position: 'relative', height: count * rowHeight, margin: 0, padding: 0, listStyle: 'none' }}>
            {requests.slice(first, last).map((request, offset) => {
              const index = first + offset;
              const name = request.name ?? request.user_id;
              return (
                <li
                  key={request.user_id}
                  data-index={index}
                  data-user-id={request.user_id}
                  aria-setsize={count}
                  aria-posinset={index + 1}
                  style={{ position: 'absolute', top: index * rowHeight, height: rowHeight, insetInline: 0 }}
                >
                  <Avatar userId={request.user_id} name={name} />
                  <span className="stagekit-request-name">
                    {name} <RequestedAgo at={request.requested_at} messages={messages} />
                  </span>
                  <button type="button" aria-label={messages.acceptUser(name)} onClick={() => decide(acceptRequests, [request], index)}>
                    {messages.accept}
                  </button>
                  <button type="button" aria-label={messages.denyUser(name)} onClick={() => decide(denyAccess, [request], index)}>
                    {messages.deny}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {/* Polite status, present before it fills, so the summary is announced once. */}
      <output className="stagekit-skipped" data-skipped={skipped?.skipped}>
        {skipped &&
          [
            (messages.bulkSummary ?? defaultSkipMessages.bulkSummary)(skipped.applied, skipped.skipped),
            ...skipped.results.map((outcome) =>
              outcome.applied
                ? ''
                : (messages.skipReasons?.[outcome.reason] ?? defaultSkipMessages.skipReasons[outcome.reason])(
                    skipped.names.get(outcome.user_id) ?? outcome.user_id,
                  ),
            ),
          ]
            .filter(Boolean)
            .join(' ')}
      </output>
      <ErrorMessage error={error} id={errorId} messages={messages} />
    </section>
  );
});

/** "asked 2 min ago": a row of its own re-renders once a minute, and only while in view. */
function RequestedAgo({ at, messages }: { at: string; messages: typeof stageRequestMessages }) {
  return (
<span className="stagekit-requested-ago">{messages.requestedAgo(useMinutesSince(at))}</span>
  );
}
