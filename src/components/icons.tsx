import type { SVGProps } from 'react';

export interface IconProps extends Omit<SVGProps<SVGSVGElement>, 'children'> {
  /**
   * What the icon means, for an icon that says something no text beside it says. Without it the
   * icon is decoration: hidden from screen readers.
   */
  title?: string;
}

/**
 * The kit's icons: one path each on a 24-unit grid, drawn in `currentColor` at `1em`, so they take
 * the size and colour of the text they sit in. Each is its own export, so a bundle keeps only the
 * ones it uses. Class `stagekit-icon`.
 */
function icon(path: string) {
  return function Icon({ title, ...props }: IconProps) {
    return (
      <svg
        viewBox="0 0 24 24"
        width="1em"
        height="1em"
        fill="currentColor"
        className="stagekit-icon"
        focusable="false"
        role={title ? 'img' : undefined}
        aria-label={title}
        aria-hidden={title ? undefined : true}
        {...props}
      >
        <path d={path} />
      </svg>
    );
  };
}

/** A dot with a ring: on air. */
export const LiveIcon = /* @__PURE__ */ icon('M12 7a5 5 0 1 1 0 10 5 5 0 0 1 0-10Z');
/** A person on a platform: the stage. */
export const StageIcon = /* @__PURE__ */ icon('M12 3a4 4 0 1 1 0 8 4 4 0 0 1 0-8ZM4 21a8 7 0 0 1 16 0Z');
/** A raised hand: asking for the stage. */
export const HandRaisedIcon = /* @__PURE__ */ icon('M7 21v-8L4 10l1.5-1.5L7 10V4h2v6h1V2h2v8h1V3h2v7h1V5h2v10a6 6 0 0 1-6 6Z');
/** A filled circle in a ring: recording. */
export const RecordingIcon = /* @__PURE__ */ icon('M12 8a4 4 0 1 1 0 8 4 4 0 0 1 0-8Zm0-6a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Z');
/** Waves from a mast: broadcasting (HLS). */
export const BroadcastIcon = /* @__PURE__ */ icon('M12 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4ZM7 6l1.4 1.4a6 6 0 0 0 0 9.2L7 18A8 8 0 0 1 7 6Zm10 0a8 8 0 0 1 0 12l-1.4-1.4a6 6 0 0 0 0-9.2Z');
/** A screen with two lines of text: captions. */
export const CaptionsIcon = /* @__PURE__ */ icon('M3 5h18v14H3Zm2 2v10h14V7Zm2 3h4v2H7Zm6 0h4v2h-4Zm-6 3h10v2H7Z');
