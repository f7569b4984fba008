import assert from 'node:assert/strict';
import { inferPatterns, PatternInferrer } from '../../../../src/core/patterns/inferPatterns';
import { looksVariable, splitKeyName } from '../../../../src/core/patterns/segmentShape';

const names = (list: string[]): { name: string }[] => list.map((name) => ({ name }));
const patternsOf = (list: string[], options = {}): string[] => inferPatterns(names(list), options).map((p) => p.pattern).sort();

describe('inferPatterns', () => {
  it('turns numbers, UUIDs, hex ids, dates and tokens into * and keeps words', () => {
    for (const variable of ['42', '-7', '3.14', '550e8400-e29b-41d4-a716-446655440000', '5f2b6c9e1a3d4e7f8a9b0c1d', '2024-05-01', '2024-05-01T10:20:30Z', 'dGhpcyBpcyBhIHRva2VuMTIz']) {
      assert.equal(looksVariable(variable), true, variable);
    }
    for (const word of ['user', 'session', 'profile', 'deadbeefcafe', 'v2', '']) assert.equal(looksVariable(word), false, word);
  });

  it('groups by the delimiter each key uses', () => {
    assert.deepEqual(splitKeyName('a:b:c'), ['a', ':b', ':c']);
    assert.deepEqual(splitKeyName('img/2024/x.png'), ['img', '/2024', '/x.png']);
    assert.deepEqual(splitKeyName('plain'), ['plain']);
    assert.deepEqual(patternsOf(['user:1:profile', 'user:2:profile', 'assets/7/thumb', 'assets/8/thumb']), ['assets/*/thumb', 'user:*:profile']);
  });

  it('collapses many distinct literal siblings to *, merging their statistics', () => {
    const list = Array.from({ length: 25 }, (_, i) => `orphan:x${i + 1}`);
    const result = inferPatterns(list.map((name) => ({ name, weight: 10 })));
    assert.deepEqual(result, [{ pattern: 'orphan:*', keys: 25, weight: 250 }]);
  });

  it('keeps a few literal siblings apart and never puts * inside a segment', () => {
    const result = patternsOf(['cache:page:home', 'cache:page:about', 'cache:user:9', 'cache:user:10']);
    assert.deepEqual(result, ['cache:page:about', 'cache:page:home', 'cache:user:*']);
    for (const pattern of patternsOf(Array.from({ length: 40 }, (_, i) => `job:run${i}:log`))) {
      assert.ok(pattern.split(':').every((segment) => segment === '*' || !segment.includes('*')), pattern);
    }
  });

  it('collapses subtrees too: deeper patterns of merged siblings meet under *', () => {
    const list = Array.from({ length: 30 }, (_, i) => [`tenant:t${i}:orders`, `tenant:t${i}:cart:${i}`]).flat();
    assert.deepEqual(patternsOf(list), ['tenant:*:cart:*', 'tenant:*:orders']);
  });

  it('counts each key in exactly one pattern', () => {
    const list = [...Array.from({ length: 100 }, (_, i) => `s:${i}`), ...Array.from({ length: 50 }, (_, i) => `q:name${i}:x`), 'lonely', 'a:b'];
    const total = inferPatterns(names(list)).reduce((sum, p) => sum + p.keys, 0);
    assert.equal(total, list.length);
  });

  it('stays within the node cap: further names fall into their deepest known prefix followed by *', () => {
    const inferrer = new PatternInferrer<{ keys: number }>({ create: () => ({ keys: 0 }), merge: (a, b) => void (a.keys += b.keys) }, { maxNodes: 10 });
    for (let i = 0; i < 1000; i++) inferrer.add(`ns${i}:leaf`).keys++;
    const patterns = inferrer.patterns();
    assert.ok(patterns.length <= 12, `${patterns.length} patterns`);
    assert.equal(patterns.reduce((sum, p) => sum + p.stats.keys, 0), 1000);
    assert.ok(patterns.some((p) => p.pattern === '*'));
  });

  it('sorts by weight, then count', () => {
    const result = inferPatterns([
      { name: 'small:1', weight: 1 },
      { name: 'small:2', weight: 1 },
      { name: 'big:1', weight: 100 },
    ]);
    assert.deepEqual(result.map((p) => p.pattern), ['big:*', 'small:*']);
  });
});
