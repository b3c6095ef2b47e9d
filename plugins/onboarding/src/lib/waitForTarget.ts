/** How long a step waits for its page to draw its target (lazy pages, fetches). */
export const TARGET_WAIT_MS = 10_000;
const POLL_MS = 100;

/**
 * Resolves true once `selector` matches an element, false after `timeoutMs`
 * (the step is then shown in the middle of the page) or when cancelled.
 */
export function waitForTarget(
  selector: string,
  timeoutMs = TARGET_WAIT_MS,
): { found: Promise<boolean>; cancel: () => void } {
  let cancel = () => {};
  const found = new Promise<boolean>(resolve => {
    const startedAt = Date.now();
    const check = () => document.querySelector(selector) !== null;
    if (check()) {
      resolve(true);
      return;
    }
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve(true);
      } else if (Date.now() - startedAt >= timeoutMs) {
        clearInterval(timer);
        resolve(false);
      }
    }, POLL_MS);
    cancel = () => {
      clearInterval(timer);
      resolve(false);
    };
  });
  return { found, cancel: () => cancel() };
}
