import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Redis, { type RedisOptions } from 'ioredis';
import { resolveFromSshConfig } from '../../../src/core/ssh/sshConfigFiles';
import type { SshHop, SshTunnelState } from '../../../src/core/ssh/sshTunnel';
import { freePort, startStandalone, type RedisFixture } from '../../fixtures/redis';
import { adminCommand } from '../../fixtures/redis/admin';
import { makeTempDir, removeTempDir } from '../../fixtures/redis/cleanup';
import { generateKeyPair, startSshd, type SshKeyPair, type SshdFixture } from '../../fixtures/ssh/sshd';
import { childPids, clientPorts, socketOwner } from '../../fixtures/ssh/sockets';
import { hopTo, knownHostsFor, Tunnels } from './support';

/** Every process below `pid`. */
function descendants(pid: number): number[] {
  return childPids(pid).flatMap((child) => [child, ...descendants(child)]);
}

describe('SSH tunnels to Redis through real OpenSSH servers (jump host and target)', function () {
  let dir: string;
  let home: string;
  let key: SshKeyPair;
  let jump: SshdFixture;
  let target: SshdFixture;
  let redis: RedisFixture;
  let knownHosts: string;
  const tunnels = new Tunnels();
  const clients: Redis[] = [];
  const redisThrough = (port: number, options: RedisOptions = {}): Redis => {
    const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, ...options });
    client.on('error', () => undefined);
    clients.push(client);
    return client;
  };

  before(async () => {
    dir = makeTempDir('ssh-routing');
    home = path.join(dir, 'home');
    mkdirSync(path.join(home, '.ssh'), { recursive: true });
    key = generateKeyPair(path.join(home, '.ssh'), 'id_ed25519');
    [jump, target, redis] = await Promise.all([startSshd({ authorizedKeys: [key.publicKeyLine] }), startSshd({ authorizedKeys: [key.publicKeyLine] }), startStandalone()]);
    knownHosts = knownHostsFor(dir, [jump, target]);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
    tunnels.closeAll();
  });
  after(async () => {
    await Promise.all([jump?.stop(), target?.stop(), redis?.stop()]);
    await removeTempDir(dir);
  });

  const direct = (server: SshdFixture): SshHop => hopTo(server, { privateKey: key.privateKey });

  it('SSH: Redis standalone through the tunnel: the server sees a peer socket owned by sshd, and nothing once the tunnel is closed', async () => {
    const tunnel = tunnels.create([direct(target)], { knownHostsFiles: [knownHosts] });
    const local = await tunnel.forward(redis.host, redis.port);
    assert.deepEqual(await tunnel.forward(redis.host, redis.port), local, 'one local port per remote address');
    const client = redisThrough(local.port);
    await client.connect();
    assert.equal(await client.set('through:ssh', 'yes'), 'OK');
    const ports = clientPorts(String(await adminCommand(redis, ['CLIENT', 'LIST'])));
    assert.equal(ports.length, 1, 'one client: ours');
    const owner = socketOwner(ports[0]);
    assert.equal(owner?.command, 'sshd', `the peer of Redis' client socket belongs to ${JSON.stringify(owner)}`);
    assert.ok(descendants(target.pid).includes(owner.pid), 'a process of the target sshd');
    tunnel.close();
    client.disconnect();
    await assert.rejects(
      new Promise((resolve, reject) => net.connect(local.port, '127.0.0.1').once('connect', resolve).once('error', reject)),
      /ECONNREFUSED/,
      'with the tunnel closed, the local port is gone',
    );
  });

  it('SSH: a ~/.ssh/config alias with ProxyJump goes through the jump host to the target', async () => {
    writeFileSync(
      path.join(home, '.ssh', 'config'),
      [
        'Host bastion',
        '  HostName 127.0.0.1',
        `  Port ${jump.port}`,
        'Host redis-box',
        '  HostName 127.0.0.1',
        `  Port ${target.port}`,
        '  ProxyJump bastion',
        'Host *',
        `  User ${target.user}`,
        '  IdentityFile ~/.ssh/id_ed25519',
        '  ServerAliveInterval 5',
      ].join('\n'),
    );
    const chain = resolveFromSshConfig('redis-box', {}, { homeDir: home, localUser: 'nobody-local' });
    assert.deepEqual(chain.map((h) => `${h.user}@${h.hostName}:${h.port}`), [`${jump.user}@127.0.0.1:${jump.port}`, `${target.user}@127.0.0.1:${target.port}`]);
    const hops = chain.map((h): SshHop => ({ host: h.hostName, port: h.port, username: h.user, privateKey: readFileSync(h.identityFiles[0], 'utf8'), privateKeyFile: h.identityFiles[0] }));
    const tunnel = tunnels.create(hops, { knownHostsFiles: [knownHosts] }, { keepaliveIntervalMs: chain[1].serverAliveIntervalSeconds * 1000 });
    const local = await tunnel.forward(redis.host, redis.port);
    const client = redisThrough(local.port);
    await client.connect();
    assert.equal(await client.ping(), 'PONG');
    // Redis' peer is the target sshd; the target sshd's peer is the jump sshd.
    const redisPeer = socketOwner(clientPorts(String(await adminCommand(redis, ['CLIENT', 'LIST'])))[0]);
    assert.ok(redisPeer && descendants(target.pid).includes(redisPeer.pid), `Redis is reached from the target sshd: ${JSON.stringify(redisPeer)}`);
    const fromPort = Number([...target.log().matchAll(/Connection from 127\.0\.0\.1 port (\d+) on 127\.0\.0\.1 port \d+/g)].at(-1)?.[1]);
    const targetPeer = socketOwner(fromPort);
    assert.ok(targetPeer && descendants(jump.pid).includes(targetPeer.pid), `the target sshd is reached from the jump sshd: ${JSON.stringify(targetPeer)}`);
  });

  it('SSH: each failure is one sentence: unknown host, refused, jump host unreachable, target unreachable from the jump host, Redis unreachable', async () => {
    const closed = await freePort();
    const open = (hops: SshHop[]) => tunnels.create(hops, { knownHostsFiles: [knownHosts] }).open();
    await assert.rejects(open([{ ...direct(target), host: 'no-such-host.invalid' }]), { message: 'The SSH server "no-such-host.invalid" could not be found (no such host name).' });
    await assert.rejects(open([{ ...direct(target), port: closed }]), { message: `The SSH server 127.0.0.1:${closed} refused the connection (nothing listens on port ${closed}).` });
    await assert.rejects(open([{ ...direct(jump), port: closed }, direct(target)]), { message: `The jump host 127.0.0.1:${closed} refused the connection (nothing listens on port ${closed}).` });
    await assert.rejects(open([direct(jump), { ...direct(target), port: closed }]), { message: `The jump host 127.0.0.1:${jump.port} could not reach SSH server 127.0.0.1:${closed} (Connection refused).` });
    const tunnel = tunnels.create([direct(target)], { knownHostsFiles: [knownHosts] });
    await assert.rejects(tunnel.checkReachable('127.0.0.1', closed), { message: `The SSH server 127.0.0.1:${target.port} could not reach Redis at 127.0.0.1:${closed} (Connection refused).` });
    await tunnel.checkReachable(redis.host, redis.port);
  });

  it('SSH: keepalive notices a frozen SSH server and the tunnel is re-established', async () => {
    const tunnel = tunnels.create([direct(target)], { knownHostsFiles: [knownHosts] }, { keepaliveIntervalMs: 100, keepaliveCountMax: 2, reconnectDelaysMs: [50] });
    const states: SshTunnelState[] = [];
    tunnel.onStateChange((state) => states.push(state));
    await tunnel.open();
    // Freeze the sshd processes serving this tunnel: the TCP connection stays open, nothing answers.
    const frozen = childPids(target.pid);
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    try {
      for (let i = 0; i < 100 && !states.includes('reconnecting'); i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(states.includes('reconnecting'), `keepalive detected the frozen server: ${states.join(' → ')}`);
      assert.match(tunnel.error?.message ?? '', /dropped; reconnecting/);
    } finally {
      for (const pid of frozen) process.kill(pid, 'SIGKILL');
    }
    for (let i = 0; i < 100 && tunnel.currentState !== 'connected'; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(tunnel.currentState, 'connected');
    await tunnel.checkReachable(redis.host, redis.port);
  });

  it('SSH: a tunnel killed in the middle of a scan reconnects with backoff, and the scan completes', async () => {
    const tunnel = tunnels.create([direct(target)], { knownHostsFiles: [knownHosts] }, { reconnectDelaysMs: [50, 100, 200] });
    const states: SshTunnelState[] = [];
    tunnel.onStateChange((state) => states.push(state));
    const local = await tunnel.forward(redis.host, redis.port);
    const client = redisThrough(local.port, { retryStrategy: (n: number) => Math.min(n * 50, 500) });
    await client.connect();
    const pipeline = client.pipeline();
    for (let i = 0; i < 500; i++) pipeline.set(`scan:${i}`, i);
    await pipeline.exec();
    const seen = new Set<string>();
    let cursor = '0';
    let killed = false;
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', 'scan:*', 'COUNT', 50);
      for (const k of keys) seen.add(k);
      cursor = next;
      if (!killed && seen.size > 100) {
        // Kill the sshd processes serving the tunnel (not the listener): the connection drops.
        for (const pid of childPids(target.pid)) process.kill(pid, 'SIGKILL');
        killed = true;
      }
    } while (cursor !== '0');
    assert.ok(killed);
    assert.equal(seen.size, 500, 'every key seen once the scan resumed');
    assert.deepEqual(states.slice(0, 3), ['connected', 'reconnecting', 'connected']);
    assert.equal(tunnel.currentState, 'connected');
    assert.equal(await client.get('scan:7'), '7');
  });
});
