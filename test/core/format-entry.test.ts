vi.mock('react', () => {
  throw new Error('stagekit/format imported react');
});

describe('stagekit/format', () => {
  it('formats durations and carries the default strings with React unavailable, for server code', async () => {
    const format = await import('../../src/format/index.js');
    expect(format.formatDuration(200)).toBe('3:20');
    expect(format.formatDuration(3723)).toBe('1:02:03');
    expect(format.defaultMessages.goLive).toMatch(/live/i);
  });
});
