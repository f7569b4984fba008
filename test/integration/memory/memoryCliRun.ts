import { runMemoryCli } from '../../../src/commandLine/memory/runMemoryCli';

/** Runs the `memory` subcommand in process, capturing what it writes to stdout and stderr. */
export async function runMemory(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runMemoryCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
