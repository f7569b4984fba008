#!/usr/bin/env node
/** Entry of dist/cli.js — the CI linter. See src/commandLine/lint/runCli.ts and docs/rules.md ("In CI"). */
import { parentPort, workerData } from 'node:worker_threads';
import { version } from '../package.json';
import { isLintShareWorker, runLintShare } from './commandLine/lint/lintShares';
import { EXIT_USAGE, runCli } from './commandLine/lint/runCli';
import { runMemoryCli } from './commandLine/memory/runMemoryCli';
import { runPatternsCli } from './commandLine/patterns/runPatternsCli';

const argv = process.argv.slice(2);
const io = { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text) };
// `memory` and `patterns` have their own folders (src/commandLine/…); everything else is the linter's.
const run = (): Promise<number> =>
  argv[0] === 'memory'
    ? runMemoryCli(argv.slice(1), io)
    : argv[0] === 'patterns'
      ? runPatternsCli(argv.slice(1), { ...io, cwd: process.cwd() })
      : // This bundle is also the script of the threads a large lint run is split across (lintShares.ts).
        runCli(argv, { ...io, cwd: process.cwd(), version, workerEntry: __filename });

if (parentPort && isLintShareWorker(workerData)) {
  const port = parentPort;
  void runLintShare(workerData, (reply) => port.postMessage(reply));
} else {
  Promise.resolve()
    .then(run)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (err: unknown) => {
        process.stderr.write(`redis-specialist: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        process.exitCode = EXIT_USAGE;
      },
    );
}
