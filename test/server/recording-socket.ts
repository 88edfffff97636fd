import { WebSocket } from 'ws';
import type { ServerMessage, WebSocketConstructor, WebSocketLike } from '../../src/remote/index.js';

/**
 * A WebSocket for the remote client that records every message the client actually handled
 * (a message reaching a socket the client has already let go of is not recorded). While
 * `network.offline` is set, connecting fails.
 */
export function recordingWebSocket(log: ServerMessage[], network: { offline?: boolean } = {}): WebSocketConstructor {
  return class RecordingWebSocket implements WebSocketLike {
    private readonly socket: WebSocket;
    onopen: WebSocketLike['onopen'] = null;
    onmessage: WebSocketLike['onmessage'] = null;
    onclose: WebSocketLike['onclose'] = null;
    onerror: WebSocketLike['onerror'] = null;

    constructor(url: string) {
      // Offline, as a browser without a network: the attempt fails and the client tries again later.
      if (network.offline) throw new Error('offline');
      this.socket = new WebSocket(url);
      this.socket.onopen = (event) => this.onopen?.(event);
      this.socket.onerror = (event) => this.onerror?.(event);
      this.socket.onclose = (event) => this.onclose?.(event);
      this.socket.onmessage = (event) => {
        if (!this.onmessage) return;
        log.push(JSON.parse(String(event.data)) as ServerMessage);
        this.onmessage(event);
      };
    }

    get readyState() {
      return this.socket.readyState;
    }

    send(data: string) {
      this.socket.send(data);
    }

    close(code?: number, reason?: string) {
      this.socket.close(code, reason);
    }
  };
}
