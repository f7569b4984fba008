import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Cluster } from 'ioredis';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { DashboardPoller } from '../../../src/core/redis/server/dashboardPoller';
import { discoverDashboardNodes } from '../../../src/core/redis/server/dashboardNodes';
import type { ConnectionConfig } from '../../../src/core/redis/connection/connectionConfig';
import { knownHostsVerifier } from '../../../src/core/ssh/hostKeyPolicy';
import { resolveSshRoute } from '../../../src/core/ssh/sshRoute';
import { SshTunnel } from '../../../src/core/ssh/sshTunnel';
import { startCluster, startSentinel, startStandalone, startTls, type ClusterFixture, type Endpoint, type RedisFixture, type SentinelFixture, type TlsFixture } from '../../fixtures/redis';
import { adminCommand, type AdminAuth } from '../../fixtures/redis/admin';
import { makeTempDir, removeTempDir } from '../../fixtures/redis/cleanup';
import { waitFor } from '../../fixtures/redis/wait';
import { generateKeyPair, startSshd, type SshdFixture } from '../../fixtures/ssh/sshd';
import { socketOwner } from '../../fixtures/ssh/sockets';
import { knownHostsFor } from './support';

/** Who owns the far end of each client connection of a Redis node (the CLIENT LIST asking excluded). */
async function clientPeerOwners(node: Endpoint, auth: AdminAuth = {}): Promise<string[]> {
  const list = String(await adminCommand(node, ['CLIENT', 'LIST'], auth));
  return list
    .split('\n')
    .filter((line) => line.includes(' addr=127.0.0.1:') && !/ cmd=client\|list /.test(line))
    .map((line) => {
      const owner = socketOwner(Number(/ addr=127\.0\.0\.1:(\d+) /.exec(line)?.[1]));
      return owner?.pid === process.pid ? 'this test process (direct!)' : (owner?.command ?? 'gone');
    });
}

describe('SSH: every Redis topology through the tunnel, proven by who owns the sockets', function () {
  let dir: string;
  let home: string;
  let sshd: SshdFixture;
  let knownHosts: string;
  const tunnels: SshTunnel[] = [];
  const clients: RedisClient[] = [];

  before(async () => {
    dir = makeTempDir('ssh-topologies');
    home = path.join(dir, 'home');
    mkdirSync(path.join(home, '.ssh'), { recursive: true });
    const key = generateKeyPair(path.join(home, '.ssh'), 'id_ed25519');
    sshd = await startSshd({ authorizedKeys: [key.publicKeyLine] });
    knownHosts = knownHostsFor(dir, [sshd]);
    writeFileSync(path.join(home, '.ssh', 'config'), `Host redis-gateway\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User ${sshd.user}\n`);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
    for (const tunnel of tunnels.splice(0)) tunnel.close();
  });
  after(async () => {
    await sshd?.stop();
    await removeTempDir(dir);
  });

  /** A client for `config` made as the extension makes it, with the tunnel its SSH settings describe. */
  async function connectThroughSsh(config: Omit<ConnectionConfig, 'id' | 'name' | 'db' | 'connectTimeoutMs' | 'keyDelimiter' | 'readOnly' | 'ssh'>): Promise<RedisClient> {
    const full: ConnectionConfig = { id: 'c', name: 'through ssh', db: 0, connectTimeoutMs: 5000, keyDelimiter: ':', readOnly: false, ssh: { host: 'redis-gateway' }, ...config };
    const route = resolveSshRoute(full.ssh as NonNullable<ConnectionConfig['ssh']>, {}, { homeDir: home, localUser: 'nobody' });
    assert.equal(route.summary, `${sshd.user}@127.0.0.1:${sshd.port} (key ${path.join(home, '.ssh', 'id_ed25519')})`);
    const tunnel = new SshTunnel({ hops: route.hops, verifyHostKey: knownHostsVerifier({ knownHostsFiles: [knownHosts] }), readyTimeoutMs: 5000 });
    tunnels.push(tunnel);
    await tunnel.open();
    const client = createRedisClient(full, {}, { tunnel, clientName: 'ssh-test', lazyConnect: true });
    client.on('error', () => undefined);
    clients.push(client);
    await client.connect();
    return client;
  }

  it('SSH: refuses to create a client for an SSH connection without its tunnel', () => {
    assert.throws(
      () => createRedisClient({ id: 'c', name: 'prod', kind: 'standalone', host: 'h', port: 1, db: 0, connectTimeoutMs: 1, keyDelimiter: ':', readOnly: false, ssh: { host: 'x' } }, {}),
      { message: 'The connection "prod" goes through SSH: its tunnel must be open before a client is created.' },
    );
  });

  describe('standalone and TLS', () => {
    let plain: RedisFixture;
    let tls: TlsFixture;
    before(async () => {
      [plain, tls] = await Promise.all([startStandalone(), startTls({ requireClientCert: true })]);
    });
    after(async () => Promise.all([plain?.stop(), tls?.stop()]));

    it('SSH: standalone through the tunnel, and nothing reached once the tunnel is down', async () => {
      const client = await connectThroughSsh({ kind: 'standalone', host: plain.host, port: plain.port });
      assert.equal(await client.set('k', 'v'), 'OK');
      assert.deepEqual(await clientPeerOwners(plain), ['sshd']);
      tunnels[0].close();
      await assert.rejects(client.get('k'));
      // The server lists a connection whose far end (sshd's) has just closed until it reads that end of file.
      const closing = async (): Promise<true | string> => ((await clientPeerOwners(plain)).includes('gone') ? 'a closed connection is still listed' : true);
      await waitFor('the server to drop the tunnelled connection', closing, 10_000);
      assert.deepEqual(await clientPeerOwners(plain), [], 'no connection of ours is left, and none was made directly');
    });

    it('SSH: TLS inside the tunnel, verified against the real host name', async () => {
      const client = await connectThroughSsh({ kind: 'standalone', host: tls.host, port: tls.port, tls: { caFile: tls.caFile, certFile: tls.certFile, keyFile: tls.keyFile, serverName: tls.serverName } });
      assert.equal(await client.ping(), 'PONG');
      assert.deepEqual(await clientPeerOwners(tls, { tls: { ca: tls.ca, cert: tls.cert, key: tls.key } }), ['sshd']);
    });
  });

  describe('Sentinel', () => {
    let sentinel: SentinelFixture;
    before(async () => {
      sentinel = await startSentinel();
    });
    after(async () => sentinel?.stop());

    it('SSH: the Sentinels and the master they name are all reached through the tunnel', async () => {
      const client = await connectThroughSsh({ kind: 'sentinel', host: sentinel.sentinels[0].host, port: sentinel.sentinels[0].port, sentinels: sentinel.sentinels, masterName: sentinel.masterName });
      assert.equal(await client.set('through', 'sentinel'), 'OK');
      const masterOwners = await clientPeerOwners(sentinel.master);
      assert.ok(masterOwners.includes('sshd'), `the master sees us through sshd: ${masterOwners.join(', ')}`);
      for (const node of [sentinel.master, sentinel.replica, ...sentinel.sentinels]) {
        assert.ok(!(await clientPeerOwners(node)).includes('this test process (direct!)'), `no direct connection to ${node.port}`);
      }
    });

    it('SSH: the dashboard polls the master and the replicas through the tunnel too', async () => {
      const client = await connectThroughSsh({ kind: 'sentinel', host: sentinel.sentinels[0].host, port: sentinel.sentinels[0].port, sentinels: sentinel.sentinels, masterName: sentinel.masterName });
      const poller = new DashboardPoller(await discoverDashboardNodes(client));
      try {
        const tick = await poller.tick();
        assert.deepEqual(tick.nodes.map((n) => n.ok), [true, true], JSON.stringify(tick.nodes));
        assert.ok((await clientPeerOwners(sentinel.replica)).includes('sshd'), 'the replica is polled through sshd');
        for (const node of [sentinel.master, sentinel.replica, ...sentinel.sentinels]) {
          assert.ok(!(await clientPeerOwners(node)).includes('this test process (direct!)'), `no direct connection to ${node.port}`);
        }
      } finally {
        poller.dispose();
      }
    });
  });

  describe('Cluster', () => {
    let cluster: ClusterFixture;
    before(async () => {
      cluster = await startCluster({ masters: 3 });
    });
    after(async () => cluster?.stop());

    it('SSH: every node from CLUSTER SLOTS is mapped to a local forward on demand', async () => {
      const client = (await connectThroughSsh({ kind: 'cluster', host: cluster.masters[0].host, port: cluster.masters[0].port })) as Cluster;
      for (let i = 0; i < 30; i++) await client.set(`spread:${i}`, i); // keys on every master
      for (const node of cluster.masters) assert.deepEqual(await clientPeerOwners(node), ['sshd'], `node ${node.port}`);
      const poller = new DashboardPoller(await discoverDashboardNodes(client));
      try {
        const tick = await poller.tick();
        assert.equal(tick.nodes.filter((n) => n.ok).length, 3, JSON.stringify(tick.nodes));
        for (const node of cluster.masters) assert.ok(!(await clientPeerOwners(node)).includes('this test process (direct!)'), `the dashboard reaches ${node.port} through sshd`);
      } finally {
        poller.dispose();
      }
    });
  });
});
