import type { Command } from '../core/engine.js';
import { FEATURE_PATHS } from '../core/call-features.js';

export interface CommandRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
}

/** The commands a call sends: the backends alone publish the counts. */
export type CallCommand = Exclude<Command, { type: 'audience.publishCounts' }>;

type PostedCommandType = Exclude<CallCommand['type'], 'get' | 'update' | 'feature.start' | 'feature.stop' | 'audience.query'>;

/** The path, under the call's, each command is POSTed to. */
const POST_PATHS: Record<PostedCommandType, string> = {
  getOrCreate: '',
  join: '/join',
  leave: '/leave',
  updateCallMembers: '/members',
  goLive: '/go_live',
  stopLive: '/stop_live',
  endCall: '/mark_ended',
  'moderation.remove': '/remove_participant',
  'moderation.block': '/block',
  'moderation.unblock': '/unblock',
  'stage.requestAccess': '/stage/request',
  'stage.cancelRequestAccess': '/stage/cancel',
  'stage.declineInvitation': '/stage/decline',
  'stage.join': '/stage/join',
  'stage.leave': '/stage/leave',
  'stage.grantAccess': '/stage/grant',
  'stage.denyAccess': '/stage/deny',
  'stage.revokeAccess': '/stage/revoke',
  'stage.kick': '/stage/kick',
};

/** The reference REST path and body for one engine command. */
export function commandRequest(type: string, id: string, command: CallCommand): CommandRequest {
  const base = `/video/call/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
  switch (command.type) {
    case 'get':
      return { method: 'GET', path: base };
    case 'update':
      return { method: 'PATCH', path: base, body: command.input };
    case 'feature.start':
    case 'feature.stop':
      return { method: 'POST', path: `${base}/${command.type === 'feature.start' ? 'start' : 'stop'}_${FEATURE_PATHS[command.feature]}` };
    case 'audience.query': {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(command.input ?? {})) if (value !== undefined) query.set(key, String(value));
      const search = query.toString();
      return { method: 'GET', path: `${base}/participants${search ? `?${search}` : ''}` };
    }
  }
  const request: CommandRequest = { method: 'POST', path: base + POST_PATHS[command.type] };
  if ('user_ids' in command) {
    // `user_ids`, and `only_requested` when given.
    const { type: _type, ...body } = command;
    request.body = body;
  } else if ('input' in command) {
    // A call's methods set `input` on the commands that take one, given or not; none given is `{}`.
    request.body = command.input ?? {};
  }
  return request;
}
