import { createManualClock, createMemoryBackend, StageKitError, type CallEvent, type CallView } from '../../src/core/index.js';
import { createRemoteClient, type RemoteClient, type WebSocketLike } from '../../src/remote/index.js';

// The client trusts the server's messages but checks what would corrupt a store or a clock. These
// tests play the server by hand over a fake socket, so they can send what a real one never would.

class FakeSocket implements WebSocketLike {
  static last: FakeSocket | null = null;
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.({});
    });
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  /** A frame from the server: an object is sent as JSON, a string as it is. */
  receive(message: unknown) {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
}

const token = `x.${btoa(JSON.stringify({ user_id: 'bob' })).replace(/=+$/, '')}.signature`;

/** A real view of a call, made by the memory backend, to send as the server would. */
async function aView(): Promise<CallView> {
  const backend = createMemoryBackend({ clock: createManualClock('2030-01-01T00:00:00Z') });
  const call = backend.client({ user: { id: 'bob' } }).call('default', 'show');
  await call.getOrCreate();
  return call.getState().call!;
}

const joined = (view: CallView, userId: string, seq: number): CallEvent => ({
  type: 'call.participant_joined',
  participant: { user_id: userId, role: 'user', joined_at: '2030-01-01T00:00:00.000Z' },
  listed: true,
  cid: view.cid,
  seq,
  created_at: '2030-01-01T00:00:00.000Z',
});

let client: RemoteClient;
let errors: StageKitError[];
let socket: FakeSocket;

/** A client connected over the fake socket, with `default:show` loaded at the view's sequence number. */
async function connectedWithCall() {
  const view = await aView();
  errors = [];
  client = createRemoteClient({
    url: 'http://server',
    token,
    WebSocket: FakeSocket,
    fetch: async () => new Response(JSON.stringify({ call: view, seq: view.seq }), { status: 200 }),
    onMessageError: (error) => errors.push(error),
  });
  socket = FakeSocket.last!;
  await vi.waitFor(() => expect(socket.sent).toEqual([{ type: 'auth', token }]));
  socket.receive({ type: 'ready', user: { id: 'bob' }, now: Date.now(), heartbeat_ms: 60_000 });
  expect(client.connection).toBe('connected');
  const call = client.call('default', 'show');
  const loaded = call.get();
  await vi.waitFor(() => expect(socket.sent).toContainEqual({ type: 'subscribe', call_type: 'default', call_id: 'show' }));
  socket.receive({ type: 'events', cid: view.cid, seq: view.seq, events: [{ type: 'call.state', call: view, cid: view.cid, seq: view.seq, created_at: view.created_at }] });
  await loaded;
  expect(call.getState().call).toEqual(view);
  return { call, view };
}

afterEach(() => client.disconnect());

it('applies well-formed events', async () => {
  const { call, view } = await connectedWithCall();
  socket.receive({ type: 'events', cid: view.cid, seq: view.seq + 1, events: [joined(view, 'ann', view.seq + 1)] });
  expect(Object.keys(call.getState().call!.participants)).toEqual(['ann']);
  expect(errors).toEqual([]);
});

it('ignores events without whole sequence numbers and says why, then applies the next good batch', async () => {
  const { call, view } = await connectedWithCall();
  const before = call.getState();
  socket.receive({ type: 'events', cid: view.cid, seq: String(view.seq + 1), events: [joined(view, 'ann', view.seq + 1)] });
  socket.receive({ type: 'events', cid: view.cid, seq: view.seq + 1, events: [{ ...joined(view, 'ann', view.seq + 1), seq: null }] });
  socket.receive({ type: 'events', cid: view.cid, seq: view.seq + 1, events: [{ ...joined(view, 'ann', view.seq + 1), seq: 1.5 }] });
  expect(call.getState()).toBe(before);
  expect(errors.map((error) => error.message)).toEqual([
    "the server sent a malformed 'events' message; it was ignored",
    "the server sent a malformed 'events' message; it was ignored",
    "the server sent a malformed 'events' message; it was ignored",
  ]);
  expect(errors.every((error) => error instanceof StageKitError && error.code === 'NETWORK')).toBe(true);

  socket.receive({ type: 'events', cid: view.cid, seq: view.seq + 1, events: [joined(view, 'ann', view.seq + 1)] });
  expect(call.getState().call!.participants.ann).toBeDefined();
  expect(call.getState().call!.seq).toBe(view.seq + 1);
});

it('does not apply another call’s events to a store', async () => {
  const { call, view } = await connectedWithCall();
  const before = call.getState();
  socket.receive({ type: 'events', cid: view.cid, seq: view.seq + 1, events: [{ ...joined(view, 'ann', view.seq + 1), cid: 'default:other' }] });
  expect(call.getState()).toBe(before);
  expect(errors.map((error) => error.message)).toEqual([
    "the server sent a malformed 'events' message; it was ignored",
  ]);
});

it('ignores a batch the store cannot apply as a whole, leaving the store as it was', async () => {
  const { call, view } = await connectedWithCall();
  const before = call.getState();
  // The first event is fine; the second has no participant. Neither lands.
  socket.receive({
    type: 'events',
    cid: view.cid,
    seq: view.seq + 2,
    events: [joined(view, 'ann', view.seq + 1), { ...joined(view, 'cy', view.seq + 2), participant: undefined }],
  });
  expect(call.getState()).toBe(before);
  expect(errors.map((error) => error.message)).toEqual([`the server sent events for ${view.cid} this client could not apply; they were ignored`]);
});

it('keeps its clock when a ping or time message carries no time', async () => {
  await connectedWithCall();
  const offset = client.clock.offset;
  socket.receive({ type: 'time', now: 'soon' });
  socket.receive({ type: 'ping', now: null });
  expect(client.clock.offset).toBe(offset);
  expect(Number.isFinite(client.clock.now())).toBe(true);
  expect(errors.map((error) => error.message)).toEqual([
    "the server sent a malformed 'time' message; it was ignored",
    "the server sent a malformed 'ping' message; it was ignored",
  ]);
  // A malformed ping is not answered; a good one is.
  expect(socket.sent.filter((message) => (message as { type: string }).type === 'pong')).toEqual([]);
  socket.receive({ type: 'ping', now: Date.now() });
  expect(socket.sent.filter((message) => (message as { type: string }).type === 'pong')).toHaveLength(1);
});

it('does not count a ready without a heartbeat interval as connected', async () => {
  errors = [];
  client = createRemoteClient({ url: 'http://server', token, WebSocket: FakeSocket, fetch: async () => new Response('{}'), onMessageError: (error) => errors.push(error) });
  socket = FakeSocket.last!;
  await vi.waitFor(() => expect(socket.sent).toHaveLength(1));
  socket.receive({ type: 'ready', user: { id: 'bob' }, now: Date.now() });
  expect(client.connection).toBe('connecting');
  expect(errors.map((error) => error.message)).toEqual([
    "the server sent a malformed 'ready' message; it was ignored",
  ]);
});

it('does not mark a call refused on an error without a known code', async () => {
  const { call, view } = await connectedWithCall();
  socket.receive({ type: 'error', cid: view.cid, error: { code: 'TEAPOT', message: 'no' } });
  expect(call.getState().connection).toBe('connected');
  expect(errors.map((error) => error.message)).toEqual([
    "the server sent a malformed 'error' message; it was ignored",
  ]);
});

it('reports a frame that is not JSON, and ignores a message type it does not know', async () => {
  const { call } = await connectedWithCall();
  const before = call.getState();
  socket.receive('<html>502 Bad Gateway</html>');
  socket.receive({ type: 'notice', text: 'from a newer server' });
  expect(call.getState()).toBe(before);
  expect(errors.map((error) => error.message)).toEqual(['the server sent a frame that is not a JSON object; it was ignored']);
});
