import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { ConnectionConfig, ConnectionSecrets } from '../../../src/core/redis/connection/connectionConfig';
import type { ConnectionProblem } from '../../../src/core/redis/connection/connectionErrors';
import { probeConnection, type ProbeResult, type ProbeSuccess } from '../../../src/core/redis/connection/connectionProbe';
import { freePort, startCluster, startSentinel, startStandalone, startTls, type ClusterFixture, type RedisFixture, type SentinelFixture, type TlsFixture } from '../../fixtures/redis';
import { configFor } from './connectionConfigs';

const PASSWORD = 'pr0be-Secret!';
const ACL_USER = { name: 'reader', password: 'r3ader-Secret', rules: '~* +@read +@connection +info' };

function expectOk(result: ProbeResult): ProbeSuccess {
  assert.ok(result.ok, result.ok ? '' : `expected success, got ${result.problem}: ${result.message}`);
  return result;
}

async function expectProblem(config: ConnectionConfig, secrets: ConnectionSecrets, problem: ConnectionProblem, pattern: RegExp): Promise<void> {
  const result = await probeConnection(config, secrets);
  assert.equal(result.ok, false, 'expected the probe to fail');
  if (result.ok) return;
  assert.equal(result.problem, problem, result.message);
  assert.match(result.message, pattern);
  for (const secret of [secrets.password, secrets.sentinelPassword]) if (secret) assert.ok(!result.message.includes(secret), `the message leaks a secret: ${result.message}`);
}

describe('probeConnection (fixture servers)', () => {
  describe('standalone, password and ACL user', () => {
    let plain: RedisFixture;
    let secured: RedisFixture;
    before(async () => {
      [plain, secured] = await Promise.all([startStandalone(), startStandalone({ password: PASSWORD, users: [ACL_USER] })]);
    });
    after(async () => Promise.all([plain?.stop(), secured?.stop()]));

    it('connects to a plain server and lists every database with its counts', async () => {
      const result = expectOk(await probeConnection(configFor(plain), {}));
      assert.match(result.serverVersion, /^\d+\.\d+/);
      assert.equal(result.role, 'master');
      assert.equal(result.mode, 'standalone');
      assert.equal(result.dbs.length, 16);
      assert.deepEqual(result.dbs[0], { db: 0, keys: 0, expires: 0 });
      assert.deepEqual(result.warnings, []);
    });

    it('connects with the default user password, and counts keys and expires', async () => {
      const { default: Redis } = await import('ioredis');
      const admin = new Redis({ port: secured.port, password: PASSWORD, db: 2 });
      await admin.set('a', '1');
      await admin.set('b', '1', 'EX', 100);
      admin.disconnect();
      const result = expectOk(await probeConnection(configFor(secured, { db: 2 }), { password: PASSWORD }));
      assert.deepEqual(result.dbs.find((d) => d.db === 2), { db: 2, keys: 2, expires: 1 });
    });

    it('connects as an ACL user that may not run CONFIG', async () => {
      const result = expectOk(await probeConnection(configFor(secured, { username: ACL_USER.name }), { password: ACL_USER.password }));
      assert.equal(result.role, 'master');
      assert.ok(result.dbs.length >= 1, 'without CONFIG GET databases the non-empty and configured databases are listed');
    });

    it('wrong password → WRONGPASS message without the password', async () => {
      await expectProblem(configFor(secured), { password: 'not-the-password' }, 'wrong-password', /default user.*WRONGPASS/);
    });
    it('unknown ACL user → WRONGPASS message naming the user', async () => {
      await expectProblem(configFor(secured, { username: 'nobody' }), { password: PASSWORD }, 'wrong-password', /user "nobody"/);
    });
    it('no password for a protected server → NOAUTH message', async () => {
      await expectProblem(configFor(secured), {}, 'password-required', /requires a password \(NOAUTH\)/);
    });
  });

  describe('network failures', () => {
    let silent: Server;
    let silentPort: number;
    const sockets: Socket[] = [];
    before(async () => {
      silentPort = await freePort();
      // Accepts TCP connections and never answers: the only honest way to produce a timeout locally.
      silent = createServer((socket) => void sockets.push(socket));
      await new Promise<void>((resolve) => silent.listen(silentPort, '127.0.0.1', resolve));
    });
    after(() => {
      for (const socket of sockets) socket.destroy();
      silent?.close();
    });

    it('unknown host → DNS message', async () => {
      await expectProblem(configFor({ host: 'no-such-host.invalid', port: 6390 }), {}, 'unknown-host', /Cannot resolve host "no-such-host\.invalid"/);
    });
    it('refused port → refused message', async () => {
      const port = await freePort();
      await expectProblem(configFor({ host: '127.0.0.1', port }), {}, 'refused', new RegExp(`refused by 127\\.0\\.0\\.1:${port}`));
    });
    it('a server that never answers → timeout message naming the limit', async () => {
      await expectProblem(configFor({ host: '127.0.0.1', port: silentPort }, { connectTimeoutMs: 800 }), {}, 'timeout', /within 800 ms/);
    });
  });

  describe('TLS', () => {
    let tls: TlsFixture;
    let mutual: TlsFixture;
    before(async () => {
      [tls, mutual] = await Promise.all([startTls(), startTls({ requireClientCert: true })]);
    });
    after(async () => Promise.all([tls?.stop(), mutual?.stop()]));

    it('connects with the CA file and server name', async () => {
      expectOk(await probeConnection(configFor(tls, { tls: { caFile: tls.caFile, serverName: tls.serverName } }), {}));
    });
    it('connects with a client certificate where one is required', async () => {
      expectOk(await probeConnection(configFor(mutual, { tls: { caFile: mutual.caFile, certFile: mutual.certFile, keyFile: mutual.keyFile, serverName: mutual.serverName } }), {}));
    });
    it('untrusted CA → says which CA to set', async () => {
      await expectProblem(configFor(tls, { tls: { serverName: tls.serverName } }), {}, 'tls-untrusted', /not trusted.*CA file/);
    });
    it('wrong server name → says the name does not match', async () => {
      await expectProblem(configFor(tls, { tls: { caFile: tls.caFile, serverName: 'wrong.example' } }), {}, 'tls-hostname', /not valid for the name "wrong\.example"/);
    });
    it('missing client certificate → says one is required', async () => {
      await expectProblem(configFor(mutual, { tls: { caFile: mutual.caFile, serverName: mutual.serverName } }), {}, 'tls-client-cert', /client certificate/);
    });
    it('plain connection to a TLS port → suggests turning TLS on', async () => {
      await expectProblem(configFor(tls), {}, 'tls-required', /TLS/);
    });
    it('a CA file that does not exist → names the file', async () => {
      await expectProblem(configFor(tls, { tls: { caFile: '/nonexistent/ca.pem' } }), {}, 'settings', /\/nonexistent\/ca\.pem/);
    });
  });

  describe('Sentinel', () => {
    let sentinel: SentinelFixture;
    before(async () => {
      sentinel = await startSentinel();
    });
    after(async () => sentinel?.stop());

    it('connects to the master through the sentinels', async () => {
      const result = expectOk(await probeConnection(configFor(sentinel.sentinels[0], { kind: 'sentinel', masterName: sentinel.masterName, sentinels: sentinel.sentinels }), {}));
      assert.equal(result.role, 'master');
    });
    it('unknown master name → says no sentinel knows it', async () => {
      await expectProblem(configFor(sentinel.sentinels[0], { kind: 'sentinel', masterName: 'no-such-master', sentinels: sentinel.sentinels }), {}, 'sentinel-master-unknown', /"no-such-master"/);
    });
    it('a data node saved as standalone while it is a sentinel → warns', async () => {
      const result = expectOk(await probeConnection(configFor(sentinel.sentinels[0]), {}));
      assert.equal(result.mode, 'sentinel');
      assert.match(result.warnings.join(' '), /Sentinel connection/);
    });
  });

  describe('Cluster', () => {
    let cluster: ClusterFixture;
    let plain: RedisFixture;
    before(async () => {
      [cluster, plain] = await Promise.all([startCluster({ masters: 3 }), startStandalone()]);
    });
    after(async () => Promise.all([cluster?.stop(), plain?.stop()]));

    it('connects through a seed node and sums db0 over every master', async () => {
      const { Cluster } = await import('ioredis');
      const admin = new Cluster(cluster.masters);
      await Promise.all(Array.from({ length: 300 }, (_, i) => admin.set(`probe:${i}`, '1')));
      admin.disconnect();
      const result = expectOk(await probeConnection(configFor(cluster.masters[0], { kind: 'cluster', clusterNodes: [cluster.masters[0]] }), {}));
      assert.equal(result.mode, 'cluster');
      assert.deepEqual(result.dbs, [{ db: 0, keys: 300, expires: 0 }]);
    });
    it('a cluster node saved as standalone → warns', async () => {
      const result = expectOk(await probeConnection(configFor(cluster.masters[0]), {}));
      assert.match(result.warnings.join(' '), /Cluster connection/);
    });
    it('a seed that is not a cluster → says so', async () => {
      await expectProblem(configFor(plain, { kind: 'cluster' }), {}, 'not-a-cluster', /not a cluster node/);
    });
  });
});
