import assert from 'node:assert/strict';
import { SshTunnelPool } from '../../../../src/core/ssh/sshTunnelPool';

class FakeTunnel {
  opened = 0;
  closed = 0;
  constructor(
    readonly id: string,
    private readonly failure?: Error,
  ) {}
  open(): Promise<void> {
    this.opened++;
    return this.failure ? Promise.reject(this.failure) : Promise.resolve();
  }
  close(): void {
    this.closed++;
  }
}

describe('SSH tunnel pool: one tunnel per connection, shared, closed with its last user', () => {
  it('opens once for concurrent users and closes when the last one lets go', async () => {
    const made: FakeTunnel[] = [];
    const pool = new SshTunnelPool((id) => {
      const tunnel = new FakeTunnel(id);
      made.push(tunnel);
      return tunnel;
    });
    const [tree, terminal] = await Promise.all([pool.acquire('prod'), pool.acquire('prod')]);
    assert.equal(made.length, 1);
    assert.equal(tree.tunnel, terminal.tunnel);
    assert.equal(made[0].opened, 1);
    assert.equal(pool.users('prod'), 2);
    tree.release();
    tree.release(); // twice: still one user left
    assert.equal(made[0].closed, 0);
    terminal.release();
    assert.equal(made[0].closed, 1);
    assert.equal(pool.users('prod'), 0);
    const again = await pool.acquire('prod');
    assert.notEqual(again.tunnel, made[0], 'a new tunnel after the last user left');
    again.release();
  });

  it('forgets a tunnel that failed to open, so the next user tries again', async () => {
    let attempts = 0;
    const pool = new SshTunnelPool((id) => new FakeTunnel(id, ++attempts === 1 ? new Error('The SSH server db refused the connection.') : undefined));
    await assert.rejects(pool.acquire('db'), /refused the connection/);
    assert.equal(pool.users('db'), 0);
    const lease = await pool.acquire('db');
    assert.equal(attempts, 2);
    lease.release();
  });

  it('keeps tunnels of different connections apart, and closes one on invalidate()', async () => {
    const pool = new SshTunnelPool((id) => new FakeTunnel(id));
    const a = await pool.acquire('a');
    const b = await pool.acquire('b');
    assert.notEqual(a.tunnel, b.tunnel);
    pool.invalidate('a');
    await Promise.resolve();
    assert.equal(a.tunnel.closed, 1);
    a.release(); // a stale lease does not touch the next tunnel
    const a2 = await pool.acquire('a');
    assert.equal(a2.tunnel.closed, 0);
    pool.closeAll();
    await Promise.resolve();
    assert.deepEqual([a2.tunnel.closed, b.tunnel.closed], [1, 1]);
  });
});
