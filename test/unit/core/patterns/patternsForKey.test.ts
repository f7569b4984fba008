import * as assert from 'node:assert/strict';
import type { KeySite } from '../../../../src/core/analysis';
import { buildPatterns } from '../../../../src/core/patterns/patternIndex';
import { patternsForKey } from '../../../../src/core/patterns/patternsForKey';

const site = (template: string): KeySite & { file: string } => ({ file: 'a.ts', template, command: 'GET', access: 'read', type: 'string', ttl: null, confidence: 'certain', line: 0, column: 0, offset: 0, endOffset: 1 });

describe('Find in Code: the patterns of a key or a folder', () => {
  const patterns = buildPatterns(['session:{id}', 'session:{id}:meta', 'cache:user:{userId}:profile', '{tenant}:orders', 'fixed'].map(site));
  const names = (what: { key: Buffer } | { prefix: Buffer }): string[] => patternsForKey(patterns, what).map((p) => p.pattern);

  it('a key: the most specific pattern that matches it, as the live classification decides', () => {
    assert.deepEqual(names({ key: Buffer.from('session:1') }), ['session:{id}']);
    assert.deepEqual(names({ key: Buffer.from('session:1:meta') }), ['session:{id}:meta']);
    assert.deepEqual(names({ key: Buffer.from('acme:orders') }), ['{tenant}:orders']);
    assert.deepEqual(names({ key: Buffer.from('other') }), []);
  });

  it('a folder: patterns whose fixed start lies inside it, or leads into it with a variable part after', () => {
    assert.deepEqual(names({ prefix: Buffer.from('session:') }), ['session:{id}', 'session:{id}:meta', '{tenant}:orders']);
    assert.deepEqual(names({ prefix: Buffer.from('cache:') }), ['cache:user:{userId}:profile', '{tenant}:orders']);
    assert.deepEqual(names({ prefix: Buffer.from('cache:user:7:') }), ['cache:user:{userId}:profile', '{tenant}:orders']);
    assert.deepEqual(names({ prefix: Buffer.from('fixed:') }), ['{tenant}:orders']);
  });
});
