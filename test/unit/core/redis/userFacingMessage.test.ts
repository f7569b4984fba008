import assert from 'node:assert/strict';
import { userFacingMessage } from '../../../../src/core/redis/connection/connectionErrors';

describe('userFacingMessage: what a user reads for any error', () => {
  it('turns raw client messages after a drop into the translator\'s sentence', () => {
    for (const raw of ["Stream isn't writeable and enableOfflineQueue options is false", 'Connection is closed.']) {
      const text = userFacingMessage(new Error(raw), { where: '127.0.0.1:6390' });
      assert.doesNotMatch(text, /Stream isn't writeable|enableOfflineQueue|Connection is closed\./);
      assert.match(text, /connection to 127\.0\.0\.1:6390 was lost/);
    }
  });
  it('reads plain strings too (errors already flattened to text)', () => {
    assert.match(userFacingMessage('connect ECONNREFUSED 127.0.0.1:1'), /Connection refused by 127\.0\.0\.1:1/);
  });
  it('leaves messages that are not about the connection as they are', () => {
    assert.equal(userFacingMessage(new Error('Run this command on a key in the Redis view.')), 'Run this command on a key in the Redis view.');
    assert.equal(userFacingMessage(new Error('WRONGTYPE Operation against a key holding the wrong kind of value')), 'WRONGTYPE Operation against a key holding the wrong kind of value');
  });
  it('never shows a secret', () => {
    assert.doesNotMatch(userFacingMessage(new Error('bad thing s3cret-pw'), { secrets: { password: 's3cret-pw' } }), /s3cret-pw/);
  });
});
