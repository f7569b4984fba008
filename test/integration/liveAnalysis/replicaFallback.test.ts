import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { analyzeLiveMemory } from '../../../src/core/memory/live/liveMemoryAnalysis';
import { collectLivePatternStats } from '../../../src/core/patterns/livePatternStats';
import { connectWithCause, createRedisClient, handshakeDeadlineMs, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { replicaOrMaster, type ReadTarget } from '../../../src/core/redis/connection/replicaReads';
import { LoadBudget } from '../../../src/core/redis/keyspace/loadBudget';
import { freePort, startSentinel, type Endpoint, type SentinelFixture } from '../../fixtures/redis';
import { adminCommand, describeEndpoint, pairsToRecord, parseInfo } from '../../fixtures/redis/admin';
import { killNode, waitForSentinelsToFlagDown } from '../../fixtures/redis/nodeDown';
import { waitFor } from '../../fixtures/redis/wait';
import { configFor } from '../keys/connectionConfigs';

/**
 * A Sentinel connection that opts in to `readFromReplicas` reads the master when no replica can be
 * read — the replica's link to the master is down, the replica is stopped (refusing, then flagged
 * down by Sentinel) — with one sentence saying so, still read-only and under the load budget; a
 * healthy replica is still the one read. INFO commandstats and CLIENT LIST on each node say which
 * node the analyses' commands reached.
 */

const TEMPLATES = ['session:{id}', 'cache:{id}'];
const SEEDED = 360;
/** Commands that change data: none may reach the master on a read-only analysis. */
const WRITES = /^cmdstat_(set|del|unlink|expire|pexpire|hset|rename|flushdb|flushall|bgsave|config\|set)$/;

async function commandStats(node: Endpoint): Promise<Record<string, number>> {
  const stats = parseInfo(await adminCommand(node, ['INFO', 'commandstats']));
  return Object.fromEntries(Object.entries(stats).filter(([k]) => k.startsWith('cmdstat_')).map(([k, v]) => [k, Number(/calls=(\d+)/.exec(v)?.[1] ?? 0)]));
}

const scanCalls = async (node: Endpoint): Promise<number> => (await commandStats(node)).cmdstat_scan ?? 0;

async function clientNames(node: Endpoint): Promise<string[]> {
  return String(await adminCommand(node, ['CLIENT', 'LIST']))
    .split('\n')
    .map((line) => /\bname=(\S*)/.exec(line)?.[1] ?? '')
    .filter(Boolean);
}

describe('Live analyses on a Sentinel replica that cannot be read fall back to the master', function () {
  this.timeout(120_000);
  let fixture: SentinelFixture;
  const clients: RedisClient[] = [];

  before(async () => {
    fixture = await startSentinel();
    const writer = new Redis({ host: fixture.master.host, port: fixture.master.port });
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 240; i++) writes.push(i % 4 === 0 ? writer.set(`session:${i}`, 'v', 'EX', 3600) : writer.set(`session:${i}`, 'v'));
    for (let i = 0; i < SEEDED - 240; i++) writes.push(writer.hset(`cache:${i}`, { a: String(i) }));
    await Promise.all(writes);
    assert.equal(await writer.call('WAIT', '1', '1000'), 1, 'the replica acknowledged the seed');
    writer.disconnect();
  });
  after(async () => {
    for (const client of clients) client.disconnect();
    await fixture?.stop();
  });
  beforeEach(async () => {
    for (const node of [fixture.master, fixture.replica]) {
      // The replica is stopped by the last test.
      await adminCommand(node, ['CONFIG', 'RESETSTAT']).catch(() => undefined);
    }
  });

  /** What the extension does: a replica client (its own name), else the master's, for a read-only connection. */
  const readTarget = async (user?: { username: string; password: string }): Promise<ReadTarget<RedisClient>> => {
    const config = configFor(fixture.sentinels[0], { kind: 'sentinel', name: 'prod', masterName: fixture.masterName, sentinels: fixture.sentinels, readFromReplicas: true, readOnly: true, ...(user ? { username: user.username } : {}) });
    const open = async (replica: boolean): Promise<Redis> => {
      const client = createRedisClient(config, user ? { password: user.password } : {}, { lazyConnect: true, replica, clientName: replica ? 'test-replica-reads' : 'test-master-reads' }) as Redis;
      clients.push(client);
      client.on('error', () => undefined);
      await connectWithCause(client, handshakeDeadlineMs(config));
      return client;
    };
    return replicaOrMaster({ name: config.name, throughTunnel: false, replica: () => open(true), master: () => open(false) });
  };

  it('a healthy replica is still the one read: SCAN and the replica client on the replica, nothing on the master', async () => {
    const target = await readTarget();
    assert.equal(target.fellBack, false);
    assert.equal(target.readFrom, `read from replica ${describeEndpoint(fixture.replica)}`);
    const report = await collectLivePatternStats(target.client, { templates: TEMPLATES, sampleSize: 1000, budget: null });
    assert.equal(report.totalKeys, SEEDED);
    assert.ok((await scanCalls(fixture.replica)) > 0, 'SCAN ran on the replica');
    assert.equal(await scanCalls(fixture.master), 0, 'no SCAN on the master');
    assert.ok((await clientNames(fixture.replica)).includes('test-replica-reads'));
    assert.ok(!(await clientNames(fixture.master)).includes('test-replica-reads'));
  });

  it('a replica whose link to the master is down: the master is read, and the sentence says why', async () => {
    // A wrong masterauth makes the replica's next sync fail; killing its link starts that sync.
    await adminCommand(fixture.replica, ['CONFIG', 'SET', 'masterauth', 'wrong-password']);
    try {
      await adminCommand(fixture.replica, ['CLIENT', 'KILL', 'TYPE', 'master']);
      await waitFor('the replica to lose its master link', async () => {
        const link = parseInfo(await adminCommand(fixture.replica, ['INFO', 'replication'])).master_link_status;
        return link === 'down' ? true : `master_link_status:${link}`;
      }, 20_000);
      // Sentinel still lists it as a replica that is up: only the replica itself tells.
      const listed = ((await adminCommand(fixture.sentinels[0], ['SENTINEL', 'REPLICAS', fixture.masterName])) as unknown[]).map(pairsToRecord);
      assert.ok(listed.some((r) => r.port === String(fixture.replica.port) && !/s_down|disconnected/.test(r.flags)), JSON.stringify(listed));

      const target = await readTarget();
      assert.equal(target.fellBack, true);
      assert.equal(target.readFrom, 'No replica of "prod" can be read (its link to the master is down (master_link_status:down)), so the analysis reads the master.');
      const report = await analyzeLiveMemory(target.client, { budget: null });
      assert.equal(report.complete, true);
      assert.equal(report.report.totalKeys, SEEDED);
      assert.ok((await scanCalls(fixture.master)) > 0, 'SCAN ran on the master');
      assert.equal(await scanCalls(fixture.replica), 0, 'no SCAN on the cut-off replica');
    } finally {
      await adminCommand(fixture.replica, ['CONFIG', 'SET', 'masterauth', '']);
      await adminCommand(fixture.replica, ['CLIENT', 'KILL', 'TYPE', 'master']).catch(() => undefined);
      await waitFor('the replica to sync again', async () => {
        const link = parseInfo(await adminCommand(fixture.replica, ['INFO', 'replication'])).master_link_status;
        return link === 'up' ? true : `master_link_status:${link}`;
      }, 30_000);
    }
  });

  it('a replica that refuses the connection (its ACL lacks the user the master has): the master is read', async () => {
    // ACL SETUSER is not replicated: the user exists on the master only.
    await adminCommand(fixture.master, ['ACL', 'SETUSER', 'reader', 'on', '>reader-pw', '~*', '+@read', '+@connection', '+info', '+memory', '+client']);
    try {
      const target = await readTarget({ username: 'reader', password: 'reader-pw' });
      assert.equal(target.fellBack, true);
      assert.match(target.readFrom, /^No replica of "prod" can be read \(WRONGPASS invalid username-password pair or user is disabled\), so the analysis reads the master\.$/);
      const report = await collectLivePatternStats(target.client, { templates: TEMPLATES, sampleSize: 1000, budget: null });
      assert.equal(report.totalKeys, SEEDED);
      assert.ok((await scanCalls(fixture.master)) > 0, 'SCAN ran on the master');
      assert.equal(await scanCalls(fixture.replica), 0);
    } finally {
      await adminCommand(fixture.master, ['ACL', 'DELUSER', 'reader']);
    }
  });

  it('a replica address that refuses TCP connections is named in the sentence', async () => {
    const port = await freePort();
    const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    const target = await replicaOrMaster({ name: 'prod', throughTunnel: false, replica: () => connectWithCause(client, 5000).then(() => client), master: () => Promise.resolve('the master') });
    assert.deepEqual(target, { client: 'the master', readFrom: `No replica of "prod" can be read (replica 127.0.0.1:${port} refuses connections), so the analysis reads the master.`, fellBack: true });
  });

  it('a stopped replica (refusing, then flagged down by Sentinel): the master is read, read-only and under the load budget', async () => {
    const replica = fixture.replica;
    await killNode((node) => fixture.pidOf(node), replica);

    const refusing = await readTarget();
    assert.equal(refusing.fellBack, true);
    // Sentinel may already have flagged it (it sees the link drop at once), or still name it.
    const named = `No replica of "prod" can be read (replica ${describeEndpoint(replica)} refuses connections), so the analysis reads the master.`;
    const flagged = 'No replica of "prod" can be read (Sentinel names no replica that is up), so the analysis reads the master.';
    assert.ok([named, flagged].includes(refusing.readFrom), refusing.readFrom);

    await waitForSentinelsToFlagDown(fixture, replica);

    const target = await readTarget();
    assert.equal(target.fellBack, true);
    assert.equal(target.readFrom, flagged);
    assert.ok((await clientNames(fixture.master)).includes('test-master-reads'));

    const limit = 20;
    const burst = 2;
    const started = performance.now();
    const report = await collectLivePatternStats(target.client, { templates: TEMPLATES, sampleSize: 1000, count: 20, budget: new LoadBudget({ maxScansPerSecond: limit, scanBurst: burst }) });
    const elapsedS = (performance.now() - started) / 1000;
    assert.equal(report.complete, true);
    assert.equal(report.totalKeys, SEEDED);
    const stats = await commandStats(fixture.master);
    const calls = stats.cmdstat_scan ?? 0;
    assert.ok(calls >= 10, `the pass needed ${calls} SCAN calls`);
    assert.ok(calls <= limit * elapsedS + burst, `${calls} SCAN calls in ${elapsedS.toFixed(2)} s: the budget holds on the master`);
    assert.deepEqual(Object.keys(stats).filter((name) => WRITES.test(name)), [], 'nothing but reads reached the master');
  });
});
