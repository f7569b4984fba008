import * as assert from 'node:assert/strict';
import type { AnalysisResult, KeySite } from '../../../../src/core/analysis';
import { analyze, disposeAnalyzer } from './analyzerHarness';

/** `line:COMMAND template access type ttl` per key site, 1-based lines. */
function sites(result: AnalysisResult): string[] {
  return (result.keySites ?? []).map((s: KeySite) => `${s.line + 1}:${s.command} ${s.template} ${s.access} ${s.type ?? '-'} ${s.ttl ?? '-'}`);
}

describe('key sites of every data command (reads, removals and inserts)', () => {
  after(disposeAnalyzer);

  it('ioredis: reads name their keys; SPOP, LINSERT and GETEX are writes that create nothing (no TTL policy)', async () => {
    const text = [
      `import Redis from 'ioredis';`,
      `const redis = new Redis();`,
      `export async function f(id: string) {`,
      "  await redis.getrange(`blob:${id}`, 0, 9);",
      "  await redis.spop(`pool:${id}`);",
      "  await redis.srandmember(`pool:${id}`, 2);",
      "  await redis.zmscore(`board:${id}`, 'a', 'b');",
      "  await redis.lpos(`queue:${id}`, 'x');",
      "  await redis.linsert(`queue:${id}`, 'BEFORE', 'x', 'y');",
      "  await redis.type(`thing:${id}`);",
      "  await redis.hstrlen(`user:${id}`, 'name');",
      "  await redis.hrandfield(`user:${id}`);",
      "  await redis.xrevrange(`events:${id}`, '+', '-', 'COUNT', 10);",
      "  await redis.getex(`blob:${id}`, 'EX', 60);",
      "  await redis.geoadd(`places:${id}`, 13.36, 38.11, 'Palermo');",
      `}`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/f.ts', text)), [
      '4:GETRANGE blob:{id} read string -',
      '5:SPOP pool:{id} write set -',
      '6:SRANDMEMBER pool:{id} read set -',
      '7:ZMSCORE board:{id} read zset -',
      '8:LPOS queue:{id} read list -',
      '9:LINSERT queue:{id} write list -',
      '10:TYPE thing:{id} read - -',
      '11:HSTRLEN user:{id} read hash -',
      '12:HRANDFIELD user:{id} read hash -',
      '13:XREVRANGE events:{id} read stream -',
      '14:GETEX blob:{id} write string -',
      '15:GEOADD places:{id} write zset none',
    ]);
  });

  it('node-redis v4/v5 camel-case methods and @upstash/redis', async () => {
    const nodeRedis = [
      `import { createClient } from 'redis';`,
      `const client = createClient();`,
      `client.on('error', () => undefined);`,
      `export async function f(id: string) {`,
      "  await client.getRange(`blob:${id}`, 0, 9);",
      "  await client.sPop(`pool:${id}`);",
      "  await client.zmScore(`board:${id}`, ['a']);",
      "  await client.lInsert(`queue:${id}`, 'BEFORE', 'x', 'y');",
      "  await client.hRandField(`user:${id}`);",
      "  await client.xRevRange(`events:${id}`, '+', '-');",
      `}`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/nr.ts', nodeRedis)), [
      '5:GETRANGE blob:{id} read string -',
      '6:SPOP pool:{id} write set -',
      '7:ZMSCORE board:{id} read zset -',
      '8:LINSERT queue:{id} write list -',
      '9:HRANDFIELD user:{id} read hash -',
      '10:XREVRANGE events:{id} read stream -',
    ]);
    const upstash = [
      `import { Redis } from '@upstash/redis';`,
      `const redis = Redis.fromEnv();`,
      "export const f = async (id: string) => [await redis.srandmember(`pool:${id}`), await redis.hstrlen(`user:${id}`, 'n'), await redis.lpos(`q:${id}`, 'x')];",
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/up.ts', upstash)), ['3:SRANDMEMBER pool:{id} read set -', '3:HSTRLEN user:{id} read hash -', '3:LPOS q:{id} read list -']);
  });

  it('a removal does not make a pattern "written without a TTL"; a creating write still does', async () => {
    const text = [
      `import Redis from 'ioredis';`,
      `const redis = new Redis();`,
      `export async function f(id: string) {`,
      "  await redis.hdel(`user:${id}`, 'a');",
      "  await redis.lpop(`queue:${id}`);",
      "  await redis.lpush(`queue:${id}`, 'x');",
      `}`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/f.ts', text)), ['4:HDEL user:{id} write hash -', '5:LPOP queue:{id} write list -', '6:LPUSH queue:{id} write list none']);
  });
});
