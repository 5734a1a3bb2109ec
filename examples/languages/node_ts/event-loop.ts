// What "single-threaded event loop" means in practice: one slow synchronous function delays every timer.

// --8<-- [start:loop]
function busyWait(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // CPU-bound work (hashing, big JSON, a tight loop) never yields to the event loop
  }
}

async function measureTimerDelay(blockFor: number): Promise<number> {
  const scheduled = Date.now();
  const fired = new Promise<number>((resolve) => setTimeout(() => resolve(Date.now() - scheduled), 10));
  busyWait(blockFor); // runs to completion before the 10 ms timer callback can run
  return fired;
}

const quiet = await measureTimerDelay(0);
const blocked = await measureTimerDelay(300);
console.log(JSON.stringify({ quiet, blocked }));
// --8<-- [end:loop]
