import type { Capability } from './capabilities.js';
import type { CallFields } from './model.js';

/** Where a call stands for a regular viewer. */
export type CallPhase = 'unscheduled' | 'scheduled' | 'doors-open' | 'live' | 'ended';

export interface JoinWindow {
  phase: CallPhase;
  /** The call is in backstage: backstage is enabled and the call is not live. */
  inBackstage: boolean;
  startsAt: number | null;
  /** When regular viewers may join ahead of the start; null without a join-ahead time or a start. */
  joinOpensAt: number | null;
  /** The next moment the phase changes by time alone, and what happens then. */
  nextBoundaryAt: number | null;
  countingTo: 'doors-open' | 'start' | null;
}

export type JoinWindowFields = Pick<CallFields, 'backstage' | 'settings' | 'starts_at' | 'ended_at' | 'live_ended_at'>;

/**
 * The single place that turns a call's schedule and the time into a phase. The engine's join rule,
 * the hooks and the countdown all read it, so they cannot disagree.
 */
export function joinWindow(call: JoinWindowFields, now: number): JoinWindow {
  const inBackstage = call.backstage && call.settings.backstage.enabled;
  const startsAt = call.starts_at === null ? null : Date.parse(call.starts_at);
  const ahead = call.settings.backstage.join_ahead_time_seconds;
  const joinOpensAt = startsAt !== null && ahead > 0 ? startsAt - ahead * 1000 : null;
  const at = (phase: CallPhase, nextBoundaryAt: number | null = null, countingTo: JoinWindow['countingTo'] = null): JoinWindow => ({
    inBackstage,
    startsAt,
    joinOpensAt,
    phase,
    nextBoundaryAt,
    countingTo,
  });

  if (call.ended_at !== null) return at('ended');
  if (!inBackstage) return at('live');
  if (startsAt === null) return at('unscheduled');

  const startAhead = now < startsAt;
  // A stop-live after the doors opened closes them again until the next go-live or a new schedule.
  const closedByStop = joinOpensAt !== null && call.live_ended_at !== null && Date.parse(call.live_ended_at) >= joinOpensAt;
  if (joinOpensAt !== null && !closedByStop) {
    if (now < joinOpensAt) return at('scheduled', joinOpensAt, 'doors-open');
    return at('doors-open', startAhead ? startsAt : null, startAhead ? 'start' : null);
  }
  return at('scheduled', startAhead ? startsAt : null, startAhead ? 'start' : null);
}

export type JoinVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'CALL_ENDED' | 'FORBIDDEN' | 'NOT_YET_OPEN'; capability?: Capability; opensAt?: number | null };

/** The join rules, in order: ended, join-call, backstage (join-backstage or the join-ahead window), open. */
export function joinVerdict(call: JoinWindowFields, capabilities: readonly Capability[], now: number): JoinVerdict {
  const window = joinWindow(call, now);
  if (mayJoin(window, capabilities)) return { allowed: true };
  if (window.phase === 'ended') return { allowed: false, reason: 'CALL_ENDED', capability: 'join-ended-call' };
  if (!capabilities.includes('join-call')) return { allowed: false, reason: 'FORBIDDEN', capability: 'join-call' };
  const opensAt = window.countingTo === 'doors-open' ? window.nextBoundaryAt : null;
  return { allowed: false, reason: 'NOT_YET_OPEN', opensAt };
}

/** `joinVerdict`'s yes or no alone, for a window already worked out: what a client shows needs no reason. */
export function mayJoin(window: JoinWindow, capabilities: readonly Capability[]): boolean {
  if (window.phase === 'ended') return capabilities.includes('join-ended-call');
  return capabilities.includes('join-call') && (!window.inBackstage || capabilities.includes('join-backstage') || window.phase === 'doors-open');
}
