import assert from 'node:assert/strict';
import { describeConnectionError } from '../../../../src/core/redis/connection/connectionErrors';
import { SshTunnelError } from '../../../../src/core/ssh/sshErrors';

describe('describeConnectionError with an SSH tunnel failure', () => {
  it('keeps the tunnel\'s own sentence over the "Connection is closed." that follows it, with secrets removed', () => {
    const tunnel = new SshTunnelError('authentication', 'The SSH server 10.0.0.9:22 refused the login of ops with the password Zq9-tunnel!pw.');
    const described = describeConnectionError([new Error('Connection is closed.'), tunnel], { secrets: { sshPassword: 'Zq9-tunnel!pw' } });
    assert.deepEqual(described, { problem: 'ssh', message: 'The SSH server 10.0.0.9:22 refused the login of ops with the password ***.' });
  });
});
