import type { CallPhase } from '../core/index.js';
import type { StageKitMessages } from '../react/index.js';

/** The words for the phases that read the same everywhere; null for those that depend on context. */
export function phaseMessage(phase: CallPhase, messages: Pick<StageKitMessages, 'live' | 'ended' | 'doorsOpen'>): string | null {
  switch (phase) {
    case 'live':
      return messages.live;
    case 'ended':
      return messages.ended;
    case 'doors-open':
      return messages.doorsOpen;
    default:
      return null;
  }
}
