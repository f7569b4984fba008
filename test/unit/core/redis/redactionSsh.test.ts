import assert from 'node:assert/strict';
import { redactSecrets } from '../../../../src/core/redis/connection/redaction';

describe('redactSecrets with SSH secrets', () => {
  it('removes the SSH password and the key passphrase from messages', () => {
    const message = 'ssh login with Zq9-tunnel!pw failed; key passphrase k3y-Phrase#7 rejected';
    assert.equal(redactSecrets(message, { sshPassword: 'Zq9-tunnel!pw', sshPassphrase: 'k3y-Phrase#7' }), 'ssh login with *** failed; key passphrase *** rejected');
  });
});
