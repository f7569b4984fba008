/** Runs a benchmark's `run()` when its file is started directly (`tsx bench/x.ts`), not when bench/index.ts imports it. */
export function runWhenMain(mod: NodeModule, run: () => Promise<void>): void {
  if (require.main !== mod) return;
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
