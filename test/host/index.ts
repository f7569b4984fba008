import { appendFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/**
 * Entry point loaded by the VS Code extension host (code-server, or VS Code desktop through
 * @vscode/test-electron). Runs every bundled `*.test.js` next to this file and rejects when a
 * test fails, which the workbench turns into a non-zero exit code.
 */
export async function run(): Promise<void> {
  const resultsFile = process.env.REDIS_SPECIALIST_TEST_RESULTS;
  if (resultsFile) {
    // The extension host's stdout goes to code-server's log; write the report where the runner reads it.
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => appendFileSync(resultsFile, `${format(...args)}\n`);
  }
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.REDIS_SPECIALIST_HOST_GREP;
  if (grep) mocha.grep(grep);
  const files = listTests(__dirname);
  // An empty run would "pass": a broken bundle or a mistyped grep must fail loudly instead.
  if (files.length === 0) throw new Error(`No host test files (*.test.js) found under ${__dirname}; build them with \`node esbuild.mjs --tests\`.`);
  for (const file of files) mocha.addFile(file);
  await mocha.loadFilesAsync();
  let selected = 0;
  const failures = await new Promise<number>((resolve) => {
    selected = mocha.run(resolve).total;
  });
  if (selected === 0) throw new Error(`No host test matches REDIS_SPECIALIST_HOST_GREP=${JSON.stringify(grep)}.`);
  if (failures > 0) throw new Error(`${failures} host test(s) failed`);
}

function listTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.js'))
    .map((entry) => path.join(entry.parentPath ?? dir, entry.name))
    .sort();
}
