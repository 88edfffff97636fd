import { forwardRef, type HTMLAttributes } from 'react';
import { classNames } from './class-names.js';

export interface AvatarProps extends HTMLAttributes<HTMLSpanElement> {
  /** Whose: the colour comes from the id, so a person keeps theirs across lists and sessions. */
  userId: string;
  /** Their name, for the initials; the id stands in without one. */
  name?: string;
}

/** One of the palette's eight colours (`--stagekit-avatar-0` … `-7`), from a small hash of the id. */
export function avatarHue(userId: string): number {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) | 0;
  return (hash >>> 0) % 8;
}

/** Up to two letters: the first of the first two words ("Ana Lima" → "AL"). */
export function initials(name: string): string {
  return name
    .trim()
    .split(/\s+/, 2)
    // By code point, so a name starting with an emoji keeps it whole; join() drops an empty word's undefined.
    .map((word) => [...word][0])
    .join('')
    .toUpperCase();
}

/**
 * A person's initials on a colour of their own, or the children given instead (a picture:
 * `<Avatar userId={id}><img src={url} alt="" /></Avatar>`). Decoration beside the name that says
 * who it is, so hidden from screen readers. `data-hue="0"…"7"`, class `stagekit-avatar`.
 */
export const Avatar = /* @__PURE__ */ forwardRef<HTMLSpanElement, AvatarProps>(function Avatar({ userId, name, children, className, ...spanProps }, ref) {
  return (
    <span
      ref={ref}
      aria-hidden="true"
      {...spanProps}
      className={classNames('stagekit-avatar', className, null)}
      data-hue={avatarHue(userId)}
    >
      {children ?? initials(name ?? userId)}
    </span>
  );
});
