import assert from 'node:assert/strict';
import { compileTemplate, PatternClassifier, TemplateMatcher } from '../../../../src/core/patterns/patternMatcher';
import { globMatches } from '../../../../src/core/redis/keyspace/globMatch';

const counter = { create: () => ({ keys: 0 }), merge: (into: { keys: number }, from: { keys: number }) => void (into.keys += from.keys) };

describe('patternMatcher', () => {
  it('turns {…} parts into * and escapes literal glob characters', () => {
    assert.equal(compileTemplate('session:{id}').glob, 'session:*');
    assert.equal(compileTemplate('cache:user:{userId}:profile').glob, 'cache:user:*:profile');
    assert.equal(compileTemplate('{tenant}:orders').glob, '*:orders');
    assert.equal(compileTemplate('{?}').glob, '*');
    assert.equal(compileTemplate('odd*[x]?\\:{id}').glob, 'odd\\*\\[x\\]\\?\\\\:*');
    assert.equal(compileTemplate('fixed').glob, 'fixed');
  });

  it('refuses unbalanced braces in one sentence', () => {
    assert.throws(() => compileTemplate('user:{id'), /Key pattern "user:\{id" has a "\{" without a "\}" at position 6\./);
    assert.throws(() => compileTemplate('user:{a{b}'), /without a "\}"/);
    assert.throws(() => compileTemplate('user:id}'), /has a "\}" without a "\{" at position 8\./);
  });

  it('matches exactly the keys its glob matches, as the server would', () => {
    const templates = ['session:{id}', 'cache:user:{userId}:profile', '{tenant}:orders', 'a{x}b{y}b', 'odd*[x]?\\:{id}', 'fixed', 'é:{id}'];
    const keys = ['session:1', 'session:', 'session', 'cache:user:7:profile', 'cache:user::profile', 'cache:user:7:profilex', 'acme:orders', ':orders', 'orders', 'abb', 'ab', 'axbyb', 'abxb', 'odd*[x]?\\:9', 'oddX[x]?\\:9', 'fixed', 'fixedx', 'é:1', 'e:1'];
    for (const template of templates) {
      const compiled = compileTemplate(template);
      const alone = new TemplateMatcher([template]);
      for (const key of keys) {
        const expected = globMatches(Buffer.from(compiled.glob), Buffer.from(key));
        assert.equal(alone.match(key)?.template === template, expected, `${template} vs ${key}`);
      }
    }
  });

  it('gives a key to the most specific template, ties broken the same way whatever the order', () => {
    const templates = ['{tenant}:orders', 'acme:{what}', 'cache:{?}', 'cache:user:{id}', 'cache:user:{id}:profile', 'x:{a}:{b}', 'x:{a}', 'y:{a}{b}', 'y:{a}'];
    const forward = new TemplateMatcher(templates);
    const backward = new TemplateMatcher([...templates].reverse());
    const expectations: [string, string | undefined][] = [
      ['acme:orders', '{tenant}:orders'], // 7 literal bytes against 5
      ['acme:books', 'acme:{what}'],
      ['cache:user:1:profile', 'cache:user:{id}:profile'],
      ['cache:user:1', 'cache:user:{id}'],
      ['cache:page', 'cache:{?}'],
      ['x:1:2', 'x:{a}:{b}'], // 3 literal bytes against 2
      ['y:1', 'y:{a}'], // same literals as y:{a}{b}, fewer variable parts
      ['other', undefined],
    ];
    for (const [key, template] of expectations) {
      assert.equal(forward.match(key)?.template, template, key);
      assert.equal(backward.match(Buffer.from(key))?.template, template, key);
    }
  });

  it('matches binary key names byte for byte', () => {
    const matcher = new TemplateMatcher(['bin:{id}:x']);
    assert.equal(matcher.match(Buffer.of(0x62, 0x69, 0x6e, 0x3a, 0xff, 0x00, 0x3a, 0x78))?.template, 'bin:{id}:x');
    assert.equal(matcher.match(Buffer.of(0x62, 0x69, 0x6e, 0x3a, 0xff)), undefined);
  });

  it('classifies every key once: templates first, then inferred patterns', () => {
    const classifier = new PatternClassifier(['session:{id}'], counter);
    const keys = ['session:1', 'session:2', 'user:1:profile', 'user:2:profile', 'user:3:profile'];
    for (const key of keys) classifier.classify(Buffer.from(key)).keys++;
    const patterns = classifier.patterns().map(({ pattern, glob, inferred, stats }) => ({ pattern, glob, inferred, keys: stats.keys }));
    assert.deepEqual(patterns, [
      { pattern: 'session:{id}', glob: 'session:*', inferred: false, keys: 2 },
      { pattern: 'user:*:profile', glob: undefined, inferred: true, keys: 3 },
    ]);
  });

  it('lists a template without keys, and the same template once', () => {
    const classifier = new PatternClassifier(['a:{x}', 'a:{x}', 'b:{y}'], counter);
    assert.deepEqual(classifier.patterns().map((p) => [p.pattern, p.stats.keys]), [['a:{x}', 0], ['b:{y}', 0]]);
  });
});
