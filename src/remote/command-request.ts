import type { Command } from '../core/engine.js';
import { StageKitError } from '../core/errors.js';
import { FEATURE_PATHS } from '../core/call-features.js';

export interface CommandRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
}

/** The reference REST path and body for one engine command. */
export function commandRequest(type: string, id: string, command: Command): CommandRequest {
  const base = `/video/call/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
  const post = (path: string, body?: unknown): CommandRequest => ({ method: 'POST', path: base + path, ...(body !== undefined && { body }) });
  switch (command.type) {
    case 'getOrCreate':
      return post('', command.input ?? {});
    case 'get':
      return { method: 'GET', path: base };
    case 'join':
      return post('/join', command.input ?? {});
    case 'leave':
      return post('/leave');
    case 'update':
      return { method: 'PATCH', path: base, body: command.input };
    case 'updateCallMembers':
      return post('/members', command.input);
    case 'goLive':
      return post('/go_live', command.input ?? {});
    case 'stopLive':
      return post('/stop_live', command.input ?? {});
    case 'endCall':
      return post('/mark_ended');
    case 'feature.start':
    case 'feature.stop':
      return post(`/${command.type === 'feature.start' ? 'start' : 'stop'}_${FEATURE_PATHS[command.feature]}`);
    case 'moderation.remove':
      return post('/remove_participant', command.input);
    case 'moderation.block':
      return post('/block', command.input);
    case 'moderation.unblock':
      return post('/unblock', command.input);
    case 'stage.requestAccess':
      return post('/stage/request');
    case 'stage.cancelRequestAccess':
      return post('/stage/cancel');
    case 'stage.declineInvitation':
      return post('/stage/decline');
    case 'stage.join':
      return post('/stage/join');
    case 'stage.leave':
      return post('/stage/leave');
    case 'stage.grantAccess':
      return post('/stage/grant', {
        user_ids: command.user_ids,
        ...(command.only_requested !== undefined && { only_requested: command.only_requested }),
      });
    case 'stage.denyAccess':
      return post('/stage/deny', { user_ids: command.user_ids });
    case 'stage.revokeAccess':
      return post('/stage/revoke', { user_ids: command.user_ids });
    case 'stage.kick':
      return post('/stage/kick', { user_ids: command.user_ids });
    case 'audience.query': {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(command.input ?? {})) if (value !== undefined) query.set(key, String(value));
      const search = query.toString();
      return { method: 'GET', path: `${base}/participants${search ? `?${search}` : ''}` };
    }
    case 'audience.publishCounts':
      // The server tells the counts on its own; a client has nothing to send.
      throw new StageKitError('INVALID_INPUT', 'counts are published by the server', { fields: [{ path: 'command', message: 'is not sent by clients' }] });
  }
}
