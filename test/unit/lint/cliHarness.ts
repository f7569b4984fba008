/** Runs the linter in-process on throwaway workspaces, and builds the real bundle for one end-to-end run. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/commandLine/lint/runCli';

export function tempWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-lint-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/**
 * Call inside a `describe`: returns a `tempWorkspace` whose folders are removed after the suite.
 */
export function useTempWorkspaces(): (files: Record<string, string>) => string {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  return (files) => {
    const dir = tempWorkspace(files);
    dirs.push(dir);
    return dir;
  };
}

export async function lint(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), version: '9.9.9' });
  return { code, stdout, stderr };
}

export { bundleCli as buildCliBundle } from '../../../scripts/lib/bundleCli';
