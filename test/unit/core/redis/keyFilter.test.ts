import assert from 'node:assert/strict';
import {
  describeKeyFilter,
  escapeGlob,
  KeyFilterError,
  looksLikeGlob,
  parseKeyFilter,
  patternInMode,
  prefixGlob,
  scanPlanFor,
  selectionWithin,
} from '../../../../src/core/redis/keyspace/keyFilter';

const b = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('key filter', () => {
  describe('escapeGlob', () => {
    it('escapes every glob metacharacter: * ? [ ] \\', () => {
      assert.equal(escapeGlob(b('a*b?c[d]e\\f')).toString('latin1'), 'a\\*b\\?c\\[d\\]e\\\\f');
    });
    it('leaves other bytes (binary included) alone', () => {
      const key = Buffer.of(0x00, 0xff, 0x3a, 0x5e, 0x2d);
      assert.deepEqual(escapeGlob(key), key);
    });
    it('builds a prefix MATCH: escaped prefix plus *', () => {
      assert.equal(prefixGlob(b('user[1]:')).toString('latin1'), 'user\\[1\\]:*');
      assert.equal(prefixGlob(b('')).toString('latin1'), '*');
    });
  });

  describe('parseKeyFilter', () => {
    it('treats an empty filter as no filter', () => {
      assert.deepEqual(parseKeyFilter('').pattern, { kind: 'all' });
    });
    it('treats plain text as exact key or prefix, never as a glob', () => {
      const filter = parseKeyFilter('user:42');
      assert.equal(filter.pattern.kind, 'prefix');
      assert.equal(filter.pattern.kind === 'prefix' && filter.pattern.prefix.toString(), 'user:42');
    });
    it('reads display escapes in plain text, so a copied binary key name works', () => {
      const filter = parseKeyFilter('bin:\\xff\\x00');
      assert.deepEqual(filter.pattern.kind === 'prefix' && filter.pattern.prefix, Buffer.of(0x62, 0x69, 0x6e, 0x3a, 0xff, 0x00));
    });
    it('recognises globs only by unescaped * ? [', () => {
      assert.equal(looksLikeGlob('user:*'), true);
      assert.equal(looksLikeGlob('user:?'), true);
      assert.equal(looksLikeGlob('user:[ab]'), true);
      assert.equal(looksLikeGlob('user:]'), false);
      assert.equal(looksLikeGlob('a\\*b'), false);
      assert.equal(parseKeyFilter('user:]').pattern.kind, 'prefix');
    });
    it('reads \\* \\? \\[ \\] in plain text as literal characters', () => {
      const filter = parseKeyFilter('a\\*b\\?\\[c\\]\\\\x');
      assert.deepEqual(filter.pattern.kind === 'prefix' && filter.pattern.prefix, b('a*b?[c]\\x'));
    });
    it('keeps glob escapes and turns display escapes into (escaped) bytes', () => {
      const filter = parseKeyFilter('a\\*b*\\x2a\\xff\\n');
      assert.equal(filter.pattern.kind, 'glob');
      const bytes = filter.pattern.kind === 'glob' ? filter.pattern.pattern : Buffer.alloc(0);
      assert.deepEqual(bytes, Buffer.concat([b('a\\*b*'), b('\\*'), Buffer.of(0xff, 0x0a)]));
    });
    it('accepts core and module type names and rejects anything else', () => {
      assert.equal(parseKeyFilter('', 'hash').type, 'hash');
      assert.equal(parseKeyFilter('', 'ReJSON-RL').type, 'ReJSON-RL');
      assert.equal(parseKeyFilter('', '  ').type, undefined);
      assert.throws(() => parseKeyFilter('', 'hash list'), (e: unknown) => e instanceof KeyFilterError && e.message.includes('string, list, set'));
    });
    it('reports a bad escape with the filter text and a hint', () => {
      assert.throws(() => parseKeyFilter('a\\q'), (e: unknown) => e instanceof KeyFilterError && e.message.includes('\\q'));
      assert.throws(() => parseKeyFilter('a*\\x4'), (e: unknown) => e instanceof KeyFilterError && e.message.includes('two hex digits'));
    });
    it('describes itself for the view', () => {
      assert.equal(describeKeyFilter(parseKeyFilter('')), 'all keys');
      assert.equal(describeKeyFilter(parseKeyFilter('user:', 'hash')), 'prefix "user:" · type hash');
      assert.equal(describeKeyFilter(parseKeyFilter('a\\*b*')), 'glob "a\\*b*"');
    });
  });

  describe('scanPlanFor', () => {
    const root = Buffer.alloc(0);
    it('scans the top level without MATCH and a folder with MATCH folder*', () => {
      assert.deepEqual(scanPlanFor(parseKeyFilter(''), root), { scope: root });
      assert.deepEqual(scanPlanFor(parseKeyFilter(''), b('a*b:')), { match: b('a\\*b:*'), scope: b('a*b:') });
    });
    it('scans the filter prefix for folders above it, and the folder itself below it', () => {
      const filter = parseKeyFilter('user:4');
      assert.deepEqual(scanPlanFor(filter, root), { match: b('user:4*'), scope: root });
      assert.deepEqual(scanPlanFor(filter, b('user:')), { match: b('user:4*'), scope: root });
      assert.deepEqual(scanPlanFor(filter, b('user:42:')), { match: b('user:42:*'), scope: b('user:42:') });
    });
    it('shares one root scan for a glob', () => {
      const filter = parseKeyFilter('*:name');
      assert.deepEqual(scanPlanFor(filter, b('user:1:')), { match: b('*:name'), scope: root });
    });
  });

  describe('patternInMode (Delete Keys Matching…)', () => {
    it('reads a copied key name literally in exact mode, so * and ?a never become globs', () => {
      assert.deepEqual(patternInMode('*', 'exact'), { kind: 'prefix', prefix: b('*') });
      assert.deepEqual(patternInMode('?a', 'exact'), { kind: 'prefix', prefix: b('?a') });
      assert.equal(prefixGlob(b('?a')).toString('latin1'), '\\?a*');
      assert.deepEqual(patternInMode('bin:\\xff', 'exact'), { kind: 'prefix', prefix: Buffer.of(0x62, 0x69, 0x6e, 0x3a, 0xff) });
    });
    it('reads a glob in glob mode', () => {
      assert.deepEqual(patternInMode('user:*', 'glob'), { kind: 'glob', pattern: b('user:*') });
    });
    it('refuses empty text with a sentence', () => {
      assert.throws(() => patternInMode('', 'exact'), KeyFilterError);
    });
  });

  describe('selectionWithin: a folder (or typed pattern) as the filtered tree shows it', () => {
    const prefix = (text: string) => ({ kind: 'prefix' as const, prefix: b(text) });
    it('without a filter, scans the pattern alone', () => {
      const s = selectionWithin(prefix('session:'), parseKeyFilter(''));
      assert.equal(s.match.toString(), 'session:*');
      assert.equal(s.keep, undefined);
    });
    it('with a prefix filter, scans the longer of two nested prefixes', () => {
      assert.equal(selectionWithin(prefix('session:'), parseKeyFilter('session:a')).match.toString(), 'session:a*');
      assert.equal(selectionWithin(prefix('session:a:'), parseKeyFilter('session:')).match.toString(), 'session:a:*');
    });
    it('with a glob filter, checks each key against the filter as Redis would', () => {
      const s = selectionWithin(prefix('session:'), parseKeyFilter('*:x'));
      assert.equal(s.match.toString(), 'session:*');
      assert.ok(s.keep?.(b('session:1:x')));
      assert.ok(!s.keep?.(b('session:1:y')));
    });
    it('with unrelated prefixes, keeps nothing', () => {
      const s = selectionWithin(prefix('a:'), parseKeyFilter('b:'));
      assert.ok(!s.keep?.(b('a:1')));
    });
    it('carries the type filter to SCAN TYPE', () => {
      assert.equal(selectionWithin(prefix('a:'), parseKeyFilter('', 'hash')).type, 'hash');
    });
  });
});
