import assert from 'node:assert/strict';
import { globMatches } from '../../../../src/core/redis/keyspace/globMatch';

const m = (pattern: string, key: string): boolean => globMatches(Buffer.from(pattern, 'latin1'), Buffer.from(key, 'latin1'));

describe('globMatches (Redis stringmatchlen on bytes)', () => {
  it('matches literals, ? and *', () => {
    assert.ok(m('user:1', 'user:1'));
    assert.ok(!m('user:1', 'user:10'));
    assert.ok(m('user:?', 'user:7'));
    assert.ok(!m('user:?', 'user:'));
    assert.ok(m('user:*', 'user:'));
    assert.ok(m('*:session', 'a:b:session'));
    assert.ok(!m('*:session', 'a:b:sessions'));
    assert.ok(m('a**b', 'ab'));
    assert.ok(m('*', ''));
  });
  it('matches classes, ranges and negation', () => {
    assert.ok(m('k[abc]', 'kb'));
    assert.ok(!m('k[abc]', 'kd'));
    assert.ok(m('k[a-c]', 'kc'));
    assert.ok(m('k[c-a]', 'kb'), 'a reversed range as Redis reads it');
    assert.ok(m('k[^a-c]', 'kd'));
    assert.ok(!m('k[^a-c]', 'ka'));
    assert.ok(m('k[\\]]', 'k]'));
  });
  it('treats escaped metacharacters as literals', () => {
    assert.ok(m('\\*', '*'));
    assert.ok(!m('\\*', 'a'));
    assert.ok(m('\\?a', '?a'));
    assert.ok(!m('\\?a', 'ba'));
  });
  it('compares bytes, not characters', () => {
    assert.ok(globMatches(Buffer.of(0xff, 0x2a), Buffer.of(0xff, 0x00, 0x01)));
    assert.ok(!globMatches(Buffer.of(0xfe, 0x2a), Buffer.of(0xff)));
  });
});
