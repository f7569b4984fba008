import assert from 'node:assert/strict';
import { PASSWORD_ENV, withPasswordFromEnv } from '../../../src/commandLine/passwordFromEnv';

describe('REDISCLI_AUTH (a password kept out of the command line)', () => {
  it('gives the data node its password when the URL and flags give none', () => {
    assert.deepEqual(withPasswordFromEnv({}, { [PASSWORD_ENV]: 's3cret' }), { password: 's3cret' });
    assert.deepEqual(withPasswordFromEnv({ sentinelPassword: 'sp' }, { [PASSWORD_ENV]: 's3cret' }), { sentinelPassword: 'sp', password: 's3cret' });
  });

  it('a password given on the command line or in the URL wins, and an empty variable is none', () => {
    assert.deepEqual(withPasswordFromEnv({ password: 'url' }, { [PASSWORD_ENV]: 'env' }), { password: 'url' });
    assert.deepEqual(withPasswordFromEnv({}, { [PASSWORD_ENV]: '' }), {});
    assert.deepEqual(withPasswordFromEnv({}, {}), {});
  });
});
