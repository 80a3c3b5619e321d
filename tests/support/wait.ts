// Waiting for something a background job does: polls until `check` answers
// truthy, or fails with `what` after the timeout.
export async function waitFor<T>(what: string, check: () => Promise<T> | T, { timeoutMs = 10_000, everyMs = 50 } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
