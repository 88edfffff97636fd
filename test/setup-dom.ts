import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

afterEach(() => {
  cleanup();
  // Undoes `settle()`'s moved clock.
  vi.useRealTimers();
});
