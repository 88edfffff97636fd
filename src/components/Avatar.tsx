import { forwardRef, type HTMLAttributes } from 'react';

export interface AvatarProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'children'> {
  /** Whose: the colour comes from the id, so a person keeps theirs across lists and sessions. */
  userId: string;
  /** Their name, for the initials; the id stands in without one. */
  name?: string;
  /** A picture of them, shown instead of the initials when given. */
  image?: string;
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
    .map((word) => [...word][0] ?? '')
    .join('')
    .toUpperCase();
}

/**
 * A person's picture, or their initials on a colour of their own. Decoration beside the name
 * that says who it is, so hidden from screen readers. `data-hue="0"…"7"`, class `stagekit-avatar`.
 */
export const Avatar = /* @__PURE__ */ forwardRef<HTMLSpanElement, AvatarProps>(function Avatar({ userId, name, image, className, ...spanProps }, ref) {
  return (
    <span
      ref={ref}
      aria-hidden="true"
      {...spanProps}
      className={className ? `stagekit-avatar ${className}` : 'stagekit-avatar'}
      data-hue={avatarHue(userId)}
    >
      {image ? <img src={image} alt="" /> : initials(name ?? userId)}
    </span>
  );
});
