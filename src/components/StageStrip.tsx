'use client';
import { forwardRef, type HTMLAttributes } from 'react';
import { onStageMessages, useMessagesFor, useOnStage } from '../react/index.js';
import { Avatar } from './Avatar.js';
import { classNames } from './class-names.js';
import { StageIcon } from './icons.js';
import type { CommonProps } from './types.js';

export interface StageStripProps extends CommonProps<{ count: number }>, Omit<HTMLAttributes<HTMLUListElement>, 'className' | 'children'> {}

/**
 * Who is on stage, as a viewer sees it: avatars and names in one compact row, nothing to press.
 * A list labelled "On stage"; `data-count` holds how many. Renders nothing while no one is on stage.
 */
export const StageStrip = /* @__PURE__ */ forwardRef<HTMLUListElement, StageStripProps>(function StageStrip({ className, labels, ...listProps }, ref) {
  const messages = useMessagesFor(onStageMessages, labels);
  const onStage = useOnStage();
  const count = onStage.length;
  if (count === 0) return null;
  return (
    <ul ref={ref} aria-label={messages.onStage} {...listProps} className={classNames('stagekit-stage-strip', className, { count })} data-count={count}>
      {/* What the row is, at a glance; its name for screen readers is the list's label. */}
      <li aria-hidden="true" className="stagekit-stage-strip-icon">
        <StageIcon />
      </li>
      {onStage.map((participant) => (
        <li key={participant.user_id} data-user-id={participant.user_id}>
          <Avatar userId={participant.user_id} name={participant.name} />
          {participant.name ?? participant.user_id}
        </li>
      ))}
    </ul>
  );
});
