// A burst of change events (a full room voting: 1,800 in seconds) must not become 1,800 reloads of the
// decision. A coalesced task runs at most once at a time, starting on the next frame; calls made while it
// waits or runs fold into one more run afterwards, so the screen always ends up current.
export function coalesce(task: () => Promise<void>, nextFrame: (run: () => void) => void = (run) => requestAnimationFrame(() => run())): () => void {
  let scheduled = false;
  let running = false;
  let again = false;
  const start = () => {
    scheduled = false;
    running = true;
    void task()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          schedule();
        }
      });
  };
  function schedule(): void {
    if (running) {
      again = true;
      return;
    }
    if (scheduled) return;
    scheduled = true;
    nextFrame(start);
  }
  return schedule;
}
