import * as assert from 'node:assert/strict';
import type { KeySite } from '../../../../src/core/analysis';
import { buildPatterns, type PatternSite } from '../../../../src/core/patterns/patternIndex';
import { collapseStars, isTooBroad, literalKeyOf, planPatternFolders } from '../../../../src/core/patterns/patternFolders';

function site(file: string, line: number, template: string, extra: Partial<KeySite> = {}): PatternSite {
  return { file, template, command: 'SET', access: 'write', type: 'string', ttl: 'none', confidence: 'certain', line, column: 2, offset: 0, endOffset: 1, ...extra };
}

function plan(sites: PatternSite[]): ReturnType<typeof planPatternFolders> {
  return planPatternFolders(buildPatterns(sites));
}

describe('pattern folders: which code patterns the key browser shows as folders', () => {
  it('one folder per pattern with its glob and call sites, ordered by label whatever the case', () => {
    const { folders, tooBroad } = plan([
      site('src/b.ts', 3, 'session:{id}'),
      site('src/a.ts', 7, 'session:{id}', { command: 'GET', access: 'read', ttl: null }),
      site('src/a.ts', 1, 'Audit:{day}'),
      site('src/a.ts', 2, 'cart:{id}', { command: 'HSET', type: 'hash' }),
      site('src/c.ts', 0, '{tenant}:orders', { command: 'RPUSH', type: 'list' }),
    ]);
    assert.deepEqual(
      folders.map((f) => [f.pattern, f.glob, f.sites.map((s) => `${s.file}:${s.line + 1}`)]),
      [
        ['Audit:{day}', 'Audit:*', ['src/a.ts:2']],
        ['cart:{id}', 'cart:*', ['src/a.ts:3']],
        ['session:{id}', 'session:*', ['src/a.ts:8', 'src/b.ts:4']],
        ['{tenant}:orders', '*:orders', ['src/c.ts:1']],
      ],
    );
    assert.deepEqual(tooBroad, []);
  });

  it('patterns whose literal text names nothing are no folders (they would list every key): unknown parts, delimiters only', () => {
    const { folders, tooBroad } = plan([site('a.ts', 0, '{?}'), site('a.ts', 1, '{a}:{b}'), site('a.ts', 2, ':{id}'), site('a.ts', 3, '{?}-{?}'), site('a.ts', 4, 'x{?}')]);
    assert.deepEqual(folders.map((f) => f.pattern), ['x{?}']);
    assert.deepEqual(tooBroad, [':{id}', '{?}', '{?}-{?}', '{a}:{b}']);
    assert.equal(isTooBroad('{?}'), true);
    assert.equal(isTooBroad('7:{id}'), false, 'a digit names something');
    assert.equal(isTooBroad('café:{id}'), false, 'so does a non-ASCII letter');
    assert.equal(isTooBroad('{unbalanced'), true, 'a template the browser cannot match is no folder');
  });

  it('patterns whose globs select the same keys are one folder, labelled after the one with the most sites', () => {
    const { folders } = plan([
      site('a.ts', 0, 'feed:{user}{page}'),
      site('a.ts', 1, 'feed:{id}'),
      site('b.ts', 1, 'feed:{id}'),
      site('c.ts', 5, 'feed:{user}{page}', { column: 0 }),
      site('c.ts', 5, 'feed:{x}', { column: 9 }),
    ]);
    assert.equal(folders.length, 1);
    assert.deepEqual([folders[0].pattern, folders[0].glob, folders[0].templates], ['feed:{id}', 'feed:*', ['feed:{id}', 'feed:{user}{page}', 'feed:{x}']]);
    assert.deepEqual(folders[0].sites.map((s) => `${s.file}:${s.line}:${s.column}`), ['a.ts:0:2', 'a.ts:1:2', 'b.ts:1:2', 'c.ts:5:0', 'c.ts:5:9']);
  });

  it('collapses runs of stars but keeps escaped ones: a literal star followed by a variable part is another glob', () => {
    assert.equal(collapseStars('a:**:b***'), 'a:*:b*');
    assert.equal(collapseStars('a\\**'), 'a\\**');
    assert.equal(collapseStars('a\\\\**'), 'a\\\\*', 'an escaped backslash does not escape the star after it');
    const { folders } = plan([site('a.ts', 0, 'lit*{id}'), site('a.ts', 1, 'lit{id}')]);
    assert.deepEqual(folders.map((f) => [f.pattern, f.glob]), [['lit*{id}', 'lit\\**'], ['lit{id}', 'lit*']]);
  });

  it('a template without a variable part names one key, looked up instead of scanned', () => {
    assert.deepEqual(literalKeyOf({ pattern: 'queue:emails' }), Buffer.from('queue:emails'));
    assert.deepEqual(literalKeyOf({ pattern: '\\{tag\\}:*' }), Buffer.from('{tag}:*'), 'escaped braces and glob characters are the key\'s own bytes');
    assert.equal(literalKeyOf({ pattern: 'queue:{name}' }), undefined);
  });

  it('no patterns, no folders', () => {
    assert.deepEqual(planPatternFolders([]), { folders: [], tooBroad: [] });
  });
});
