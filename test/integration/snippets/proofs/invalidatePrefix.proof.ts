import assert from 'node:assert/strict';
import type { Cluster } from 'ioredis';
import type Redis from 'ioredis';
import { type PatternProof, type ProofContext } from '../harness/proof';
import { range } from '../harness/util';

type Invalidate = (client: object, prefix: string, scanCount?: number) => Promise<number>;

const BINARY_KEY = Buffer.concat([Buffer.from('inv:'), Buffer.from([0xff, 0xfe, 0x00, 0x80])]);
const SURVIVORS = ['inv', 'invx:1', 'other:inv:1', 'INV:1', 'in:v'];

function invalidator(ctx: ProofContext, onCluster: boolean): Invalidate {
  // node-redis has a separate entry point for clusters; the ioredis function handles both.
  const name = onCluster && ctx.client !== 'ioredis' ? 'invalidateByPrefixOnCluster' : 'invalidateByPrefix';
  const fn = ctx.module[name];
  if (typeof fn !== 'function') throw new Error(`${ctx.client} snippet does not export ${name}()`);
  return fn as Invalidate;
}

async function seed(writer: Redis | Cluster, count: number): Promise<void> {
  for (let start = 0; start < count; start += 500) {
    await Promise.all(range(Math.min(500, count - start)).map((i) => writer.set(`inv:${start + i}`, 'x', 'EX', 600)));
  }
  await writer.set(BINARY_KEY, 'binary', 'EX', 600);
  await Promise.all(SURVIVORS.map((key) => writer.set(key, 'keep', 'EX', 600)));
}

async function remaining(nodes: Redis[], match: string): Promise<Buffer[]> {
  const keys: Buffer[] = [];
  for (const node of nodes) {
    for await (const batch of node.scanBufferStream({ match, count: 1000 }) as AsyncIterable<Buffer[]>) keys.push(...batch);
  }
  return keys;
}

export const invalidatePrefixProof: PatternProof = {
  checks: {
    'removes all and only the keys under the prefix, binary keys included (standalone)': async (ctx) => {
      await seed(ctx.admin, 3000);
      const removed = await invalidator(ctx, false)(await ctx.connect(), 'inv:', 100);
      assert.equal(removed, 3001);
      assert.deepEqual(await remaining([ctx.admin], 'inv:*'), []);
      for (const key of SURVIVORS) assert.equal(await ctx.admin.exists(key), 1, `${key} survives`);
    },

    'treats glob characters in the prefix literally': async (ctx) => {
      await Promise.all(['cache[v2]*:a', 'cache[v2]*:b', 'cachev*:a', 'cache2x:a', 'cache[v2]x:a'].map((key) => ctx.admin.set(key, '1', 'EX', 600)));
      assert.equal(await invalidator(ctx, false)(await ctx.connect(), 'cache[v2]*:'), 2);
      assert.equal(await ctx.admin.exists('cachev*:a', 'cache2x:a', 'cache[v2]x:a'), 3);
    },

    'on a cluster, removes matching keys from every master': async (ctx) => {
      const { fixture, connection, admin } = await ctx.cluster();
      await seed(admin, 3000);
      const masters = admin.nodes('master');
      const perMaster = await Promise.all(masters.map(async (node) => (await remaining([node], 'inv:*')).length));
      assert.equal(perMaster.length, fixture.masters.length);
      assert.ok(perMaster.every((count) => count > 0), 'the keys are spread over every master');
      const removed = await invalidator(ctx, true)(connection, 'inv:');
      assert.equal(removed, 3001);
      assert.deepEqual(await remaining(masters, 'inv:*'), []);
      for (const key of SURVIVORS) assert.equal(await admin.exists(key), 1, `${key} survives`);
    },
  },
};
