/**
 * Polls a condition (state, not time) until it holds; past the deadline it throws "timed out waiting for: <what>".
 * `what` may be a function, to say what was seen when it gave up rather than when it began.
 */
export async function until(what: string | (() => string | Promise<string>), check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${typeof what === 'string' ? what : await what()} (${timeoutMs} ms)`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
