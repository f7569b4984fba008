import * as assert from 'node:assert/strict';
import type { KeySite } from '../../../../src/core/analysis';
import type { LivePatternReport, LivePatternStats } from '../../../../src/core/patterns/livePatternStats';
import { buildPatterns } from '../../../../src/core/patterns/patternIndex';
import { dataFindings, inferredGlob, patternRows, sortRows } from '../../../../src/core/patterns/patternReport';

function site(template: string, command: string, ttl: KeySite['ttl'], type: string | null = 'string'): KeySite & { file: string } {
  return { file: 'src/a.ts', template, command, access: ttl === null ? 'read' : 'write', type, ttl, confidence: 'certain', line: 4, column: 0, offset: 0, endOffset: 1 };
}

function live(pattern: string, keys: number, withTtl: number, typesSeen: Record<string, number>, inferred = false): LivePatternStats {
  return { pattern, inferred, keys, keysExact: true, sampled: keys, withTtl, memoryBytes: keys * 100, memoryErrorBytes: 0, memoryEstimatedKeys: 0, typesSeen, examples: [] };
}

function report(patterns: LivePatternStats[]): LivePatternReport {
  return { patterns, totalKeys: patterns.reduce((n, p) => n + p.keys, 0), complete: true, sampleSize: 200, nodes: [] };
}

describe('pattern report: code patterns next to live keys', () => {
  const code = buildPatterns([site('session:{id}', 'SET', 'none'), site('cart:{id}', 'SET', 'EX'), site('user:{id}', 'HSET', 'EXPIRE', 'hash')]);
  const data = report([live('session:{id}', 1_200_000, 0, { string: 200 }), live('cart:{id}', 10, 2, { string: 10 }), live('user:{id}', 4, 4, { hash: 3, string: 1 }), live('orphan:*', 25, 0, { string: 25 }, true)]);

  it('one row per code pattern with its live stats, then the inferred patterns (with a glob that escapes glob characters)', () => {
    const rows = patternRows(code, data);
    assert.deepEqual(rows.map((r) => [r.pattern, r.glob, r.inferred, r.code?.sites.length ?? 0, r.live?.keys]), [
      ['cart:{id}', 'cart:*', false, 1, 10],
      ['session:{id}', 'session:*', false, 1, 1_200_000],
      ['user:{id}', 'user:*', false, 1, 4],
      ['orphan:*', 'orphan:*', true, 0, 25],
    ]);
    assert.equal(inferredGlob('a?[b]:*'), 'a\\?\\[b\\]:*');
    assert.deepEqual(sortRows(rows, 'noTtl').map((r) => r.pattern), ['session:{id}', 'orphan:*', 'cart:{id}', 'user:{id}']);
    assert.deepEqual(sortRows(rows, 'keys').map((r) => r.pattern), ['session:{id}', 'orphan:*', 'cart:{id}', 'user:{id}']);
  });

  it('findings that need both: keys written without TTL, a TTL most live keys lack, a type the code never writes', () => {
    assert.deepEqual(
      dataFindings(patternRows(code, data), 'staging').map((f) => [f.kind, f.message]),
      [
        ['ttl-missing-on-live-keys', 'cart:{id}: the code sets a TTL, but most live keys have none (10 keys on staging, 8 without a TTL, ≈ 1000 B); older code or another service writes them.'],
        ['live-keys-without-ttl', 'session:{id} is written without a TTL (SET at src/a.ts:5): 1,200,000 keys on staging, none with a TTL, ≈ 114 MiB.'],
        ['live-type-mismatch', 'user:{id}: the code uses it as hash, but staging holds string keys under it (1 of 4 sampled).'],
      ],
    );
  });
});
