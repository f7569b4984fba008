import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';
import { RecordedSession } from './cliHarness';

/** ESC and C1 controls a terminal would act on (retitle, clear, move the cursor); CR only outside CRLF. */
function liveControls(text: string): string[] {
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  return [...text.replace(/\r\n/g, '\n').matchAll(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g)].map((m) => m[0]);
}

describe('CLI terminal: replies written by other clients cannot drive the terminal (fixture server)', () => {
  let server: RedisFixture;
  let admin: Redis;
  let session: RecordedSession;
  before(async () => {
    server = await startStandalone();
    admin = new Redis({ port: server.port });
  });
  beforeEach(async () => {
    session = await new RecordedSession(configFor(server)).start();
  });
  afterEach(() => session.close());
  after(async () => {
    admin.disconnect();
    await server.stop();
  });

  // The Lua sources carry raw ESC/BEL bytes: the command line's "\x1b" is the byte, as in redis-cli.
  const retitleAndClear = String.raw`\x1b]0;pwned\x07\x1b[2J\x1b[Hfake prompt> \xc2\x9b31m`;

  it('escapes a Lua error_reply, a status_reply and the INFO errorstats line it leaves behind', async () => {
    const error = await session.run(`eval "return redis.error_reply('EVIL${retitleAndClear}')" 0`);
    assert.match(error, /^\(error\) EVIL\\x1b\]0;pwned\\x07\\x1b\[2J/);
    assert.deepEqual(liveControls(error), []);
    const status = await session.run(`eval "return redis.status_reply('${retitleAndClear}')" 0`);
    assert.match(status, /^\\x1b\]0;pwned/);
    assert.deepEqual(liveControls(status), []);
    const info = await session.run('info errorstats');
    assert.match(info, /errorstat_EVIL\\x1b/);
    assert.deepEqual(liveControls(info), []);
  });

  it('escapes values in RESP3 maps, sets and verbatim strings', async () => {
    await admin.hset('h', `f\x1b]0;t\x07`, 'v\x1b[2J');
    await admin.sadd('s', 'm\x1b[2J');
    assert.equal(await session.run('hello 3').then((r) => r.includes('proto')), true);
    await session.run(`eval "return redis.error_reply('EVIL${retitleAndClear}')" 0`);
    // In RESP3, INFO and CLIENT INFO are verbatim strings; the errorstats line carries the escapes.
    for (const line of ['hgetall h', 'smembers s', 'info errorstats', 'client info']) {
      assert.deepEqual(liveControls(await session.run(line)), [], line);
    }
  });
});
