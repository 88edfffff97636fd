// Times `GET /time` every 20 ms until told to stop, in a process of its own, so the figure is the
// server's answer time and not this bench's own event loop, busy with a thousand sockets.
const [url, durationMs] = [process.argv[2], Number(process.argv[3])];
const times = [];
const stopAt = performance.now() + durationMs;
while (performance.now() < stopAt) {
  const start = performance.now();
  try {
    const response = await fetch(`${url}/time`);
    await response.arrayBuffer();
    times.push(performance.now() - start);
  } catch {
    times.push(Infinity);
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
}
process.send?.(times);
