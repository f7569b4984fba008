import assert from 'node:assert/strict';
import type Redis from 'ioredis';
import { countMatchingKeys, deleteMatchingKeys } from '../../../src/core/redis/keyspace/bulkDelete';
import { connectWithin, createRedisClient, handshakeDeadlineMs, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { describeConnectionError } from '../../../src/core/redis/connection/connectionErrors';
import { probeConnection } from '../../../src/core/redis/connection/connectionProbe';
import { discoverDashboardNodes } from '../../../src/core/redis/server/dashboardNodes';
import { DashboardPoller } from '../../../src/core/redis/server/dashboardPoller';
import { fetchKeyMetadata } from '../../../src/core/redis/keyspace/keyMetadata';
import { KeyspaceBrowser } from '../../../src/core/redis/keyspace/keyspaceBrowser';
import { readValueView } from '../../../src/core/redis/values/valueReader';
import { ValuePager } from '../../../src/core/redis/values/valuePager';
import { saveString } from '../../../src/core/redis/values/types/stringValue';
import { allowAllWrites } from '../../../src/core/redis/safety/writeGuard';
import { freePort, startStandalone, type RedisFixture } from '../../fixtures/redis';
import { waitFor } from '../../fixtures/redis/wait';
import { configFor } from '../keys/connectionConfigs';
import { injectFault } from './faultLedger';
import { settleWithin, thaw, whileFrozen } from './faultTools';

const DEADLINES = { commandTimeoutMs: 300, slowCommandTimeoutMs: 600 };
/** Far above the deadline: an operation still pending by then hangs. */
const HANG_MS = 3000;
const NOT_ANSWERING = /the server is not answering \(no reply within (300|600) ms\)/;

/** The message a feature would show for `error`, as the UI gets it through the error translator. */
function shown(error: Error): string {
  return describeConnectionError(error).message;
}

describe('faults: a frozen server (SIGSTOP) never hangs a feature', () => {
  let server: RedisFixture;
  let client: RedisClient;
  const root = Buffer.alloc(0);

  before(async () => {
    server = await startStandalone();
    client = createRedisClient(configFor(server, { connectTimeoutMs: 500 }), {}, { reconnect: true, lazyConnect: true, deadlines: DEADLINES });
    client.on('error', () => undefined);
    await client.connect();
    await (client as Redis).call('DEBUG', 'POPULATE', '3000', 'k');
    await (client as Redis).set('editme', 'hello');
  });
  afterEach(() => thaw(server));
  after(async () => {
    client?.disconnect();
    thaw(server);
    await server?.stop();
  });

  /** Runs `operation` with the server frozen: it must fail within the deadline saying so, and work again once the server resumes. */
  async function survives(feature: Parameters<typeof injectFault>[0], operation: () => Promise<unknown>): Promise<void> {
    const fault = injectFault(feature, 'SIGSTOP');
    const outcome = await whileFrozen(server, () => settleWithin(operation(), HANG_MS));
    assert.equal(outcome.state, 'rejected', `${feature} hung on a frozen server`);
    if (outcome.state === 'rejected') assert.match(shown(outcome.error), NOT_ANSWERING);
    await operation();
    fault.survived();
  }

  it('tree: loading keys fails with "not answering" and loads again after SIGCONT', async () => {
    await survives('tree', () => new KeyspaceBrowser(client, { delimiter: ':', count: 100 }).loadMore(root, { minNewKeys: 5000 }));
  });

  it('tree: key metadata (type, TTL) of the visible keys', async () => {
    await survives('tree', async () => {
      const rows = await fetchKeyMetadata(client, [Buffer.from('k:1'), Buffer.from('k:2')]);
      return rows;
    });
  });

  it('bulk: counting and deleting by pattern', async () => {
    await survives('bulk', () => countMatchingKeys(client, 'k:1*'));
    await survives('bulk', () => deleteMatchingKeys(client, 'nothing:*', allowAllWrites));
  });

  it('editor: opening a key and saving a string', async () => {
    await survives('editor', () => readValueView(client, Buffer.from('editme'), new ValuePager(200, 1024 * 1024)));
    await survives('editor', () => saveString(client, Buffer.from('editme'), Buffer.from('hello'), { original: Buffer.from('hello') }, allowAllWrites));
  });

  it('dashboard: a tick reports the node in error instead of waiting', async () => {
    const fault = injectFault('dashboard', 'SIGSTOP');
    const poller = new DashboardPoller(await discoverDashboardNodes(client), { intervalMs: 250, requestTimeoutMs: 400 });
    const frozen = await whileFrozen(server, () => settleWithin(poller.tick(), HANG_MS));
    assert.equal(frozen.state, 'fulfilled');
    if (frozen.state === 'fulfilled') assert.equal(frozen.value.nodes[0].ok, false);
    // The next ticks (one interval later in the panel) answer again.
    await waitFor('the dashboard to answer again', async () => ((await poller.tick()).nodes[0].ok ? true : 'node in error'), 5000, 100);
    fault.survived();
  });

  it('editor: opening a key on a Cluster connection that never gets ready fails within the deadline', async () => {
    const fault = injectFault('editor', 'cluster never ready');
    const nowhere = await freePort();
    const cluster = createRedisClient(configFor({ host: '127.0.0.1', port: nowhere }, { kind: 'cluster', connectTimeoutMs: 200 }), {}, { reconnect: true, deadlines: DEADLINES });
    cluster.on('error', () => undefined);
    try {
      const outcome = await settleWithin(readValueView(cluster, Buffer.from('editme'), new ValuePager(200, 1024 * 1024)), HANG_MS);
      assert.equal(outcome.state, 'rejected', 'opening a key waited for a Cluster that never got ready');
      if (outcome.state === 'rejected') assert.match(shown(outcome.error), NOT_ANSWERING);
    } finally {
      cluster.disconnect();
    }
    fault.survived();
  });

  it('a new connection to a frozen server fails its handshake within the deadline', async () => {
    const fault = injectFault('tree', 'SIGSTOP');
    const outcome = await whileFrozen(server, () => settleWithin(probeConnection(configFor(server, { connectTimeoutMs: 500 }), {}, { deadlines: DEADLINES }), HANG_MS));
    assert.equal(outcome.state, 'fulfilled');
    if (outcome.state === 'fulfilled') assert.equal(outcome.value.ok, false);
    const fresh = createRedisClient(configFor(server, { connectTimeoutMs: 500 }), {}, { lazyConnect: true, deadlines: DEADLINES });
    const seen: Error[] = [];
    fresh.on('error', (error: Error) => void seen.push(error));
    const connecting = await whileFrozen(server, () => settleWithin(connectWithin(fresh, handshakeDeadlineMs(configFor(server, { connectTimeoutMs: 500 }), DEADLINES)), HANG_MS));
    fresh.disconnect();
    assert.equal(connecting.state, 'rejected', 'connect() hung on a frozen server');
    if (connecting.state === 'rejected') assert.match(describeConnectionError([connecting.error, ...seen]).message, /the server is not answering \(no reply within \d+ ms\)/);
    fault.survived();
  });
});
