import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { CliSession } from '../../../src/core/terminal/cliSession';
import { cliTargetFor } from '../../../src/core/terminal/cliTarget';
import { countMatchingKeys } from '../../../src/core/redis/keyspace/bulkDelete';
import { createRedisClient, type RedisClient } from '../../../src/core/redis/connection/clientFactory';
import { describeConnectionError } from '../../../src/core/redis/connection/connectionErrors';
import { discoverDashboardNodes } from '../../../src/core/redis/server/dashboardNodes';
import { DashboardPoller } from '../../../src/core/redis/server/dashboardPoller';
import { KeyspaceBrowser } from '../../../src/core/redis/keyspace/keyspaceBrowser';
import { readValueView } from '../../../src/core/redis/values/valueReader';
import { ValuePager } from '../../../src/core/redis/values/valuePager';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { waitFor } from '../../fixtures/redis/wait';
import { plain } from '../terminal/cliHarness';
import { configFor } from '../keys/connectionConfigs';
import { injectFault, type Feature } from './faultLedger';
import { FaultyProxy, settleWithin } from './faultTools';

const DEADLINES = { commandTimeoutMs: 300, slowCommandTimeoutMs: 600 };
const HANG_MS = 4000;
const root = Buffer.alloc(0);

/** Every feature's read, over one client (and one CLI session): each must fail clearly under a fault and work after it. */
function featureProbes(client: RedisClient, cli: CliSession, output: () => string): Record<Feature, () => Promise<void>> {
  let poller: DashboardPoller | undefined;
  return {
    tree: async () => void (await new KeyspaceBrowser(client, { delimiter: ':', count: 50 }).loadMore(root, { minNewKeys: 200 })),
    editor: async () => void (await readValueView(client, Buffer.from('k:1'), new ValuePager(200, 1024 * 1024))),
    bulk: async () => void (await countMatchingKeys(client, 'k:*')),
    dashboard: async () => {
      poller ??= new DashboardPoller(await discoverDashboardNodes(client), { intervalMs: 250, requestTimeoutMs: 400 });
      const tick = await poller.tick();
      if (!tick.nodes[0].ok) throw new Error(tick.nodes[0].error);
    },
    cli: async () => {
      const from = output().length;
      cli.handleInput('get k:1\r');
      const idle = await settleWithin(cli.whenIdle(), HANG_MS);
      if (idle.state !== 'fulfilled') throw new Error('the CLI hung');
      const printed = output().slice(from);
      if (!printed.includes('"value:1"')) throw new Error(printed.trim().split('\n').slice(-2).join(' '));
    },
  };
}

/** Each feature fails (never hangs) with an explained error while the fault lasts. */
async function failClearly(probes: Record<Feature, () => Promise<void>>, expected: RegExp, fault: string): Promise<Map<Feature, ReturnType<typeof injectFault>>> {
  const faults = new Map<Feature, ReturnType<typeof injectFault>>();
  for (const [feature, probe] of Object.entries(probes) as [Feature, () => Promise<void>][]) {
    faults.set(feature, injectFault(feature, fault));
    const outcome = await settleWithin(probe(), HANG_MS);
    assert.equal(outcome.state, 'rejected', `${feature} did not fail under ${fault}`);
    if (outcome.state === 'rejected') assert.match(describeConnectionError(outcome.error).message + outcome.error.message, expected, `${feature}: ${outcome.error.message}`);
  }
  return faults;
}

/** …and works again once the fault is gone. */
async function recover(probes: Record<Feature, () => Promise<void>>, faults: Map<Feature, ReturnType<typeof injectFault>>): Promise<void> {
  for (const [feature, probe] of Object.entries(probes) as [Feature, () => Promise<void>][]) {
    await waitFor(`${feature} to work again`, async () => {
      await probe();
      return true;
    }, 15_000, 200);
    faults.get(feature)?.survived();
  }
}

function session(port: number): { cli: CliSession; output: () => string } {
  let text = '';
  const cli = new CliSession({ target: cliTargetFor(configFor({ host: '127.0.0.1', port }, { connectTimeoutMs: 500 }), {}, DEADLINES), write: (t) => (text += t) });
  return { cli, output: () => plain(text) };
}

describe('faults: SIGKILL and restart', () => {
  let server: RedisFixture;
  let restarted: ChildProcess | undefined;
  let client: RedisClient;
  let cli: CliSession;
  let probes: Record<Feature, () => Promise<void>>;

  before(async () => {
    server = await startStandalone();
    client = createRedisClient(configFor(server, { connectTimeoutMs: 500 }), {}, { reconnect: true, lazyConnect: true, deadlines: DEADLINES });
    client.on('error', () => undefined);
    await client.connect();
    await (client as Redis).call('DEBUG', 'POPULATE', '500', 'k');
    const opened = session(server.port);
    cli = opened.cli;
    await cli.start();
    probes = featureProbes(client, cli, opened.output);
    for (const probe of Object.values(probes)) await probe();
  });
  after(async () => {
    cli?.close();
    client?.disconnect();
    if (restarted && restarted.exitCode === null) {
      restarted.kill('SIGKILL');
      await new Promise((resolve) => restarted?.once('exit', resolve));
    }
    await server?.stop();
  });

  it('every feature says the connection is lost or refused, then works once the server is back on the same port', async () => {
    process.kill(server.pid, 'SIGKILL');
    const faults = await failClearly(probes, /connection .*lost|refused|Server closed the connection|not answering/i, 'SIGKILL');
    restarted = spawn('redis-server', [join(server.dir, 'redis.conf')], { stdio: 'ignore' });
    await waitFor('the restarted server', async () => ((await (client as Redis).ping().catch(() => 'no')) === 'PONG' ? true : 'down'), 15_000, 100);
    await (client as Redis).call('DEBUG', 'POPULATE', '500', 'k');
    await recover(probes, faults);
  });
});

describe('faults: a network that stalls or cuts connections (TCP proxy)', () => {
  let server: RedisFixture;
  let proxy: FaultyProxy;
  let client: RedisClient;
  let cli: CliSession;
  let probes: Record<Feature, () => Promise<void>>;

  before(async () => {
    server = await startStandalone();
    proxy = await new FaultyProxy(server).start();
    client = createRedisClient(configFor({ host: '127.0.0.1', port: proxy.port }, { connectTimeoutMs: 500 }), {}, { reconnect: true, lazyConnect: true, deadlines: DEADLINES });
    client.on('error', () => undefined);
    await client.connect();
    await (client as Redis).call('DEBUG', 'POPULATE', '500', 'k');
    const opened = session(proxy.port);
    cli = opened.cli;
    await cli.start();
    probes = featureProbes(client, cli, opened.output);
  });
  after(async () => {
    cli?.close();
    client?.disconnect();
    await proxy?.close();
    await server?.stop();
  });

  it('a stalled network: every feature says the server is not answering, and works when traffic flows again', async () => {
    proxy.stall();
    let faults;
    try {
      faults = await failClearly(probes, /not answering \(no reply within \d+ ms\)/, 'network stall');
    } finally {
      proxy.resume();
    }
    await recover(probes, faults);
  });

  it('cut connections: every feature reconnects by itself', async () => {
    const faults = new Map<Feature, ReturnType<typeof injectFault>>();
    for (const feature of Object.keys(probes) as Feature[]) faults.set(feature, injectFault(feature, 'connection reset'));
    proxy.cut();
    await recover(probes, faults);
  });
});
