#!/usr/bin/env node
/** Entry of dist/cli.js — the CI linter. See src/commandLine/lint/runCli.ts and docs/rules.md ("In CI"). */
import { version } from '../package.json';
import { EXIT_USAGE, runCli } from './commandLine/lint/runCli';
import { runMemoryCli } from './commandLine/memory/runMemoryCli';

const argv = process.argv.slice(2);
const io = { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text) };
// `memory` has its own folder (src/commandLine/memory/); everything else is the linter's.
(argv[0] === 'memory' ? Promise.resolve().then(() => runMemoryCli(argv.slice(1), io)) : runCli(argv, { ...io, cwd: process.cwd(), version })).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`redis-specialist: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
