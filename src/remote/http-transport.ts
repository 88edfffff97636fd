import { StageKitError } from '../core/errors.js';
import type { CommandRequest } from './command-request.js';
import { isErrorJSON } from './server-message.js';

export type HttpTransport = (request: CommandRequest) => Promise<Record<string, unknown>>;

/** Sends one request with the token; answers the JSON body, or throws the server's error re-created. */
export function createHttpTransport(options: { baseUrl: string; token: string; fetch: typeof fetch }): HttpTransport {
  return async ({ method, path, body }) => {
    let response: Response;
    try {
      response = await options.fetch(options.baseUrl + path, {
        method,
        headers: { authorization: `Bearer ${options.token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new StageKitError('NETWORK', `the server could not be reached: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Not JSON (a proxy's error page, say, or nothing): reported below by status.
    const json: unknown = await response.json().catch(() => null);
    if (response.ok && json && typeof json === 'object') return json as Record<string, unknown>;
    if (isErrorJSON(json)) throw StageKitError.fromJSON(json);
    throw new StageKitError('NETWORK', `the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  };
}
