import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { freePort, startSentinel, startStandalone, startTls, type RedisFixture, type SentinelFixture, type TlsFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';
import { plain, RecordedSession, waitUntil } from './cliHarness';

describe('CLI terminal session (fixture servers)', () => {
  let server: RedisFixture;
  let admin: Redis;
  let session: RecordedSession;
  before(async () => {
    server = await startStandalone();
    admin = new Redis({ port: server.port });
  });
  beforeEach(async () => {
    await admin.flushall();
    session = await new RecordedSession(configFor(server)).start();
  });
  afterEach(() => session.close());
  after(async () => {
    admin.disconnect();
    await server.stop();
  });

  const prompt = (): string => session.session.prompt;

  it('tracks SELECT, MULTI and RESET in the prompt like redis-cli', async () => {
    assert.equal(prompt(), `127.0.0.1:${server.port}> `);
    await session.run('select 3');
    assert.equal(prompt(), `127.0.0.1:${server.port}[3]> `);
    await session.run('multi');
    assert.equal(prompt(), `127.0.0.1:${server.port}[3](TX)> `);
    await session.run('select 5');
    await session.run('discard');
    assert.equal(prompt(), `127.0.0.1:${server.port}[3]> `);
    await session.run('select 7');
    assert.equal(await session.run('set in-seven 1'), 'OK\n');
    assert.equal(await admin.select(7).then(() => admin.exists('in-seven')), 1);
    await admin.select(0);
    await session.run('reset');
    assert.equal(prompt(), `127.0.0.1:${server.port}> `);
    assert.equal(await session.run('select nope'), '(error) ERR value is not an integer or out of range\n');
    assert.equal(prompt(), `127.0.0.1:${server.port}> `);
  });

  it('recalls history with Up/Down and keeps secrets out of it', async () => {
    await session.run('set a 1');
    await session.run('get a');
    await session.run('auth not-the-password');
    session.session.handleInput('\x1b[A');
    assert.ok(session.output.endsWith(`${prompt()}get a`));
    session.session.handleInput('\x1b[A');
    assert.ok(session.output.endsWith(`${prompt()}set a 1`));
    session.session.handleInput('\x1b[B\x1b[B');
    assert.ok(session.output.endsWith(prompt()));
    assert.deepEqual(session.session.historyEntries, ['set a 1', 'get a']);
  });

  it('completes command names from COMMAND DOCS with Tab', () => {
    session.session.handleInput('clien\t');
    assert.ok(session.output.endsWith(`${prompt()}client `), 'single match completed');
    session.session.handleInput('\x15CONFIG S\t');
    assert.ok(session.output.endsWith(`${prompt()}CONFIG SET `), 'subcommand completed');
    session.session.handleInput('\x15getr\t');
    assert.ok(session.output.endsWith(`${prompt()}getrange `));
    const from = session.output.length;
    session.session.handleInput('\x15zran\t\t');
    const listed = session.plainSince(from);
    assert.match(listed, /zrange\s+zrangebylex\s+zrangebyscore\s+zrangestore/);
    session.session.handleInput('\x15');
  });

  it('prints help from COMMAND DOCS', async () => {
    const help = plain(await session.run('help set'));
    assert.match(help, /SET key value \[NX\|XX\] \[GET\] \[EX seconds\|PX milliseconds\|EXAT unix-time-seconds\|PXAT unix-time-milliseconds\|KEEPTTL\]/);
    assert.match(help, /summary: Set the string value of a key/);
  });

  it('asks before @dangerous commands', async () => {
    await admin.set('keep', '1');
    session.session.handleInput('flushall\r');
    await session.session.whenIdle();
    assert.match(session.output, /FLUSHALL is marked @dangerous by the server .* Run it on "fixture \d+"\? \[y\/N\] $/);
    session.session.handleInput('n');
    await session.session.whenIdle();
    assert.equal(await admin.exists('keep'), 1);
    assert.match(plain(session.output), /Not sent\.\n/);
    session.session.handleInput('flushall\r');
    await session.session.whenIdle();
    session.session.handleInput('y');
    await session.session.whenIdle();
    assert.equal(await admin.exists('keep'), 0);
    assert.equal(await session.run('info keyspace'), '# Keyspace\n');
  });

  it('streams MONITOR until Ctrl-C, then works normally', async () => {
    session.session.handleInput('monitor\r');
    await session.session.whenIdle();
    session.session.handleInput('y');
    await waitUntil(() => session.output.includes('OK\r\n'), 'MONITOR to start');
    await admin.set('watched', 'value');
    await waitUntil(() => session.output.includes('"set" "watched" "value"'), 'the monitored command');
    session.session.handleInput('\x03');
    await session.session.whenIdle();
    const clients = await admin.client('LIST');
    assert.doesNotMatch(String(clients), /flags=O/, 'no client left in monitor mode');
    assert.equal(await session.run('ping'), 'PONG\n');
  });

  it('streams SUBSCRIBE until Ctrl-C, then the channel has no subscriber', async () => {
    session.session.handleInput('subscribe ch1 ch2\r');
    await waitUntil(() => (session.output.match(/"subscribe"/g) ?? []).length === 2, 'both subscriptions');
    assert.match(plain(session.output), /Reading messages\.\.\. \(press Ctrl-C to quit\)\n1\) "subscribe"\n2\) "ch1"\n3\) \(integer\) 1\n/);
    await admin.publish('ch1', 'hello there');
    await waitUntil(() => session.output.includes('3) "hello there"'), 'the message');
    session.session.handleInput('\x03');
    await session.session.whenIdle();
    assert.deepEqual(await admin.pubsub('NUMSUB', 'ch1', 'ch2'), ['ch1', 0, 'ch2', 0]);
    assert.equal(await session.run('get x'), '(nil)\n');
  });

  it('streams PSUBSCRIBE in RESP3 and keeps RESP3 and the database after Ctrl-C', async () => {
    await session.run('select 2');
    await session.run('hello 3');
    session.session.handleInput('psubscribe news.*\r');
    await waitUntil(() => session.output.includes('"psubscribe"'), 'the subscription');
    await admin.publish('news.tech', 'x');
    await waitUntil(() => session.output.includes('4) "x"'), 'the message');
    session.session.handleInput('\x03');
    await session.session.whenIdle();
    await session.run('sadd s a');
    assert.equal(await session.run('smembers s'), '1~ "a"\n', 'RESP3 set after reconnect');
    assert.equal(prompt(), `127.0.0.1:${server.port}[2]> `);
  });

  it('ends streaming when the server refuses the subscription', async () => {
    const out = await session.run('subscribe');
    assert.equal(out, "Reading messages... (press Ctrl-C to quit)\n(error) ERR wrong number of arguments for 'subscribe' command\n");
    assert.equal(await session.run('ping'), 'PONG\n');
  });

  it('abandons a blocking command on Ctrl-C', async () => {
    session.session.handleInput('blpop nothing 0\r');
    await waitUntil(async () => String(await admin.client('LIST')).includes('cmd=blpop'), 'BLPOP to block');
    session.session.handleInput('\x03');
    await session.session.whenIdle();
    assert.equal(await session.run('ping'), 'PONG\n');
    assert.doesNotMatch(String(await admin.client('LIST')), /cmd=blpop/);
  });

  it('runs pasted lines in order and handles binary arguments', async () => {
    const from = session.output.length;
    session.session.handleInput('set "\\xff\\x00k" "\\x01"\rget "\\xff\\x00k"\r');
    await waitUntil(() => session.plainSince(from).includes('"\\x01"'), 'both lines');
    await session.session.whenIdle();
    assert.deepEqual(await admin.getBuffer(Buffer.from([0xff, 0x00, 0x6b])), Buffer.from([0x01]));
  });

  it('shows RESP3 invalidation pushes as they arrive, then redraws the prompt', async () => {
    await admin.set('cached', '1');
    await session.run('hello 3');
    await session.run('client tracking on');
    await session.run('get cached');
    session.session.handleInput('get cach');
    const from = session.output.length;
    await admin.set('cached', '2');
    await waitUntil(() => session.output.includes("-> invalidate: 'cached'"), 'the invalidation');
    assert.ok(session.plainSince(from).endsWith(`-> invalidate: 'cached'\n${prompt()}get cach`));
    session.session.handleInput('\x15');
  });

  it('leaves on quit', async () => {
    await session.run('quit');
    assert.equal(session.exited, true);
  });

  describe('read-only connection', () => {
    let readOnly: RecordedSession;
    beforeEach(async () => {
      readOnly = await new RecordedSession(configFor(server, { readOnly: true })).start();
    });
    afterEach(() => readOnly.close());

    it('refuses every write and admin command and runs reads', async () => {
      await admin.set('k', 'v');
      for (const line of ['set k x', 'del k', 'flushall', 'eval "return 1" 0', 'config set maxmemory 1', 'hset h f v', 'expire k 10', 'unknowncmd']) {
        assert.match(await readOnly.run(line), /^\(error\) .*read-only/, line);
      }
      assert.equal(await readOnly.run('get k'), '"v"\n');
      assert.equal(await admin.get('k'), 'v');
      assert.equal(await admin.ttl('k'), -1);
    });
  });
});

describe('CLI terminal when the server hides COMMAND (ACL)', () => {
  let server: RedisFixture;
  before(async () => {
    server = await startStandalone({ users: [{ name: 'app', password: 'pw', rules: 'on ~* &* +@all -command' }] });
  });
  after(() => server.stop());

  it('refuses everything on a read-only connection, since nothing can be shown read-only', async () => {
    const session = await new RecordedSession(configFor(server, { username: 'app', readOnly: true }), { password: 'pw' }).start();
    try {
      assert.match(await session.run('get k'), /^\(error\) .*COMMAND is unavailable/);
    } finally {
      session.close();
    }
  });

  it('still runs commands and asks before well-known dangerous ones on a writable connection', async () => {
    const session = await new RecordedSession(configFor(server, { username: 'app' }), { password: 'pw' }).start();
    try {
      assert.equal(await session.run('set k v'), 'OK\n');
      session.session.handleInput('flushdb\r');
      await session.session.whenIdle();
      assert.match(session.output, /FLUSHDB can destroy data or block the server\. Run it on "fixture \d+"\? \[y\/N\] $/);
      session.session.handleInput('n');
      await session.session.whenIdle();
    } finally {
      session.close();
    }
  });
});

describe('CLI terminal targets', () => {
  it('authenticates with a password', async () => {
    const server = await startStandalone({ password: 's3cret' });
    const session = await new RecordedSession(configFor(server), { password: 's3cret' }).start();
    try {
      assert.equal(await session.run('ping'), 'PONG\n');
    } finally {
      session.close();
      await server.stop();
    }
  });

  it('connects over TLS', async () => {
    const server: TlsFixture = await startTls();
    const session = await new RecordedSession(configFor(server, { tls: { caFile: server.caFile, serverName: server.serverName } })).start();
    try {
      assert.equal(await session.run('ping'), 'PONG\n');
    } finally {
      session.close();
      await server.stop();
    }
  });

  it('follows Sentinel to the current master', async () => {
    const sentinel: SentinelFixture = await startSentinel();
    const config = configFor(sentinel.sentinels[0], { kind: 'sentinel', masterName: sentinel.masterName, sentinels: sentinel.sentinels });
    const session = await new RecordedSession(config).start();
    try {
      assert.equal(session.session.prompt, `${sentinel.master.host}:${sentinel.master.port}> `);
      assert.match(await session.run('role'), /^1\) "master"/);
    } finally {
      session.close();
      await sentinel.stop();
    }
  });

  it('says when it cannot connect, as redis-cli does', async () => {
    const port = await freePort();
    const session = await new RecordedSession(configFor({ host: '127.0.0.1', port })).start();
    try {
      assert.match(plain(session.output), new RegExp(`Could not connect to Redis at 127\\.0\\.0\\.1:${port}: Connection refused\\nnot connected> $`));
      assert.match(await session.run('ping'), /Could not connect to Redis/);
    } finally {
      session.close();
    }
  });
});
