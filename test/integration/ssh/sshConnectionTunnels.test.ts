import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import type { ConnectionConfig, ConnectionSecrets } from '../../../src/core/redis/connection/connectionConfig';
import { connectionTunnels } from '../../../src/core/ssh/connectionTunnels';
import type { UnknownHostKey, UnknownHostKeyAnswer } from '../../../src/core/ssh/hostKeyPolicy';
import { fingerprintSha256 } from '../../../src/core/ssh/knownHosts';
import { CliSession } from '../../../src/core/terminal/cliSession';
import { cliTargetFor } from '../../../src/core/terminal/cliTarget';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { adminCommand } from '../../fixtures/redis/admin';
import { makeTempDir, removeTempDir } from '../../fixtures/redis/cleanup';
import { generateKeyPair, startSshd, type SshKeyPair, type SshdFixture } from '../../fixtures/ssh/sshd';
import { childPids, clientPorts, socketOwner } from '../../fixtures/ssh/sockets';

/** Every process below `pid` (sshd forks one per connection, which forks again). */
function descendants(pid: number): number[] {
  return childPids(pid).flatMap((child) => [child, ...descendants(child)]);
}

describe('SSH: a saved connection opens its tunnel through the shared pool, for the views and the CLI terminal', function () {
  let dir: string;
  let home: string;
  let key: SshKeyPair;
  let sshd: SshdFixture;
  let redis: RedisFixture;
  let asked: UnknownHostKey[];
  let answer: UnknownHostKeyAnswer;
  const clients: RedisClient[] = [];
  const pools: ReturnType<typeof connectionTunnels>[] = [];

  before(async () => {
    dir = makeTempDir('ssh-connection-tunnels');
    key = generateKeyPair(dir, 'login_key', { passphrase: 'unlock-me-7' });
    [sshd, redis] = await Promise.all([startSshd({ authorizedKeys: [key.publicKeyLine] }), startStandalone()]);
  });
  beforeEach(() => {
    home = makeTempDir('ssh-home');
    mkdirSync(path.join(home, '.ssh'), { recursive: true });
    asked = [];
    answer = 'remember';
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    for (const pool of pools.splice(0)) pool.closeAll();
    await removeTempDir(home);
  });
  after(async () => {
    await Promise.all([sshd?.stop(), redis?.stop()]);
    await removeTempDir(dir);
  });

  const config = (): ConnectionConfig => ({
    id: 'through-ssh',
    name: 'through ssh',
    kind: 'standalone',
    host: redis.host,
    port: redis.port,
    db: 0,
    connectTimeoutMs: 5000,
    keyDelimiter: ':',
    readOnly: false,
    ssh: { host: sshd.host, port: sshd.port, username: sshd.user, auth: 'privateKey', privateKeyFile: key.privateKeyFile },
  });
  const secrets: ConnectionSecrets = { sshPassphrase: 'unlock-me-7' };
  const ownKnownHosts = (): string => path.join(home, 'own', 'known_hosts');

  /** The pool as the extension builds it, answering host key questions with `answer`. */
  function pool(saved: ConnectionConfig = config()): ReturnType<typeof connectionTunnels> {
    const created = connectionTunnels({
      lookup: (id) => Promise.resolve(id === saved.id ? { config: saved, secrets } : undefined),
      environment: () => ({ homeDir: home, localUser: 'nobody' }),
      askUnknownHostKey: (hostKey) => {
        asked.push(hostKey);
        return Promise.resolve(answer);
      },
      ownKnownHostsFile: ownKnownHosts(),
      readyTimeoutMs: 5000,
    });
    pools.push(created);
    return created;
  }

  /** Asserts that every client Redis sees (but the asking one) is a socket of the sshd. */
  async function assertAllClientsViaSshd(expected: number): Promise<void> {
    const ports = clientPorts(String(await adminCommand(redis, ['CLIENT', 'LIST'])));
    assert.equal(ports.length, expected, `Redis sees ${expected} client(s)`);
    const forked = descendants(sshd.pid);
    for (const port of ports) {
      const owner = socketOwner(port);
      assert.equal(owner?.command, 'sshd', `the peer of Redis' client socket ${port} belongs to ${JSON.stringify(owner)}`);
      assert.ok(forked.includes(owner.pid), 'a process of the fixture sshd');
    }
  }

  it('SSH: the connection client reaches Redis through sshd; the unknown key is asked once and remembered in known_hosts', async () => {
    const tunnels = pool();
    const lease = await tunnels.acquire('through-ssh');
    assert.equal(asked.length, 1, 'asked once');
    assert.equal(asked[0].fingerprint, fingerprintSha256(sshd.hostKey));
    assert.match(asked[0].fingerprint, /^SHA256:[A-Za-z0-9+/]{43}$/);
    assert.ok(readFileSync(path.join(home, '.ssh', 'known_hosts'), 'utf8').includes(sshd.hostKeyLine), 'remembered in ~/.ssh/known_hosts');
    const client = createRedisClient(config(), secrets, { tunnel: lease.tunnel, lazyConnect: true });
    client.on('error', () => undefined);
    clients.push(client);
    await client.connect();
    assert.equal(await client.set('ssh:manager', 'yes'), 'OK');
    await assertAllClientsViaSshd(1);

    const second = await tunnels.acquire('through-ssh');
    assert.equal(second.tunnel, lease.tunnel, 'one tunnel per connection, shared');
    assert.equal(asked.length, 1, 'not asked again');
    second.release();
    lease.release();
    assert.equal(tunnels.users('through-ssh'), 0);
    assert.equal(lease.tunnel.currentState, 'closed', 'closed with its last user');
  });

  it('SSH: the CLI session opens its own RESP connection through the same tunnel', async () => {
    const tunnels = pool();
    const lease = await tunnels.acquire('through-ssh');
    let output = '';
    const session = new CliSession({
      target: cliTargetFor(config(), secrets, undefined, (host, port) => lease.tunnel.forward(host, port)),
      write: (text) => (output += text),
      onExit: () => undefined,
    });
    try {
      await session.start();
      session.handleInput('SET ssh:cli through\r');
      await session.whenIdle();
      assert.match(output, /OK/);
      assert.equal(String(await adminCommand(redis, ['GET', 'ssh:cli'])), 'through');
      await assertAllClientsViaSshd(1);
    } finally {
      session.close();
      lease.release();
    }
  });

  it('SSH: a key trusted once is not written anywhere, and the user is asked once for the tunnel', async () => {
    answer = 'once';
    const lease = await pool().acquire('through-ssh');
    lease.release();
    assert.equal(asked.length, 1);
    assert.throws(() => readFileSync(path.join(home, '.ssh', 'known_hosts')), /ENOENT/);
    assert.throws(() => readFileSync(ownKnownHosts()), /ENOENT/);
  });

  it('SSH: a remembered key goes to our own known hosts file when the user\'s cannot be written, and is trusted from there', async () => {
    // procfs reads as "no such file" and cannot be written, even by root.
    writeFileSync(path.join(home, '.ssh', 'config'), 'UserKnownHostsFile /proc/redis-specialist-known-hosts\n');
    (await pool().acquire('through-ssh')).release();
    assert.ok(readFileSync(ownKnownHosts(), 'utf8').includes(sshd.hostKeyLine));
    (await pool().acquire('through-ssh')).release();
    assert.equal(asked.length, 1, 'the second pool trusts the key from our own file');
    assert.throws(() => readFileSync('/proc/redis-specialist-known-hosts'), /ENOENT/);
  });

  it('SSH: a changed host key is refused with the clear error, without asking', async () => {
    const impostor = generateKeyPair(home, 'impostor');
    writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[${sshd.host}]:${sshd.port} ${impostor.publicKeyLine.split(' ').slice(0, 2).join(' ')}\n`);
    await assert.rejects(pool().acquire('through-ssh'), /host key of \[127\.0\.0\.1\]:\d+ has changed .*refusing to connect/);
    assert.equal(asked.length, 0);
  });
});
