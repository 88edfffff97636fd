import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

afterEach(() => {
  cleanup();
  // Undoes `settle()`'s moved clock.
  vi.useRealTimers();
});

// jsdom reports an error thrown inside an event listener (React 18 replays every render error
// through one) to the console it was created with, which a test's vi.spyOn(console, 'error') never
// sees. Send them to the test's console instead: a test that expects an error asserts it, and an
// unexpected one still shows, next to the test that caused it.
interface VirtualConsole {
  removeAllListeners(event: string): void;
  on(event: string, listener: (error: Error & { type?: string; cause?: unknown }) => void): void;
}
const dom = (globalThis as { jsdom?: { virtualConsole: VirtualConsole } }).jsdom;
if (dom) {
  dom.virtualConsole.removeAllListeners('jsdomError');
  dom.virtualConsole.on('jsdomError', (error) => {
    console.error(error.type === 'unhandled-exception' ? error.cause : error);
  });
}
