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
export const LiveIcon = /* @__PURE__ */ icon('M12 8a4 4 0 1 1 0 8 4 4 0 0 1 0-8Zm0-5a9 9 0 1 1 0 18 9 9 0 0 1 0-18Zm0 2a7 7 0 1 0 0 14 7 7 0 0 0 0-14Z');
/** A person on a platform: the stage. */
export const StageIcon = /* @__PURE__ */ icon('M12 3a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7Zm-6 13a6 6 0 0 1 12 0v1H6Zm-4 3h20v2H2Z');
/** A raised hand: asking for the stage. */
export const HandRaisedIcon = /* @__PURE__ */ icon(
  'M9 3.5a1.5 1.5 0 0 1 3 0V11h1V5a1.5 1.5 0 0 1 3 0v7h1V8a1.5 1.5 0 0 1 3 0v7a7 7 0 0 1-12.6 4.2L3.5 15a1.5 1.5 0 0 1 2.3-1.9L8 15V6a1.5 1.5 0 0 1 1-1.4Z',
);
/** A filled circle in a ring: recording. */
export const RecordingIcon = /* @__PURE__ */ icon('M12 7a5 5 0 1 1 0 10 5 5 0 0 1 0-10Zm0-5a10 10 0 1 1 0 20 10 10 0 0 1 0-20Zm0 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Z');
/** Waves from a mast: broadcasting (HLS). */
export const BroadcastIcon = /* @__PURE__ */ icon(
  'M12 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4ZM7.8 7.8l1.4 1.4a4 4 0 0 0 0 5.6l-1.4 1.4a6 6 0 0 1 0-8.4Zm8.4 0a6 6 0 0 1 0 8.4l-1.4-1.4a4 4 0 0 0 0-5.6ZM5 5l1.4 1.4a8 8 0 0 0 0 11.2L5 19A10 10 0 0 1 5 5Zm14 0a10 10 0 0 1 0 14l-1.4-1.4a8 8 0 0 0 0-11.2Z',
);
/** A screen with two lines of text: captions. */
export const CaptionsIcon = /* @__PURE__ */ icon(
  'M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm0 2v12h16V6Zm2 5h5v2H6Zm7 0h5v2h-5Zm-7 3h8v2H6Zm10 0h2v2h-2Z',
);
