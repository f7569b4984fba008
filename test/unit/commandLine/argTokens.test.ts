import assert from 'node:assert/strict';
import { argTokens } from '../../../src/commandLine/argTokens';
import { parsePatternsArgs } from '../../../src/commandLine/patterns/patternsArgs';
import { parseMemoryArgs } from '../../../src/commandLine/memory/memoryArgs';

const usage = (message: string): Error => new Error(`usage: ${message}`);

/** Reads every token, taking a value for the flags in `withValue`, and `--` ends the flags. */
function read(argv: string[], withValue: string[]): string[] {
  const out: string[] = [];
  for (const token of argTokens(argv, usage)) {
    if (token.flag === '--') out.push(`rest:${token.rest().join(',')}`);
    else if (withValue.includes(token.flag)) out.push(`${token.flag}=${token.value()}`);
    else out.push(`${token.arg}${token.inline === undefined ? '' : ' (inline)'}`);
  }
  return out;
}

describe('command-line arguments (every dist/cli.js subcommand)', () => {
  it('reads a value inline or from the next argument, and consumes it', () => {
    assert.deepEqual(read(['--format', 'json', '--top=5', 'src'], ['--format', '--top']), ['--format=json', '--top=5', 'src']);
  });

  it('refuses a flag whose value is missing or is another flag, naming the flag', () => {
    assert.throws(() => read(['--format'], ['--format']), /usage: --format needs a value/);
    assert.throws(() => read(['--format', '--top', '5'], ['--format', '--top']), /usage: --format needs a value/);
    // An inline value may start with dashes: the user wrote it on purpose.
    assert.deepEqual(read(['--redis=--odd'], ['--redis']), ['--redis=--odd']);
  });

  it('keeps an inline value visible to flags that take none, and hands over everything after --', () => {
    assert.deepEqual(read(['--fix=yes', '--', '--not-a-flag', 'b'], []), ['--fix=yes (inline)', 'rest:--not-a-flag,b']);
    assert.deepEqual(read(['-x=1'], []), ['-x=1'], 'a single-dash argument is never split');
  });

  it('is what the subcommands use: their own usage errors come out', () => {
    assert.throws(() => parsePatternsArgs(['--sample']), /--sample needs a value/);
    assert.throws(() => parseMemoryArgs(['--rdb']), /--rdb needs a value/);
  });
});
