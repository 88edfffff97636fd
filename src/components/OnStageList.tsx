'use client';
import { forwardRef, useEffect, useId, useRef, type HTMLAttributes } from 'react';
import { onStageMessages, useMessagesFor, useOnStage } from '../react/index.js';
import { Avatar } from './Avatar.js';
import { classNames } from './class-names.js';
import { KickButton } from './KickButton.js';
import { ModerationActions } from './ModerationActions.js';
import type { CommonProps } from './types.js';

export interface OnStageListProps
  extends CommonProps<{ count: number }>,
    Omit<HTMLAttributes<HTMLElement>, 'className' | 'children'> {
  /** Heading of the list; `messages.onStage` ("On stage") by default. */
  title?: string;
}

/**
 * Who is on stage, with a kick control for managers and remove / block for moderators, or `messages.nobodyOnStage` when no one is.
 * `data-state="empty|filled"`.
 */
export const OnStageList = /* @__PURE__ */ forwardRef<HTMLElement, OnStageListProps>(function OnStageList(
  { title, className, labels, ...sectionProps },
  ref,
) {
  const messages = useMessagesFor(onStageMessages, labels);
  const onStage = useOnStage();
  const count = onStage.length;
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Kicking someone removes their row and the focused button with it; focus then goes to the
  // heading rather than falling to the page.
  const focusInside = useRef(false);
  // Runs when the on-stage list changed: that is when a focused row may have gone.
  useEffect(() => {
    const document = headingRef.current?.ownerDocument;
    // Focus left a removed element for the page's body.
    if (focusInside.current && document?.activeElement === document?.body) {
      focusInside.current = false;
      headingRef.current?.focus();
    }
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [onStage]);
  return (
    <section
      ref={ref}
      aria-labelledby={headingId}
      {...sectionProps}
      className={classNames('stagekit-on-stage-list', className, { count })}
      data-state={count ? 'filled' : 'empty'}
    >
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {title ?? messages.onStage}
      </h3>
      {count === 0 ? (
        <p className="stagekit-empty">{messages.nobodyOnStage}</p>
      ) : (
        // The focus handlers only watch whether focus is in a row; they make nothing interactive.
        // oxlint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
        <ul
          onFocus={() => {
            focusInside.current = true;
          }}
          onBlur={(event) => {
            // A removed element blurs with no next target: keep the flag for the effect above.
            if (event.relatedTarget && !event.currentTarget.contains(event.relatedTarget)) focusInside.current = false;
          }}
        >
          {onStage.map((participant) => (
            <li key={participant.user_id} data-user-id={participant.user_id}>
              <Avatar userId={participant.user_id} name={participant.name} />
              <span className="stagekit-on-stage-name">{participant.name ?? participant.user_id}</span>
              <KickButton userId={participant.user_id} labels={labels} />
              <ModerationActions userId={participant.user_id} labels={labels} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
