import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { CliSession } from '../../../src/core/terminal/cliSession';
import { cliTargetFor } from '../../../src/core/terminal/cliTarget';
import { keySlot } from '../../../src/core/redis/keyspace/keySlot';
import { startCluster, startStandalone, type ClusterFixture, type RedisFixture } from '../../fixtures/redis';
import { plain, waitUntil } from '../terminal/cliHarness';
import { configFor } from '../keys/connectionConfigs';
import { injectFault } from './faultLedger';
import { settleWithin, thaw, freeze } from './faultTools';

const DEADLINES = { commandTimeoutMs: 300, slowCommandTimeoutMs: 600 };
const HANG_MS = 4000;

/** A CLI session on `endpoint` with short deadlines (or the ones given), recording what it writes. */
function cli(endpoint: { host: string; port: number }, overrides: Parameters<typeof configFor>[1] = {}, deadlines = DEADLINES): { session: CliSession; output: () => string; exited: () => boolean } {
  let output = '';
  let exited = false;
  const session = new CliSession({
    target: cliTargetFor(configFor(endpoint, { connectTimeoutMs: 500, ...overrides }), {}, deadlines),
    write: (text) => (output += text),
    onExit: () => (exited = true),
  });
  return { session, output: () => plain(output), exited: () => exited };
}

/** Types a line and waits (bounded) for the next prompt. */
async function type(session: CliSession, line: string): Promise<'idle' | 'pending'> {
  session.handleInput(`${line}\r`);
  const outcome = await settleWithin(session.whenIdle(), HANG_MS);
  return outcome.state === 'fulfilled' ? 'idle' : 'pending';
}

describe('faults: the Redis CLI with a frozen server', () => {
  let server: RedisFixture;
  let admin: Redis;
  const sessions: CliSession[] = [];
  const open = (): ReturnType<typeof cli> => {
    const opened = cli(server);
    sessions.push(opened.session);
    return opened;
  };

  before(async () => {
    server = await startStandalone();
    admin = new Redis({ port: server.port });
  });
  afterEach(() => {
    thaw(server);
    for (const session of sessions.splice(0)) session.close();
  });
  after(async () => {
    admin?.disconnect();
    thaw(server);
    await server?.stop();
  });

  it('opens a terminal on a frozen server: the handshake fails within its deadline, and the next command connects after SIGCONT', async () => {
    const fault = injectFault('cli', 'SIGSTOP');
    const { session, output } = open();
    freeze(server);
    const started = await settleWithin(session.start(), HANG_MS);
    thaw(server);
    assert.equal(started.state, 'fulfilled', 'opening the terminal hung');
    assert.match(output(), /the server is not answering \(no reply within 300 ms\)/);
    assert.equal(session.prompt, 'not connected> ');
    assert.equal(await type(session, 'set resumed 1'), 'idle');
    assert.match(output(), /OK\n127\.0\.0\.1:\d+> $/);
    fault.survived();
  });

  it('a command on a frozen server says "not answering"; Ctrl-C and quit work while it is frozen', async () => {
    const fault = injectFault('cli', 'SIGSTOP');
    const { session, output, exited } = open();
    await session.start();
    freeze(server);
    assert.equal(await type(session, 'get a'), 'idle');
    assert.match(output(), /the server is not answering \(no reply within 300 ms\)/);
    // A blocking command without timeout: only Ctrl-C ends it, even though the server cannot answer.
    session.handleInput('blpop nothing 0\r');
    session.handleInput('\x03');
    assert.equal((await settleWithin(session.whenIdle(), HANG_MS)).state, 'fulfilled', 'Ctrl-C did not bring the prompt back');
    session.handleInput('quit\r');
    assert.ok(exited(), 'quit did not leave');
    thaw(server);
    fault.survived();
  });

  it('Ctrl-C stops waiting for a frozen server at once, even with long deadlines (opening a terminal, and the reconnect after an interrupt)', async () => {
    const fault = injectFault('cli', 'SIGSTOP');
    const patient = { commandTimeoutMs: 60_000, slowCommandTimeoutMs: 60_000 };
    const opening = cli(server, {}, patient);
    sessions.push(opening.session);
    freeze(server);
    const starting = opening.session.start();
    opening.session.handleInput('\x03');
    assert.equal((await settleWithin(starting, HANG_MS)).state, 'fulfilled', 'Ctrl-C did not stop the handshake');
    assert.equal(opening.session.prompt, 'not connected> ');
    thaw(server);

    const running = cli(server, {}, patient);
    sessions.push(running.session);
    await running.session.start();
    freeze(server);
    running.session.handleInput('get a\r');
    running.session.handleInput('\x03');
    // The first Ctrl-C reconnects, which a frozen server never lets finish; the second stops that.
    running.session.handleInput('\x03');
    assert.equal((await settleWithin(running.session.whenIdle(), HANG_MS)).state, 'fulfilled', 'the second Ctrl-C did not bring the prompt back');
    assert.equal(running.session.prompt, 'not connected> ');
    thaw(server);
    assert.equal(await type(running.session, 'ping'), 'idle');
    assert.ok(running.output().endsWith(`PONG\n127.0.0.1:${server.port}> `), running.output().slice(-200));
    fault.survived();
  });

  it('blocking commands wait their own timeout (not the command deadline), then answer', async () => {
    const fault = injectFault('cli', 'SIGSTOP');
    const { session, output } = open();
    await session.start();
    assert.equal(await type(session, 'blpop nothing 1'), 'idle');
    assert.match(output(), /\(nil\)/);
    freeze(server);
    assert.equal(await type(session, 'blpop nothing 1'), 'idle');
    assert.match(output(), /not answering \(no reply within 1300 ms\)/);
    thaw(server);
    await waitUntil(async () => (await type(session, 'ping')) === 'idle' && output().endsWith(`PONG\n127.0.0.1:${server.port}> `), 'PONG after SIGCONT');
    fault.survived();
  });

  it('SUBSCRIBE waits indefinitely on a frozen server and stops on Ctrl-C', async () => {
    const fault = injectFault('cli', 'SIGSTOP');
    const { session, output } = open();
    await session.start();
    session.handleInput('subscribe news\r');
    await waitUntil(() => output().includes('Reading messages'), 'the subscription');
    freeze(server);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.doesNotMatch(output(), /not answering/);
    session.handleInput('\x03');
    assert.equal((await settleWithin(session.whenIdle(), HANG_MS)).state, 'fulfilled', 'Ctrl-C did not end SUBSCRIBE');
    thaw(server);
    assert.equal(await type(session, 'ping'), 'idle');
    assert.ok(output().endsWith(`PONG\n127.0.0.1:${server.port}> `), output().slice(-200));
    fault.survived();
  });
});

describe('CLI SSUBSCRIBE on a Cluster', () => {
  let cluster: ClusterFixture;
  before(async () => {
    cluster = await startCluster();
  });
  after(async () => {
    await cluster?.stop();
  });

  it('subscribes on the node that owns the shard channel and prints its messages', async () => {
    // A channel whose slot is not served by the node the terminal starts on.
    const first = cluster.masters[0];
    const channel = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((c) => `news-${c}`).find((c) => keySlot(Buffer.from(c)) > 16384 / 3 + 100) as string;
    const { session, output } = cli(first, { kind: 'cluster' });
    await session.start();
    session.handleInput(`ssubscribe ${channel}\r`);
    await waitUntil(() => /1\) "ssubscribe"\n2\) "news-/.test(output()), 'the subscription confirmation');
    const publisher = new Redis.Cluster([first]);
    try {
      await waitUntil(async () => Number(await publisher.spublish(channel, 'hello')) === 1, 'a shard subscriber');
    } finally {
      publisher.disconnect();
    }
    await waitUntil(() => output().includes('"hello"'), 'the message');
    session.handleInput('\x03');
    await session.whenIdle();
    session.close();
  });
});
