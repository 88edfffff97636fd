'use client';
import { forwardRef, useId, type HTMLAttributes } from 'react';
import { useMessages, useOnStage } from '../react/index.js';
import { classNames } from './class-names.js';
import { KickButton } from './KickButton.js';
import type { CommonProps } from './types.js';

export interface OnStageListProps
  extends CommonProps<{ count: number }>,
    Omit<HTMLAttributes<HTMLElement>, 'className' | 'children'> {
  /** Heading of the list; `messages.onStage` ("On stage") by default. */
  title?: string;
}

/**
 * Who is on stage, with a kick control for managers, or `messages.nobodyOnStage` when no one is.
 * `data-state="empty|filled"`.
 */
export const OnStageList = /* @__PURE__ */ forwardRef<HTMLElement, OnStageListProps>(function OnStageList(
  { title, className, labels, ...sectionProps },
  ref,
) {
  const messages = useMessages(labels);
  const onStage = useOnStage();
  const headingId = useId();
  return (
    <section
      ref={ref}
      aria-labelledby={headingId}
      {...sectionProps}
      className={classNames('stagekit-on-stage-list', className, { count: onStage.length })}
      data-state={onStage.length ? 'filled' : 'empty'}
    >
      <h3 id={headingId}>{title ?? messages.onStage}</h3>
      {onStage.length === 0 ? (
        <p className="stagekit-empty">{messages.nobodyOnStage}</p>
      ) : (
        <ul>
          {onStage.map((participant) => (
            <li key={participant.user_id} data-user-id={participant.user_id}>
              <span>{participant.name ?? participant.user_id}</span>
              <KickButton userId={participant.user_id} labels={labels} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
