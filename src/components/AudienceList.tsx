'use client';
import { forwardRef, useEffect, useId, useState, type HTMLAttributes, type ReactNode } from 'react';
import type { Participant } from '../core/index.js';
import {
  audienceMessages,
  useAudience,
  useGrantStageAccess,
  useIsInvitedToStage,
  useMessagesFor,
  useParticipantCount,
  useStageStatus,
} from '../react/index.js';
import { Avatar } from './Avatar.js';
import { classNames, flag } from './class-names.js';
import { ErrorMessage } from './ErrorMessage.js';
import type { CommonProps } from './types.js';

export type AudienceListState = 'loading' | 'empty' | 'filled';

export interface AudienceListProps
  extends CommonProps<{ state: AudienceListState; total: number }>,
    Omit<HTMLAttributes<HTMLElement>, 'className' | 'children'> {
  /** Most height of the scrolling list in pixels: it grows with its rows up to this, then scrolls; only the rows in view (plus `overscan`) are rendered. */
  height?: number;
  /** Height of one row in pixels. */
  rowHeight?: number;
  overscan?: number;
  /** Participants fetched per page (default 50). */
  pageSize?: number;
  /**
   * More controls at the end of each row, such as `<ModerationActions userId={p.user_id} name={p.name} />`
   * to remove or block someone: passed in, so a list without them does not ship them.
   */
  rowActions?: (participant: Participant) => ReactNode;
}

/**
 * The audience for hosts: a search box (by name or id) over pages fetched as the list scrolls,
 * with an Invite to stage control per person, and the `rowActions` given. Renders nothing without `manage-stage`.
 * `data-state="loading|empty|filled"`; only the rows in view are in the DOM, whatever the crowd.
 */
export const AudienceList = /* @__PURE__ */ forwardRef<HTMLElement, AudienceListProps>(function AudienceList(
  { height = 320, rowHeight = 44, overscan = 4, pageSize = 50, rowActions, className, labels, ...sectionProps },
  ref,
) {
  const messages = useMessagesFor(audienceMessages, labels);
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  // Typing asks the server once it pauses, not once per key.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(input), 250);
    return () => clearTimeout(timer);
  }, [input]);
  const audience = useAudience({ search, pageSize });
  const watching = useParticipantCount();
  // One invitation at a time from the list, its failure said once under it.
  const grant = useGrantStageAccess();
  const [scrollTop, setScrollTop] = useState(0);
  const headingId = useId();
  const searchId = useId();
  const { participants, total, hasMore, loadMore, isLoadingMore } = audience;
  const count = participants.length;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  // Near the end of what is loaded, the next page comes. Checked after every render, as what it
  // reads changes with nearly every one.
  useEffect(() => {
    if (hasMore && !isLoadingMore && last >= count - overscan) loadMore();
  });
  if (!audience.enabled) return null;
  const state: AudienceListState = audience.isLoading ? 'loading' : count === 0 ? 'empty' : 'filled';
  return (
    <section
      ref={ref}
      aria-labelledby={headingId}
      {...sectionProps}
      className={classNames('stagekit-audience-list', className, { state, total: total ?? 0 })}
      data-state={state}
      aria-busy={audience.isLoading || isLoadingMore || undefined}
    >
      <div className="stagekit-audience-list-header">
        <h3 id={headingId}>{messages.audience}</h3>
        {/* The count without AudienceCount's announcements: the list says how many it holds as it changes. */}
        <span className="stagekit-count" data-count={watching}>
          {messages.audienceCount(watching)}
        </span>
      </div>
      <label htmlFor={searchId}>{messages.searchAudience}</label>
      <input id={searchId} type="search" value={input} autoComplete="off" onChange={(event) => setInput(event.currentTarget.value)} />
      {state === 'loading' ? (
        <p className="stagekit-empty">{messages.loadingAudience}</p>
      ) : state === 'empty' ? (
        <p className="stagekit-empty">{search ? messages.nobodyFound(search) : messages.nobodyInAudience}</p>
      ) : (
        <div className="stagekit-audience-scroller" style={{ maxHeight: height, overflowY: 'auto', position: 'relative' }} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
          <ul style={{ position: 'relative', height: count * rowHeight, margin: 0, padding: 0, listStyle: 'none' }}>
            {participants.slice(first, last).map((participant, offset) => (
              <AudienceRow
                key={participant.user_id}
                participant={participant}
                index={first + offset}
                setSize={total ?? count}
                rowHeight={rowHeight}
                messages={messages}
                actions={rowActions}
                grant={grant}
              />
            ))}
          </ul>
        </div>
      )}
      {hasMore && (
        <button type="button" onClick={loadMore} disabled={isLoadingMore} data-busy={flag(isLoadingMore)}>
          {messages.showMoreAudience}
        </button>
      )}
      <ErrorMessage error={audience.error ?? grant.error} messages={messages} />
    </section>
  );
});

/** One person in the audience, with what a host may do about their stage status. */
function AudienceRow({
  participant,
  index,
  setSize,
  rowHeight,
  messages,
  grant,
  actions,
}: {
  participant: Participant;
  index: number;
  setSize: number;
  rowHeight: number;
  messages: typeof audienceMessages;
  grant: ReturnType<typeof useGrantStageAccess>;
  actions: AudienceListProps['rowActions'];
}) {
  const status = useStageStatus(participant.user_id);
  const invited = useIsInvitedToStage(participant.user_id);
  const name = participant.name ?? participant.user_id;
  return (
    <li
      data-user-id={participant.user_id}
      data-stage-status={status}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      style={{ position: 'absolute', top: index * rowHeight, height: rowHeight, insetInline: 0 }}
    >
      <Avatar userId={participant.user_id} name={participant.name} />
      <span className="stagekit-audience-name">{name}</span>
      {status === 'OFF_STAGE' || status === 'REQUESTED_TO_JOIN_STAGE' ? (
        <button type="button" aria-label={messages.inviteUser(name)} disabled={grant.isPending} onClick={() => grant.mutate([participant.user_id])}>
          {messages.invite}
        </button>
      ) : (
        <span className="stagekit-audience-status">{messages.audienceStatus[invited ? 'INVITED' : status]}</span>
      )}
      {actions?.(participant)}
    </li>
  );
}
