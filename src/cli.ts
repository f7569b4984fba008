#!/usr/bin/env node
/** Entry of dist/cli.js — the CI linter. See src/lint/runCli.ts and docs/rules.md ("In CI"). */
import { version } from '../package.json';
import { EXIT_USAGE, runCli } from './lint/runCli';

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  version,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`redis-specialist: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
