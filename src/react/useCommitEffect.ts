import { useEffect, useLayoutEffect } from 'react';

/**
 * A layout effect in the browser, so a subscription is in place as the component commits and an
 * event right after mounting is not missed; on the server, where nothing commits, a plain effect
 * (which never runs there, and does not warn).
 */
export const useCommitEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;
