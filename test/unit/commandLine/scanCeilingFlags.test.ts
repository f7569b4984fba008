import assert from 'node:assert/strict';
import { MEMORY_USAGE, parseMemoryArgs } from '../../../src/commandLine/memory/memoryArgs';
import { PATTERNS_USAGE, parsePatternsArgs } from '../../../src/commandLine/patterns/patternsArgs';
import { budgetFor } from '../../../src/commandLine/scanCeilingFlags';

describe('CLI: --max-scans-per-second / --max-keys-per-second', () => {
  it('patterns: no ceiling by default, the flags set each one (separate or inline value)', () => {
    const plain = parsePatternsArgs(['--redis', 'redis://h']);
    assert.ok(plain.kind === 'run');
    assert.deepEqual(plain.args.ceilings, { maxScansPerSecond: 0, maxKeysPerSecond: 0 });
    const set = parsePatternsArgs(['--redis', 'redis://h', '--max-scans-per-second', '5', '--max-keys-per-second=2000', 'src']);
    assert.ok(set.kind === 'run');
    assert.deepEqual(set.args.ceilings, { maxScansPerSecond: 5, maxKeysPerSecond: 2000 });
    assert.deepEqual(set.args.paths, ['src']);
  });

  it('memory: the same flags, and a bad value is a usage error naming the flag', () => {
    const set = parseMemoryArgs(['--redis', 'redis://h', '--max-keys-per-second', '0', '--max-scans-per-second=3']);
    assert.ok(set.kind === 'run');
    assert.deepEqual(set.args.ceilings, { maxScansPerSecond: 3, maxKeysPerSecond: 0 });
    assert.throws(() => parseMemoryArgs(['--redis', 'redis://h', '--max-scans-per-second', '-1']), /--max-scans-per-second needs a value|--max-scans-per-second must be a whole number/);
    assert.throws(() => parseMemoryArgs(['--redis', 'redis://h', '--max-keys-per-second', '2.5']), /--max-keys-per-second must be a whole number, 0 for no ceiling/);
    assert.throws(() => parsePatternsArgs(['--redis', 'redis://h', '--max-scans-per-second=x']), /--max-scans-per-second must be a whole number/);
  });

  it('both --help texts name the flags, and 0 gives a budget without a ceiling', () => {
    for (const usage of [MEMORY_USAGE, PATTERNS_USAGE]) assert.match(usage, /--max-scans-per-second N[\s\S]*--max-keys-per-second N/);
    assert.deepEqual(budgetFor({ maxScansPerSecond: 0, maxKeysPerSecond: 0 }).options, {});
    assert.deepEqual(budgetFor({ maxScansPerSecond: 5, maxKeysPerSecond: 0 }).options, { maxScansPerSecond: 5 });
  });
});
