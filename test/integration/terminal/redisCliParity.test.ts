import assert from 'node:assert/strict';
import Redis, { Cluster } from 'ioredis';
import { startCluster, startStandalone, type ClusterFixture, type RedisFixture } from '../../fixtures/redis';
import { configFor } from '../keys/connectionConfigs';
import { RecordedSession, runRedisCli } from './cliHarness';

/**
 * The same input lines go to the real redis-cli and to our terminal session, each run starting
 * from the same data; their outputs must be identical: parsing (quotes, escapes, invalid lines,
 * the repeat prefix) and reply formatting (RESP2 and RESP3) exactly as redis-cli does them.
 */
const RESP2_LINES = [
  'set k v',
  'get k',
  'get missing',
  'incr counter',
  'incrbyfloat f 1.5',
  'set "sp ace" "a\\tb\\x00\\xff\\"q\\\\"',
  'get "sp ace"',
  "set 'single\\'quote' x",
  "get 'single\\'quote'",
  'set "\\xc3\\xa9t\\xc3\\xa9" "\\n\\r\\a\\b"',
  'get été',
  'rpush l a b c',
  'lrange l 0 -1',
  'lrange missing 0 -1',
  'hset h f1 v1 f2 v2',
  'hgetall h',
  'zadd z 1 a 2.5 b',
  'zrange z 0 -1 withscores',
  'sadd s x',
  'smembers s',
  'exists k missing',
  'type l',
  'object encoding l',
  'bogus command',
  'get',
  '"unbalanced',
  'foo"bar baz"',
  'set a"b c',
  "'a'b",
  '3 incr counter',
  '0 incr counter',
  '-1 incr counter',
  '   ',
  'multi',
  'incr counter',
  'get k',
  'exec',
  'select 2',
  'dbsize',
  'select 0',
  'eval "return {1,{2,{3,\'x\'}},redis.error_reply(\'MY err\')}" 0',
  "eval \"return redis.status_reply('FINE')\" 0",
  'eval "local t = {} for i = 1, 12 do t[i] = {i, tostring(i)} end return t" 0',
  'xadd st 1-1 f v',
  'xrange st - +',
  'info keyspace',
  'echo "é"',
  'ping',
  'ping "hello world"',
  'config get maxmemory-policy',
];

const RESP3_LINES = [
  'hello 3',
  'hset h f1 v1 f2 v2',
  'hgetall h',
  'sadd s a b',
  'smembers s',
  'zadd z 1 a 2.5 b',
  'zscore z b',
  'zrange z 0 -1 withscores',
  'config get maxmemory-policy',
  'hgetall missing',
  'smembers missing',
  'eval "redis.setresp(3); return true" 0',
  'eval "redis.setresp(3); return false" 0',
  'eval "redis.setresp(3); return {double=3.5}" 0',
  "eval \"redis.setresp(3); return {map={k={'a','b'}}}\" 0",
  "eval \"redis.setresp(3); return {map={k={'a'}}}\" 0",
  "eval \"redis.setresp(3); return {set={x=true}}\" 0",
  'xadd st 1-1 f v',
  'xinfo stream st',
  'info keyspace',
  'get nothing',
];

/** HELLO's reply carries the connection id, which differs between the two clients. */
const maskClientId = (text: string): string => text.replace(/"id" => \(integer\) \d+/, '"id" => (integer) N');

async function runSession(session: RecordedSession, lines: string[]): Promise<string> {
  let output = '';
  for (const line of lines) output += await session.run(line);
  return output;
}

describe('CLI output matches redis-cli itself', () => {
  describe('standalone', () => {
    let server: RedisFixture;
    let admin: Redis;
    before(async () => {
      server = await startStandalone();
      admin = new Redis({ port: server.port });
    });
    after(async () => {
      admin.disconnect();
      await server.stop();
    });

    for (const [protocol, lines] of [
      ['RESP2', RESP2_LINES],
      ['RESP3', RESP3_LINES],
    ] as const) {
      it(`parses and formats ${lines.length} ${protocol} lines identically`, async () => {
        await admin.flushall();
        const expected = await runRedisCli(server.port, [...lines]);
        await admin.flushall();
        const session = await new RecordedSession(configFor(server), {}, { confirmDangerous: false }).start();
        try {
          const actual = await runSession(session, [...lines]);
          assert.equal(maskClientId(actual), maskClientId(expected));
        } finally {
          session.close();
        }
      });
    }
  });

  describe('cluster (-c): redirects are followed and announced the same way', () => {
    let cluster: ClusterFixture;
    before(async () => {
      cluster = await startCluster({ masters: 3 });
    });
    after(() => cluster.stop());

    it('routes by key slot like redis-cli -c', async () => {
      const lines = ['set foo 1', 'get foo', 'set bar 2', 'get bar', 'set {foo}x 3', 'mget foo {foo}x', 'mget foo bar', 'cluster keyslot foo', 'dbsize'];
      const admin = new Cluster(cluster.masters);
      const flush = (): Promise<unknown> => Promise.all(admin.nodes('master').map((node) => node.flushall()));
      await new Promise((resolve) => admin.once('ready', resolve));
      try {
        await flush();
        const expected = await runRedisCli(cluster.masters[0].port, lines, ['-c']);
        assert.match(expected, /-> Redirected to slot \[\d+\] located at/);
        await flush();
        const session = await new RecordedSession(configFor(cluster.masters[0], { kind: 'cluster', clusterNodes: cluster.masters })).start();
        try {
          assert.equal(await runSession(session, lines), expected);
        } finally {
          session.close();
        }
      } finally {
        admin.disconnect();
      }
    });
  });
});
