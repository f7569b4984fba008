import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

export function range(count: number): number[] {
  return Array.from({ length: count }, (_unused, index) => index);
}

/** Polls until `check` is true; fails with `what` when the deadline passes (a hang guard, not a timing assertion). */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await sleep(20);
  }
}

/** A promise that never settles: a handler that "hangs" because its process was killed. */
export function never(): Promise<never> {
  return new Promise<never>(() => undefined);
}
