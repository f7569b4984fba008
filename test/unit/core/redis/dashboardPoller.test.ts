import assert from 'node:assert/strict';
import { ALL_NODES, DashboardPoller, INFO_SECTIONS, type DashboardNode, type DashboardTick } from '../../../../src/core/redis/server/dashboardPoller';

/** A scripted node that records every call; each INFO reply advances its counters. */
class FakeNode implements DashboardNode {
  readonly calls: string[] = [];
  infoSections: (readonly string[])[] = [];
  commands = 0;
  failNext: Error | undefined;
  hang = false;
  configError: Error | undefined;
  constructor(
    readonly id: string,
    readonly version = '7.2.4',
    readonly role = 'master',
  ) {}
  get label(): string {
    return `${this.id} (${this.role})`;
  }
  private answer<T>(name: string, value: () => T): Promise<T> {
    this.calls.push(name);
    if (this.hang) return new Promise<T>(() => undefined);
    const error = this.failNext;
    this.failNext = undefined;
    return error ? Promise.reject(error) : Promise.resolve(value());
  }
  info(sections: readonly string[]): Promise<string> {
    this.infoSections.push(sections);
    return this.answer('info', () => {
      this.commands += 100;
      return [
        '# Server',
        `redis_version:${this.version}`,
        'redis_mode:cluster',
        `server_time_usec:${this.commands * 10_000}`,
        'uptime_in_seconds:50',
        '# Stats',
        `total_commands_processed:${this.commands}`,
        '# Replication',
        `role:${this.role}`,
        '# Commandstats',
        'cmdstat_get:calls=10,usec=50,usec_per_call=5.00,rejected_calls=0,failed_calls=0',
        '# Keyspace',
        'db0:keys=10,expires=5,avg_ttl=100',
        '',
      ].join('\r\n');
    });
  }
  slowlog(count: number): Promise<unknown> {
    return this.answer(`slowlog ${count}`, () => [[1, 1000, 20_000, [Buffer.from('DEBUG'), Buffer.from('SLEEP')], Buffer.from('1.2.3.4:5'), Buffer.from('')]]);
  }
  configGet(pattern: string): Promise<unknown> {
    if (this.configError) {
      this.calls.push(`config ${pattern}`);
      return Promise.reject(this.configError);
    }
    return this.answer(`config ${pattern}`, () => ['slowlog-log-slower-than', '10000', 'slowlog-max-len', '128']);
  }
  slowlogReset(): Promise<void> {
    return this.answer('slowlog reset', () => undefined);
  }
}

function okNode(tick: DashboardTick, id: string) {
  const node = tick.nodes.find((n) => n.nodeId === id);
  assert.ok(node?.ok, `node ${id} answered: ${JSON.stringify(node)}`);
  return node;
}

describe('DashboardPoller', () => {
  it('sends one INFO and one SLOWLOG GET per node per tick, CONFIG GET on the first tick and every N ticks', async () => {
    const node = new FakeNode('a');
    const poller = new DashboardPoller([node], { configEveryTicks: 3, slowlogCount: 16 });
    for (let i = 0; i < 4; i++) await poller.tick();
    assert.deepEqual(node.calls, [
      'info', 'slowlog 16', 'config slowlog-*',
      'info', 'slowlog 16',
      'info', 'slowlog 16',
      'info', 'slowlog 16', 'config slowlog-*',
    ]);
  });
  it('asks INFO all until the version is known, then only the needed sections on Redis 7+', async () => {
    const modern = new FakeNode('a', '7.0.15');
    const old = new FakeNode('b', '6.2.14');
    const poller = new DashboardPoller([modern, old]);
    await poller.tick();
    await poller.tick();
    assert.deepEqual(modern.infoSections, [['all'], INFO_SECTIONS]);
    assert.deepEqual(old.infoSections, [['all'], ['all']]);
  });
  it('emits typed node results with parsed data and a merged view', async () => {
    const a = new FakeNode('a');
    const b = new FakeNode('b', '7.2.4', 'slave');
    const poller = new DashboardPoller([a, b]);
    const seen: DashboardTick[] = [];
    poller.onTick((t) => seen.push(t));
    await poller.tick();
    const tick = await poller.tick();
    assert.equal(seen.length, 2);
    const node = okNode(tick, 'a');
    assert.equal(node.snapshot.role, 'master');
    assert.deepEqual(node.slowlogConfig, { slowerThanUsec: 10000, maxLen: 128 });
    assert.equal(node.slowlog[0].commandLine, 'DEBUG SLEEP');
    assert.equal(node.commandStats[0].command, 'get');
    // 100 commands per 1 s of server time, 2 of which were the poller's own.
    assert.equal(node.sample.opsPerSec, 97);
    assert.ok(tick.merged);
    assert.equal(tick.merged.nodeId, ALL_NODES);
    assert.equal(tick.merged.snapshot.role, '1 master, 1 replica');
    assert.equal(tick.merged.snapshot.keyspace[0].keys, 10);
    assert.deepEqual(tick.merged.slowlog.map((e) => e.nodeId), ['a', 'b']);
    assert.equal(tick.merged.sample.hitRatio, tick.merged.snapshot.hitRatio, 'the merged chart and card show one hit ratio');
    assert.equal(poller.history('a').length, 2);
    assert.equal(poller.history(ALL_NODES).length, 2);
    assert.deepEqual(poller.history('nope'), []);
  });
  it('has no merged view for a single node', async () => {
    const tick = await new DashboardPoller([new FakeNode('a')]).tick();
    assert.equal(tick.merged, undefined);
  });
  it('reports a failing node and recovers on the next tick', async () => {
    const a = new FakeNode('a');
    const b = new FakeNode('b');
    const poller = new DashboardPoller([a, b]);
    await poller.tick();
    a.failNext = new Error('Connection is closed.');
    const failed = await poller.tick();
    assert.deepEqual(failed.nodes.find((n) => n.nodeId === 'a'), { nodeId: 'a', ok: false, error: 'Connection is closed.' });
    okNode(failed, 'b');
    assert.equal(failed.merged?.snapshot.role, '1 master, 0 replicas');
    const recovered = await poller.tick();
    // Rates restart from the instantaneous fields: the commands sent meanwhile are unknown.
    assert.equal(okNode(recovered, 'a').sample.opsPerSec, 0);
    assert.equal(okNode(await poller.tick(), 'a').sample.opsPerSec, 97);
  });
  it('times out a node that does not answer and does not pile requests onto it', async () => {
    const a = new FakeNode('a');
    a.hang = true;
    const poller = new DashboardPoller([a], { requestTimeoutMs: 20 });
    const first = await poller.tick();
    assert.equal(first.nodes[0].ok, false);
    assert.match(first.nodes[0].ok ? '' : first.nodes[0].error, /INFO on a \(master\) got no reply within 20 ms/);
    const callsBefore = a.calls.length;
    const second = await poller.tick();
    assert.match(second.nodes[0].ok ? '' : second.nodes[0].error, /still waiting for the previous request/);
    assert.equal(a.calls.length, callsBefore);
  });
  it('stops asking CONFIG GET where CONFIG is disabled, and still polls', async () => {
    const a = new FakeNode('a');
    a.configError = new Error("ERR unknown command 'CONFIG'");
    const poller = new DashboardPoller([a], { configEveryTicks: 1 });
    const ticks = [await poller.tick(), await poller.tick(), await poller.tick()];
    assert.equal(a.calls.filter((c) => c.startsWith('config')).length, 1);
    assert.deepEqual(okNode(ticks[2], 'a').slowlogConfig, { slowerThanUsec: null, maxLen: null });
  });
  it('polls only between start() and stop()', async () => {
    const a = new FakeNode('a');
    const poller = new DashboardPoller([a], { intervalMs: 5 });
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(a.calls.length, 0, 'nothing before start()');
    let ticks = 0;
    const enough = new Promise<void>((resolve) => poller.onTick(() => ++ticks === 3 && resolve()));
    poller.start();
    assert.equal(poller.isRunning, true);
    await enough;
    poller.stop();
    await poller.tick(); // let a tick in flight at stop() finish
    const callsAtStop = a.calls.length;
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(a.calls.length, callsAtStop, 'no request after stop()');
    assert.equal(poller.isRunning, false);
  });
  it('keeps polling when a listener throws', async () => {
    const poller = new DashboardPoller([new FakeNode('a')]);
    let calls = 0;
    poller.onTick(() => {
      throw new Error('boom');
    });
    poller.onTick(() => calls++);
    await poller.tick();
    assert.equal(calls, 1);
  });
  it('resets the slowlog of the chosen nodes, all of them for the merged view', async () => {
    const a = new FakeNode('a');
    const b = new FakeNode('b');
    const poller = new DashboardPoller([a, b]);
    await poller.resetSlowlog(['b']);
    assert.deepEqual([a.calls, b.calls], [[], ['slowlog reset']]);
    await poller.resetSlowlog([ALL_NODES]);
    assert.deepEqual([a.calls, b.calls], [['slowlog reset'], ['slowlog reset', 'slowlog reset']]);
  });
  it('keeps history across setNodes() for nodes that remain, and validates ids and options', async () => {
    const poller = new DashboardPoller([new FakeNode('a'), new FakeNode('b')]);
    await poller.tick();
    poller.setNodes([new FakeNode('a')]);
    assert.equal(poller.history('a').length, 1);
    assert.deepEqual(poller.history('b'), []);
    assert.throws(() => poller.setNodes([new FakeNode('x'), new FakeNode('x')]), /must be unique/);
    assert.throws(() => poller.setNodes([new FakeNode(ALL_NODES)]), /must be unique and not "\*"/);
    assert.throws(() => new DashboardPoller([], { intervalMs: 0 }), /intervalMs must be a positive number, got 0/);
  });
  it('closes the connections of nodes it no longer polls, and all of them on dispose()', () => {
    const closed: string[] = [];
    const closing = (id: string): DashboardNode => Object.assign(new FakeNode(id), { close: () => closed.push(id) });
    const a = closing('a');
    const poller = new DashboardPoller([a, closing('b')]);
    poller.setNodes([a, closing('b')]);
    assert.deepEqual(closed, ['b'], 'the replaced node object is closed, the kept one is not');
    poller.dispose();
    assert.deepEqual(closed.sort(), ['a', 'b', 'b']);
    assert.equal(poller.isRunning, false);
    assert.deepEqual(poller.nodes, []);
  });
});

describe('DashboardPoller: following the topology', () => {
  it('re-discovers while polling and takes a node list with other ids, keeping the history of nodes that remain', async () => {
    const now = 0;
    const a = new FakeNode('a');
    let found: DashboardNode[] = [new FakeNode('a')];
    const poller = new DashboardPoller([a], { discover: () => Promise.resolve(found), discoverEveryMs: 1000, now: () => now });
    const changes: string[][] = [];
    poller.onNodesChanged((nodes) => changes.push(nodes.map((n) => n.id)));
    await poller.tick();
    assert.equal(await poller.rediscover(), false, 'the same ids: nothing changes');
    assert.equal(poller.nodes[0], a, 'the current node objects stay');
    const b = new FakeNode('b', '7.2.4', 'slave');
    found = [new FakeNode('a'), b];
    assert.equal(await poller.rediscover(), true);
    assert.deepEqual(changes, [['a', 'b']]);
    assert.equal(poller.history('a').length, 1);
    const tick = await poller.tick();
    assert.deepEqual(tick.nodes.map((n) => n.nodeId), ['a', 'b']);
    assert.equal(tick.merged?.snapshot.role, '1 master, 1 replica');
    poller.dispose();
  });

  it('runs the discovery on schedule between ticks, and keeps the nodes when it fails', async () => {
    let discoveries = 0;
    let fail = true;
    const poller = new DashboardPoller([new FakeNode('a')], {
      intervalMs: 10,
      discoverEveryMs: 20,
      discover: () => {
        discoveries++;
        return fail ? Promise.reject(new Error('no sentinel answered')) : Promise.resolve([new FakeNode('a'), new FakeNode('c')]);
      },
    });
    const changed = new Promise<readonly DashboardNode[]>((resolve) => poller.onNodesChanged(resolve));
    poller.start();
    while (discoveries < 2) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(poller.nodes.map((n) => n.id), ['a'], 'a failed discovery keeps the nodes');
    fail = false;
    assert.deepEqual((await changed).map((n) => n.id), ['a', 'c']);
    poller.dispose();
  });

  it('closes what a discovery opened when it changes nothing, or comes after dispose()', async () => {
    const closed: string[] = [];
    const closing = (id: string): DashboardNode => Object.assign(new FakeNode(id), { close: () => closed.push(id) });
    let found = [closing('a')];
    const poller = new DashboardPoller([new FakeNode('a')], { discover: () => Promise.resolve(found) });
    await poller.rediscover();
    assert.deepEqual(closed, ['a']);
    poller.dispose();
    found = [closing('x')];
    assert.equal(await poller.rediscover(), false);
    assert.deepEqual(closed, ['a', 'x']);
    assert.deepEqual(poller.nodes, []);
  });
});
