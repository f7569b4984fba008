import { strict as assert } from 'node:assert';
import Redis, { Cluster, type RedisOptions } from 'ioredis';
import {
  startCluster, startSentinel, startStandalone, startTls,
  type ClusterFixture, type Endpoint, type RedisFixture, type SentinelFixture, type TlsFixture,
} from '../fixtures/redis';

// Every client a test opens is closed after it, also when the test fails.
const openClients: (Redis | Cluster)[] = [];
function track<T extends Redis | Cluster>(client: T): T {
  client.on('error', () => undefined);
  openClients.push(client);
  return client;
}
/** A client that gives up at once instead of reconnecting, so failures surface as rejections. */
function connectOnce(endpoint: Endpoint, options: RedisOptions = {}): Redis {
  return track(new Redis({ host: endpoint.host, port: endpoint.port, retryStrategy: () => null, maxRetriesPerRequest: 0, ...options }));
}
/** The error behind a failed connect: ioredis rejects with "Connection is closed." and emits the cause as 'error'. */
async function connectFailure(client: Redis): Promise<Error> {
  const cause = new Promise<Error>((resolve) => client.once('error', resolve));
  await assert.rejects(client.connect());
  return cause;
}
afterEach(() => {
  for (const client of openClients.splice(0)) client.disconnect();
});

describe('Redis fixture topologies', () => {
  describe('standalone', () => {
    let server: RedisFixture;
    before(async () => { server = await startStandalone(); });
    after(() => server.stop());

    it('round-trips a binary key and value through ioredis, via the URL too', async () => {
      const key = Buffer.from([0x00, 0xff, 0x0a, 0x41]);
      const client = connectOnce(server);
      assert.equal(await client.set(key, Buffer.from([1, 2, 3])), 'OK');
      assert.deepEqual(await track(new Redis(server.url)).getBuffer(key), Buffer.from([1, 2, 3]));
      assert.notEqual(server.port, 6379);
    });

    it('enables DEBUG (for DEBUG POPULATE / SLEEP in tests)', async () => {
      const client = connectOnce(server);
      assert.equal(await client.call('DEBUG', 'POPULATE', '10', 'fixture:populated'), 'OK');
      assert.equal(await client.exists('fixture:populated:0'), 1);
    });
  });

  describe('standalone with requirepass and an ACL user', () => {
    // Spaces, quotes, a backslash and a tab: the config file and the URL must both carry them intact.
    const password = 's3cret "pa ss"\\\t';
    let server: RedisFixture;
    before(async () => {
      server = await startStandalone({ password, users: [{ name: 'app', password: 'app pw', rules: '~app:* +get +set' }] });
    });
    after(() => server.stop());

    it('refuses commands without the password', async () => {
      await assert.rejects(connectOnce(server).ping(), /NOAUTH/);
    });

    it('accepts the password, given directly or in the URL', async () => {
      assert.equal(await connectOnce(server, { password }).ping(), 'PONG');
      assert.equal(server.password, password);
      assert.equal(await track(new Redis(server.url, { retryStrategy: () => null })).ping(), 'PONG');
    });

    it('restricts the ACL user to its keys and commands', async () => {
      const app = connectOnce(server, { username: 'app', password: 'app pw', enableReadyCheck: false });
      assert.equal(await app.set('app:1', 'v'), 'OK');
      assert.equal(await app.get('app:1'), 'v');
      await assert.rejects(app.set('other:1', 'v'), /NOPERM/);
      await assert.rejects(app.del('app:1'), /NOPERM/);
      await assert.rejects(connectOnce(server, { username: 'app', password: 'wrong' }).ping(), /WRONGPASS/);
    });
  });

  describe('TLS', () => {
    let server: TlsFixture;
    before(async () => { server = await startTls(); });
    after(() => server.stop());

    it('serves TLS verified against the fixture CA, by IP and by server name', async () => {
      assert.equal(await connectOnce(server, { tls: { ca: server.ca } }).set('tls:k', 'v'), 'OK');
      assert.equal(await connectOnce(server, { tls: { ca: server.ca, servername: server.serverName } }).get('tls:k'), 'v');
      assert.match(server.url, /^rediss:\/\//);
    });

    it('fails certificate verification without the CA', async () => {
      const error = await connectFailure(connectOnce(server, { tls: {}, lazyConnect: true }));
      assert.match(error.message, /certificate/i);
    });

    it('does not speak plain TCP', async () => {
      await connectFailure(connectOnce(server, { connectTimeout: 2000, lazyConnect: true }));
    });
  });

  describe('TLS with client certificates required', () => {
    let server: TlsFixture;
    before(async () => { server = await startTls({ requireClientCert: true }); });
    after(() => server.stop());

    it('rejects a client without a certificate', async () => {
      // The same options plus the client certificate connect (next test), so the missing certificate is the cause.
      await connectFailure(connectOnce(server, { tls: { ca: server.ca }, lazyConnect: true }));
    });

    it('accepts a client with the fixture certificate', async () => {
      const client = connectOnce(server, { tls: { ca: server.ca, cert: server.cert, key: server.key } });
      assert.equal(await client.ping(), 'PONG');
      assert.equal(server.requireClientCert, true);
    });
  });

  describe('Sentinel', () => {
    let topology: SentinelFixture;
    before(async () => { topology = await startSentinel(); });
    after(() => topology.stop());

    it('lets ioredis follow a failover to the new master', async () => {
      const client = track(new Redis({ sentinels: topology.sentinels, name: topology.masterName, failoverDetector: true }));
      await client.set('before', '1');
      // Make sure the replica has the key before it is promoted.
      assert.equal(await client.call('WAIT', '1', '5000'), 1);
      const oldMaster = topology.master;
      assert.equal(await connectOnce(oldMaster).get('before'), '1');

      const newMaster = await topology.failover();
      assert.notDeepEqual(newMaster, oldMaster);
      assert.deepEqual(topology.master, newMaster);
      assert.deepEqual(topology.replica, oldMaster);

      // The same client writes again; the write must land on the new master, not the demoted one.
      const direct = connectOnce(newMaster);
      const deadline = Date.now() + 20_000;
      let landed = false;
      for (let attempt = 0; !landed && Date.now() < deadline; attempt++) {
        const value = `after-${attempt}`;
        try {
          await client.set('after', value);
          landed = (await direct.get('after')) === value;
        } catch {
          // READONLY from the demoted master or a reconnect in progress: the client is still switching over
        }
        if (!landed) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.ok(landed, 'the sentinel client never wrote to the new master');
      assert.equal(await client.get('before'), '1');
      assert.deepEqual(await direct.call('ROLE').then((role) => (role as unknown[])[0]), 'master');
    });
  });

  describe('Cluster', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `cluster:key:${i}`);

    async function writeAndReadBack(cluster: Cluster): Promise<void> {
      for (const key of keys) await cluster.set(key, `value of ${key}`);
      for (const key of keys) assert.equal(await cluster.get(key), `value of ${key}`);
    }

    describe('3 masters', () => {
      let topology: ClusterFixture;
      before(async () => { topology = await startCluster(); });
      after(() => topology.stop());

      it('spreads keys written through Redis.Cluster over every master', async () => {
        assert.equal(topology.nodes.length, 3);
        await writeAndReadBack(track(new Cluster([topology.nodes[0]])));
        const sizes = await Promise.all(topology.masters.map((master) => connectOnce(master).dbsize()));
        assert.ok(sizes.every((size) => size > 0), `keys per master: ${sizes.join(', ')}`);
        assert.equal(sizes.reduce((a, b) => a + b, 0), keys.length);
      });
    });

    describe('3 masters with a replica each', () => {
      let topology: ClusterFixture;
      before(async () => { topology = await startCluster({ replicasPerMaster: 1 }); });
      after(() => topology.stop());

      it('lists masters first and serves reads from replicas', async () => {
        assert.equal(topology.nodes.length, 6);
        const roles = await Promise.all(topology.nodes.map((node) => connectOnce(node).call('ROLE').then((role) => (role as unknown[])[0])));
        assert.deepEqual(roles, ['master', 'master', 'master', 'slave', 'slave', 'slave']);

        await writeAndReadBack(track(new Cluster([topology.nodes[0]])));
        for (const master of topology.masters) assert.equal(await connectOnce(master).call('WAIT', '1', '5000'), 1);
        const fromReplicas = track(new Cluster([topology.nodes[0]], { scaleReads: 'slave' }));
        for (const key of keys) assert.equal(await fromReplicas.get(key), `value of ${key}`);
      });
    });
  });
});
