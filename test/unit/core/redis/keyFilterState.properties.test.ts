import assert from 'node:assert/strict';
import { describeKeyFilter, isFiltered, parseKeyFilter } from '../../../../src/core/redis/keyspace/keyFilter';

describe('key filter state, stated as properties', () => {
  it('a tree is filtered exactly when it has a name pattern or a type, and the description names each part', () => {
    for (const text of ['', 'user:', 'user:*', 'user:\\xff']) {
      for (const type of [undefined, 'hash']) {
        const filter = parseKeyFilter(text, type);
        assert.equal(isFiltered(filter), text !== '' || type !== undefined, `${text} ${type}`);
        const parts = [text === '' ? undefined : `${text.includes('*') ? 'glob' : 'prefix'} "${text}"`, type && `type ${type}`].filter(Boolean);
        assert.equal(describeKeyFilter(filter), parts.length ? parts.join(' · ') : 'all keys', `${text} ${type}`);
      }
    }
  });

  it('a filter built without its typed text is described from its bytes', () => {
    assert.equal(describeKeyFilter({ pattern: { kind: 'prefix', prefix: Buffer.from('a\xff', 'latin1') } }), 'prefix "a\\xff"');
    assert.equal(describeKeyFilter({ pattern: { kind: 'glob', pattern: Buffer.from('a\\*b*') } }), 'glob "a\\*b*"');
  });
});
