import assert from 'node:assert/strict';
import { SshTunnelError, type SshFailure } from '../../../../src/core/ssh/sshErrors';
import { sshFailureLabel } from '../../../../src/core/ssh/sshFailureLabel';

describe('SSH failure labels for the Connections view', () => {
  const label = (failure: SshFailure, message: string): string => sshFailureLabel(new SshTunnelError(failure, message));

  it('tells the host key cases apart by what the verifier said', () => {
    assert.equal(label('host-key', 'The host key of db has changed (now SHA256:x, …): refusing to connect; …'), 'host key changed');
    assert.equal(label('host-key', 'The host key of db (SHA256:x) is revoked in f line 2: refusing to connect.'), 'host key revoked');
    assert.equal(label('host-key', 'The host key of db (SHA256:x) is not in known_hosts and was not accepted.'), 'host key not accepted');
    assert.equal(label('host-key', 'Cannot read the known hosts file f: EACCES.'), 'host key not verified');
  });

  it('names every other failure in a few words', () => {
    assert.equal(label('unknown-host', 'The SSH server "x" could not be found (no such host name).'), 'unknown host');
    assert.equal(label('authentication', 'The SSH login of ops@db needs its password.'), 'password needed');
    assert.equal(label('authentication', 'No SSH agent is running (SSH_AUTH_SOCK is not set).'), 'no SSH agent');
    assert.equal(label('authentication', 'The SSH server db did not accept user "ops": wrong password or key.'), 'login refused');
    assert.equal(label('jump-unreachable', 'The jump host a could not reach SSH server b (refused).'), 'jump host unreachable');
    assert.equal(label('target-unreachable', 'The SSH server a could not reach Redis at r:6379 (refused).'), 'Redis unreachable from the SSH server');
    assert.equal(label('closed', 'The SSH connection to db dropped; reconnecting.'), 'tunnel dropped');
    assert.equal(label('passphrase-needed', 'The private key k is encrypted: enter its passphrase.'), 'passphrase needed');
  });
});
