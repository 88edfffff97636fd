import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import {
  callId,
  createCall,
  createWorld,
  execute,
  projectEvents,
  systemClock,
  viewOf,
  type CallEvent,
  type CallHandle,
  type Command,
  type Participant,
  type StageRequest,
  type User,
  type World,
} from '../../src/core/index.js';
import { StageRequestQueue } from '../../src/core/stage-request-queue.js';
import { StageCall, StageKitProvider, StageRequestList } from '../../src/components/index.js';
import { SETTLE_MS } from '../../src/components/action-guard.js';

const TYPE = 'livestream';
const ID = 'queue';
const CID = callId(TYPE, ID);
const HOST: User = { id: 'host', name: 'Host' };

/**
 * The host's call with `pending` viewers in the queue. The server's state is laid out directly
 * (filling it join by join through the engine costs O(n²) and is not what is measured here);
 * the host's commands then run through the real engine and reach the store as projected events,
 * as they would from a server.
 */
/** Time spent in the engine and projection per command, to tell it apart from the list's own work. */
const engineMs: number[] = [];

function hostCall(pending: number): CallHandle {
  let world: World = createWorld();
  const apply = (command: Command) => {
    const before = world.calls.get(CID) ?? null;
    const outcome = execute(world, { type: TYPE, id: ID, actor: HOST, command }, systemClock.now());
    world = outcome.world;
    return { before, outcome };
  };
  apply({ type: 'getOrCreate' });
  apply({ type: 'join' });
  apply({ type: 'goLive' });
  const now = new Date(systemClock.now()).toISOString();
  const base = world.calls.get(CID)!;
  let participants = base.participants;
  let stage = base.stage;
  const requests: StageRequest[] = [];
  for (let i = 0; i < pending; i++) {
    const user_id = `viewer-${i}`;
    const name = `Viewer ${i}`;
    participants = participants.set(user_id, { user_id, name, role: 'user', joined_at: now } satisfies Participant);
    stage = stage.set(user_id, 'REQUESTED_TO_JOIN_STAGE');
    requests.push({ user_id, name, requested_at: now });
  }
  world = { ...world, calls: new Map(world.calls).set(CID, { ...base, participants, stage, stage_requests: StageRequestQueue.from(requests) }) };
  const callType = world.callTypes.get(TYPE)!;

  const handle: CallHandle = createCall({
    type: TYPE,
    id: ID,
    user: HOST,
    clock: systemClock,
    send: (command) => {
      try {
        const start = performance.now();
        const { before, outcome } = apply(command);
        const events = outcome.after
          ? projectEvents({ before, after: outcome.after, beforeType: callType, afterType: callType, events: outcome.events }, HOST)
          : [];
        engineMs.push(performance.now() - start);
        handle.receive(events);
        return Promise.resolve(outcome.result as never);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  });
  const record = world.calls.get(CID)!;
  const snapshot: CallEvent = { type: 'call.state', call: viewOf(record, callType, HOST), cid: CID, seq: record.seq, created_at: now };
  handle.receive([snapshot]);
  return handle;
}

const container = document.getElementById('root')!;

function mount(handle: CallHandle): { root: Root; ms: number } {
  const root = createRoot(container);
  const start = performance.now();
  flushSync(() =>
    root.render(
      <StageKitProvider>
        <StageCall call={handle.call} load="none">
          <StageRequestList />
        </StageCall>
      </StageKitProvider>,
    ),
  );
  // Style and layout belong to the frame as much as the render does.
  void container.offsetHeight;
  return { root, ms: performance.now() - start };
}

const list = () => container.querySelector<HTMLElement>('.stagekit-stage-request-list')!;
const rows = () => container.querySelectorAll('.stagekit-stage-request-list li').length;

/** Resolves once `done()` holds after a DOM change, with the time since `start` (layout included). */
function until(done: () => boolean, start: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const finish = () => {
      observer.disconnect();
      clearTimeout(timer);
      void container.offsetHeight;
      resolve(performance.now() - start);
    };
    const observer = new MutationObserver(() => {
      if (done()) finish();
    });
    observer.observe(container, { subtree: true, childList: true, attributes: true, characterData: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('the list did not settle within 10 s'));
    }, 10_000);
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface QueueFigures {
  pending: number;
  firstRenderMs: number[];
  acceptOneMs: number[];
  acceptOneIdleMs: number[];
  acceptAllMs: number[];
  /** Engine time inside each acceptance, and inside each Accept all. */
  acceptOneEngineMs: number[];
  acceptAllEngineMs: number[];
  rowsAfterFirstRender: number;
  maxRows: number;
  countAfterAcceptAll: number;
}

async function run(pending: number, repeats: number): Promise<QueueFigures> {
  const firstRenderMs: number[] = [];
  const acceptOneMs: number[] = [];
  const acceptOneIdleMs: number[] = [];
  const acceptAllMs: number[] = [];
  const acceptOneEngineMs: number[] = [];
  const acceptAllEngineMs: number[] = [];
  let rowsAfterFirstRender = 0;
  let maxRows = 0;
  let countAfterAcceptAll = -1;
  for (let r = 0; r < repeats; r++) {
    const handle = hostCall(pending);
    const { root, ms } = mount(handle);
    firstRenderMs.push(ms);
    rowsAfterFirstRender = rows();
    maxRows = Math.max(maxRows, rows());
    await new Promise((resolve) => setTimeout(resolve, 50));

    // Accept the first row, several times: each is its own frame's work. Timed to the row leaving
    // the DOM (what the host sees), and on to the list being idle again (the mutation settled).
    for (let i = 0; i < 5; i++) {
      const accept = list().querySelector<HTMLButtonElement>('li button')!;
      const userId = accept.closest('li')!.dataset.userId!;
      const start = performance.now();
      const gone = until(() => !list().querySelector(`li[data-user-id="${userId}"]`), start);
      accept.click();
      acceptOneMs.push(await gone);
      acceptOneEngineMs.push(engineMs.at(-1)!);
      acceptOneIdleMs.push(list().hasAttribute('data-busy') ? await until(() => !list().hasAttribute('data-busy'), start) : performance.now() - start);
      maxRows = Math.max(maxRows, rows());
      // A row whose person just changed ignores a click for a moment (it was meant for the one
      // before): wait as a person reading the new row would.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 20));
    }

    const acceptAll = [...list().querySelectorAll<HTMLButtonElement>('.stagekit-stage-request-list-header button')][0]!;
    const start = performance.now();
    const settled = until(() => list().dataset.state === 'empty' && !list().hasAttribute('data-busy'), start);
    acceptAll.click();
    acceptAllMs.push(await settled);
    acceptAllEngineMs.push(engineMs.at(-1)!);
    countAfterAcceptAll = handle.call.getState().call!.stage_requests.length;
    flushSync(() => root.unmount());
  }
  return { pending, firstRenderMs, acceptOneMs, acceptOneIdleMs, acceptAllMs, acceptOneEngineMs, acceptAllEngineMs, rowsAfterFirstRender, maxRows, countAfterAcceptAll };
}

declare global {
  interface Window {
    stagekitBench: { run: typeof run; median: typeof median };
  }
}
window.stagekitBench = { run, median };
