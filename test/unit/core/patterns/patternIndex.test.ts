import * as assert from 'node:assert/strict';
import type { KeySite } from '../../../../src/core/analysis';
import { PatternIndex, buildPatterns, type PatternSite } from '../../../../src/core/patterns/patternIndex';

function site(file: string, line: number, template: string, command: string, extra: Partial<KeySite> = {}): PatternSite {
  const write = !['GET', 'HGET', 'EXISTS'].includes(command);
  const type = command.startsWith('H') ? 'hash' : ['DEL', 'EXPIRE', 'EXISTS'].includes(command) ? null : 'string';
  return { file, template, command, access: write ? 'write' : 'read', type, ttl: write && type ? 'none' : null, confidence: 'certain', line, column: 2, offset: 0, endOffset: 1, ...extra };
}

describe('pattern index: key sites merged into patterns', () => {
  it('merges sites by glob, names the pattern after the template most sites write, sorts sites by file and line', () => {
    const patterns = buildPatterns([
      site('src/b.ts', 4, 'session:{sessionId}', 'GET'),
      site('src/a.ts', 9, 'session:{id}', 'SET', { ttl: 'EX' }),
      site('src/a.ts', 2, 'session:{id}', 'DEL'),
      site('src/a.ts', 1, 'user:{id}:profile', 'HSET'),
    ]);
    assert.deepEqual(
      patterns.map((p) => [p.pattern, p.glob, p.sites.map((s) => `${s.file}:${s.line + 1}`), p.types, p.writtenWithoutTtl]),
      [
        ['session:{id}', 'session:*', ['src/a.ts:3', 'src/a.ts:10', 'src/b.ts:5'], ['string'], false],
        ['user:{id}:profile', 'user:*:profile', ['src/a.ts:2'], ['hash'], true],
      ],
    );
    assert.deepEqual(patterns.flatMap((p) => p.findings), []);
  });

  it('a pattern whose sites disagree on the TTL is a finding; so is one written as two types', () => {
    const [pattern] = buildPatterns([
      site('src/a.ts', 0, 'cart:{id}', 'SET', { ttl: 'EX' }),
      site('src/b.ts', 6, 'cart:{id}', 'SET'),
      site('src/c.ts', 1, 'cart:{id}', 'HGET'),
      site('src/c.ts', 2, 'cart:{id}', 'EXPIRE', { ttl: 'EXPIRE' }),
    ]);
    assert.deepEqual(
      pattern.findings.map((f) => [f.kind, f.message, f.sites.map((s) => `${s.file}:${s.line + 1}`)]),
      [
        ['ttl-disagreement', 'cart:{id}: written with a TTL at 1 site but without one at 1 (SET at src/b.ts:7); keys written there never expire.', ['src/b.ts:7', 'src/a.ts:1']],
        ['type-mismatch', 'cart:{id}: sites use the keys as different types: hash (HGET at src/c.ts:2), string (SET at src/a.ts:1, SET at src/b.ts:7); one of them fails with WRONGTYPE.', ['src/a.ts:1', 'src/b.ts:7', 'src/c.ts:2']],
      ],
    );
  });

  it('collection writes without TTL next to SETs with one, and KEEPTTL, are not TTL disagreements', () => {
    const [pattern] = buildPatterns([site('a.ts', 0, 'q:{id}', 'SET', { ttl: 'EX' }), site('a.ts', 1, 'q:{id}', 'SET', { ttl: 'KEEPTTL' }), site('a.ts', 2, 'q:{id}', 'INCR')]);
    assert.deepEqual(pattern.findings, []);
  });

  it('is incremental per file: re-indexing one file replaces its sites, an unchanged file changes nothing', () => {
    const index = new PatternIndex();
    index.setFile('a.ts', [site('a.ts', 0, 'x:{id}', 'GET')]);
    index.setFile('b.ts', [site('b.ts', 0, 'x:{id}', 'SET'), site('b.ts', 3, 'y:{id}', 'SET')]);
    assert.deepEqual(index.patterns().map((p) => [p.pattern, p.sites.length]), [['x:{id}', 2], ['y:{id}', 1]]);
    const version = index.version;
    index.setFile('a.ts', [site('a.ts', 0, 'x:{id}', 'GET')]);
    assert.equal(index.version, version);
    index.setFile('b.ts', [site('b.ts', 0, 'x:{id}', 'SET')]);
    assert.deepEqual(index.patterns().map((p) => [p.pattern, p.sites.length]), [['x:{id}', 2]]);
    assert.deepEqual(index.patternsAt('b.ts', 0).map((p) => p.pattern), ['x:{id}']);
    index.removeFile('a.ts');
    assert.deepEqual(index.patterns().map((p) => [p.pattern, p.sites.map((s) => s.file)]), [['x:{id}', ['b.ts']]]);
    assert.equal(index.fileCount, 1);
  });
});
