'use client';
import { forwardRef, useEffect, useRef, useState, type HTMLAttributes, type KeyboardEvent } from 'react';
import {
  defaultNoticeMessages,
  useAcceptStageRequests,
  useMessagesFor,
  useStageNotices,
  type StageNotice,
  type StageNoticeMessages,
  type UseStageNoticesOptions,
} from '../react/index.js';
import { Avatar } from './Avatar.js';
import { classNames } from './class-names.js';
import type { CommonProps } from './types.js';
import { visuallyHidden } from './visually-hidden.js';

// Its own words, and Accept for the notice that offers one: the same keys as the request list's,
// so one override names both, but its own defaults, so this bundle carries none of that list's words.
const noticeGroup = /* @__PURE__ */ withAccept();
function withAccept() {
  return { ...defaultNoticeMessages, accept: 'Accept', acceptUser: (name: string) => `Accept ${name}` };
}

export interface StageNotificationsProps
  extends UseStageNoticesOptions,
    CommonProps<{ count: number }>,
    Omit<HTMLAttributes<HTMLElement>, 'className' | 'children'> {}

/** A notice's sentence, from the messages. */
export function noticeText(notice: StageNotice, messages: StageNoticeMessages): string {
  switch (notice.kind) {
    case 'approved':
      return messages.noticeApproved;
    case 'invited':
      return messages.noticeInvited;
    case 'denied':
      return messages.noticeDenied;
    case 'revoked':
      return messages.noticeRevoked;
    case 'removed':
      return messages.noticeRemoved;
    case 'callRemoved':
      return messages.noticeCallRemoved(notice.reason);
    case 'blocked':
      return messages.noticeBlocked(notice.reason);
    case 'request':
      return messages.noticeRequest(notice.name, notice.pending ?? 1);
    case 'withdrawn':
      return messages.noticeWithdrawn(notice.name);
    case 'declined':
      return messages.noticeDeclined(notice.name, notice.invited ?? false);
    case 'decided':
      return messages.noticeDecided(notice.name, notice.byName ?? notice.by ?? '');
  }
}

/**
 * Stage news as short notices: for viewers, approved, invited, denied, revoked and removed (from
 * the stage, or by a moderator from the call, or blocked from it); for
 * managers, a new request (with Accept), a request withdrawn, an invitation declined, and a
 * decision of theirs another manager had already made. Each notice is announced once through a
 * polite live region and stays until dismissed (its button, or Escape within it). The root is
 * a labelled region with `data-count`; each notice an `li` with `data-kind`.
 */
export const StageNotifications = /* @__PURE__ */ forwardRef<HTMLElement, StageNotificationsProps>(function StageNotifications(
  { kinds, max, className, labels, ...sectionProps },
  ref,
) {
  const messages = { ...defaultNoticeMessages, ...useMessagesFor(noticeGroup, labels) };
  const { notices, dismiss } = useStageNotices({ kinds, max });
  const accept = useAcceptStageRequests();
  const accepting = useRef(false);
  const listRef = useRef<HTMLUListElement>(null);
  // Where focus goes after a dismissal removed the focused button: the next notice's, or the list's.
  const refocus = useRef<number | null | undefined>(undefined);
  const newest = notices[notices.length - 1];
  // Set while rendering, so the notice and its announcement reach the screen in one commit.
  const [announced, setAnnounced] = useState<{ id: number; text: string }>({ id: 0, text: '' });
  if (newest && newest.id > announced.id) setAnnounced({ id: newest.id, text: noticeText(newest, messages) });

  useEffect(() => {
    const target = refocus.current;
    if (target === undefined) return;
    refocus.current = undefined;
    // With no notice left (null), no item matches and the list itself takes focus.
    const next = listRef.current?.querySelector<HTMLElement>(`[data-notice-id="${target}"] button:last-of-type`);
    (next ?? listRef.current)?.focus();
  });

  // Only the notice's own buttons dismiss it, so the focus was on one of them.
  const close = (notice: StageNotice) => {
    const index = notices.indexOf(notice);
    refocus.current = (notices[index + 1] ?? notices[index - 1])?.id ?? null;
    dismiss(notice.id);
  };
  const onKeyDown = (notice: StageNotice) => (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    close(notice);
  };

  const count = notices.length;
  return (
    <section
      ref={ref}
      aria-label={messages.notifications}
      {...sectionProps}
      className={classNames('stagekit-stage-notifications', className, { count })}
      data-count={count}
    >
      <ul ref={listRef} tabIndex={-1}>
        {notices.map((notice) => {
          const text = noticeText(notice, messages);
          return (
            <li key={notice.id} data-kind={notice.kind} data-notice-id={notice.id}>
              <Avatar userId={notice.user_id} name={notice.name} />
              <span>{text}</span>
              {notice.kind === 'request' && (
                <button
                  type="button"
                  aria-label={messages.acceptUser(notice.name)}
                  onKeyDown={onKeyDown(notice)}
                  onClick={() => {
                    if (accepting.current) return;
                    accepting.current = true;
                    // Pending requests only: one another manager just denied stays denied.
                    accept.mutate([notice.user_id], { onSettled: () => void (accepting.current = false) });
                  }}
                >
                  {messages.accept}
                </button>
              )}
              <button
                type="button"
                aria-label={messages.dismissNotice(text)}
                onKeyDown={onKeyDown(notice)}
                onClick={() => close(notice)}
              >
                {messages.dismiss}
              </button>
            </li>
          );
        })}
      </ul>
      <span style={visuallyHidden} aria-live="polite">
        {/* A node per notice: news worded as the last (the same viewer asking again) is a new
            node, so screen readers read it again rather than see unchanged text. */}
        <span key={announced.id}>{announced.text}</span>
      </span>
    </section>
  );
});
