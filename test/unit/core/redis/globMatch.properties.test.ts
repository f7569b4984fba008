import assert from 'node:assert/strict';
import { globMatches } from '../../../../src/core/redis/keyspace/globMatch';

/** Redis's `stringmatchlen` outcomes (each checked against redis-server 7.0's KEYS on a key of that name). */
const CASES: Array<[string, string, boolean]> = [
  ['**', 'abc', true], ['a**', 'a', true], ['a*b', 'ab', true], ['a*b', 'axxb', true], ['a*b', 'axxbc', false], ['*b', 'bbb', true], ['a*', 'b', false],
  ['?', '', false], ['?', 'a', true], ['??', 'a', false], ['a?', 'ab', true], ['a', 'ab', false], ['ab', 'a', false],
  ['[abc]', 'b', true], ['[abc]', 'd', false], ['[^abc]', 'd', true], ['[^abc]', 'a', false], ['[a-c]', 'b', true], ['[c-a]', 'b', true], ['[a-c]', 'd', false], ['[a-c]', 'c', true], ['[a-c]', 'a', true],
  ['[a-]', '-', false], ['[a-]', 'a', true], ['[a-]', 'b', false], ['[-a]', '-', true], ['[\\]]', ']', true], ['[\\a]', 'a', true], ['[a\\-c]', 'b', false], ['[a\\-c]', '-', true],
  ['[abc', 'a', true], ['[abc', 'ab', false], ['x[ab', 'xb', true], ['[', 'a', false], ['[]', 'a', false], ['[a]b', 'ab', true], ['[a]b', 'a', false],
  ['\\*', '*', true], ['\\*', 'a', false], ['a\\', 'a\\', true], ['\\', '\\', true], ['*[ab]', 'xxb', true], ['*?', '', false],
];

describe('glob matching, stated against Redis', () => {
  it('matches what redis-server matches for every pattern shape', () => {
    for (const [pattern, key, expected] of CASES) {
      assert.equal(globMatches(Buffer.from(pattern, 'latin1'), Buffer.from(key, 'latin1')), expected, `${pattern} ~ ${JSON.stringify(key)}`);
    }
  });
});
