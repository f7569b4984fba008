import assert from 'node:assert/strict';
import { connectionIdOfUri } from '../../../src/connections/connectionIdOf';

describe('connectionIdOfUri: which connection an editor belongs to', () => {
  it('reads key editor and value document URIs', () => {
    assert.equal(connectionIdOfUri({ scheme: 'redis-key', query: 'connection=abc&db=0&key=eA' }), 'abc');
    assert.equal(connectionIdOfUri({ scheme: 'redis-value', query: 'connection=x-1&db=2&key=eA%3D%3D' }), 'x-1');
  });
  it('ignores other schemes and URIs without a connection', () => {
    assert.equal(connectionIdOfUri({ scheme: 'file', query: 'connection=abc' }), undefined);
    assert.equal(connectionIdOfUri({ scheme: 'redis-key', query: 'db=0' }), undefined);
    assert.equal(connectionIdOfUri(undefined), undefined);
  });
});
