import type { StageKitMessages } from './messages.js';

type NoticeKeys =
  | 'notifications'
  | 'dismiss'
  | 'dismissNotice'
  | 'noticeApproved'
  | 'noticeInvited'
  | 'noticeDenied'
  | 'noticeRevoked'
  | 'noticeRemoved'
  | 'noticeRequest'
  | 'noticeWithdrawn'
  | 'noticeDeclined'
  | 'noticeDecided'
  | 'noticeCallRemoved'
  | 'noticeBlocked';

/** StageNotifications' strings: every one is set. */
export type StageNoticeMessages = Required<Pick<StageKitMessages, NoticeKeys>>;

/** StageNotifications' default strings (override any through `messages` or `labels`). */
export const defaultNoticeMessages: StageNoticeMessages = {
  notifications: 'Stage notifications',
  dismiss: 'Dismiss',
  dismissNotice: (text) => `Dismiss: ${text}`,
  noticeApproved: 'Your request was accepted. You can join the stage.',
  noticeInvited: 'You are invited to join the stage.',
  noticeDenied: 'Your request to join the stage was declined.',
  noticeRevoked: 'Your invitation to the stage was withdrawn.',
  noticeRemoved: 'You were removed from the stage.',
  noticeRequest: (name, pending) => `${name} asks to join the stage (${pending} waiting).`,
  noticeWithdrawn: (name) => `${name} withdrew their request.`,
  noticeDeclined: (name, invited) => (invited ? `${name} declined the invitation.` : `${name} will not join the stage after all.`),
  noticeDecided: (name, by) => `${name}: already decided by ${by}.`,
  noticeCallRemoved: (reason) => `You were removed from the call${because(reason)}.`,
  noticeBlocked: (reason) => `You were blocked from this call${because(reason)}.`,
};

function because(reason: string | undefined): string {
  return reason ? ` (${reason})` : '';
}
