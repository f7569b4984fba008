/**
 * Proof for the `no-keys` / `keys-on-cluster` quick fix: the original KEYS-based functions and the
 * SCAN-based rewrites the analyzer produces are transpiled, loaded and run against real servers
 * (standalone and Cluster, ioredis and node-redis), and their results compared as sets.
 */
import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import Redis, { Cluster } from 'ioredis';
import { createClient, createCluster } from 'redis';
import ts from 'typescript';
import { Analyzer, type AnalysisOptions, fixAll, wasmLocationFromNodeModules } from '../../../src/core/analysis';
import { type ClusterFixture, type RedisFixture, startCluster, startStandalone } from '../../fixtures/redis';

type FindKeys = (client: unknown, pattern: string) => Promise<string[]>;
type Purge = (client: unknown, pattern: string) => Promise<void>;
interface Functions {
  findKeys: FindKeys;
  purge: Purge;
}

const SOURCES = {
  ioredis: `import Redis from 'ioredis';
export async function findKeys(redis: Redis, pattern: string): Promise<string[]> {
  const keys = await redis.keys(pattern);
  return keys;
}
export async function purge(redis: Redis, pattern: string): Promise<void> {
  const keys = await redis.keys(pattern);
  if (keys.length > 0) await redis.del(...keys);
}
`,
  nodeRedis: `import { createClient } from 'redis';
export async function findKeys(client: ReturnType<typeof createClient>, pattern: string): Promise<string[]> {
  const keys = await client.keys(pattern);
  return keys;
}
export async function purge(client: ReturnType<typeof createClient>, pattern: string): Promise<void> {
  const keys = await client.keys(pattern);
  if (keys.length) {
    await client.del(keys);
  }
}
`,
  ioredisCluster: `import { Cluster } from 'ioredis';
export async function findKeys(cluster: Cluster, pattern: string): Promise<string[]> {
  const keys = await cluster.keys(pattern);
  return keys;
}
export async function purge(cluster: Cluster, pattern: string): Promise<void> {
  const keys = await cluster.keys(pattern);
  await cluster.del(keys);
}
`,
  nodeRedisCluster: `import { createCluster } from 'redis';
export async function findKeys(cluster: ReturnType<typeof createCluster>, pattern: string): Promise<string[]> {
  const keys = await cluster.keys(pattern);
  return keys;
}
export async function purge(cluster: ReturnType<typeof createCluster>, pattern: string): Promise<void> {
  const keys = await cluster.keys(pattern);
  for (const key of keys) await cluster.del(key);
}
`,
};

let analyzer: Analyzer;

/** Applies every KEYS rewrite the analyzer offers; fails unless each KEYS call was rewritten. */
async function rewrite(source: string, options: AnalysisOptions = {}): Promise<string> {
  analyzer.setOptions(options);
  const { findings } = await analyzer.analyzeText('src/keys.ts', source);
  const keys = findings.filter((f) => f.ruleId === 'no-keys' || f.ruleId === 'keys-on-cluster');
  assert.equal(keys.filter((f) => f.fixes.length > 0).length, 2, 'two KEYS calls (findKeys, purge) with a fix');
  const fixed = fixAll(source, keys, { includeUnsafe: true }).text;
  assert.doesNotMatch(fixed, /\.keys\(/);
  return fixed;
}

function load(source: string): Functions {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  vm.compileFunction(js, ['exports', 'require', 'module'])(module.exports, require, module);
  return module.exports as unknown as Functions;
}

const sorted = (keys: Iterable<string>): string[] => [...keys].sort();

/** 3,000 matching keys (some with glob-special and non-ASCII characters) among others. */
function seedKeys(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < 3000; i++) out[`user:${i}`] = `v${i}`;
  for (let i = 0; i < 700; i++) out[`order:${i}`] = `o${i}`;
  Object.assign(out, { 'user:é:1': 'x', 'user:{tag}:2': 'y', 'user:a b': 'z', 'usr:1': 'no' });
  return out;
}

describe('no-keys quick fix against real servers', function () {
  this.timeout(180_000);

  before(() => {
    analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() });
  });
  after(() => analyzer.dispose());

  describe('standalone', () => {
    let server: RedisFixture;
    let io: Redis;
    let node: ReturnType<typeof createClient>;

    before(async () => {
      server = await startStandalone();
      io = new Redis(server.url);
      node = createClient({ url: server.url });
      node.on('error', () => undefined);
      await node.connect();
    });
    after(async () => {
      io?.disconnect();
      await node?.close();
      await server?.stop();
    });
    const seed = async (): Promise<void> => {
      await io.flushall();
      const keys = seedKeys();
      await io.mset(keys);
    };

    for (const [name, source, options, client] of [
      ['ioredis', SOURCES.ioredis, {}, (): unknown => io],
      ['node-redis (v5 form)', SOURCES.nodeRedis, { nodeRedisMajor: 5 }, (): unknown => node],
      ['node-redis (version-agnostic form)', SOURCES.nodeRedis, {}, (): unknown => node],
    ] as const) {
      it(`${name}: the SCAN rewrite finds the same keys as KEYS`, async () => {
        await seed();
        const original = load(source);
        const rewritten = load(await rewrite(source, options));
        for (const pattern of ['user:*', 'order:1*', 'user:[0-1]?', 'nothing:*', 'user:\\{tag\\}:*']) {
          const expected = await original.findKeys(client(), pattern);
          const actual = await rewritten.findKeys(client(), pattern);
          assert.equal(new Set(actual).size, actual.length, 'no duplicates');
          assert.deepEqual(sorted(actual), sorted(expected), pattern);
        }
        assert.equal((await rewritten.findKeys(client(), 'user:*')).length, 3003);
      });

      it(`${name}: KEYS-then-DEL rewritten to UNLINK per batch leaves the same keys`, async () => {
        const original = load(source);
        const rewritten = load(await rewrite(source, options));
        await seed();
        await original.purge(client(), 'user:*');
        const afterOriginal = sorted(await io.keys('*'));
        await seed();
        await rewritten.purge(client(), 'user:*');
        assert.deepEqual(sorted(await io.keys('*')), afterOriginal);
        assert.equal(afterOriginal.length, 701);
      });
    }
  });

  describe('cluster', () => {
    let fixture: ClusterFixture;
    let io: Cluster;
    let node: ReturnType<typeof createCluster>;

    before(async () => {
      fixture = await startCluster({ masters: 3 });
      io = new Cluster(fixture.masters.map((m) => ({ host: m.host, port: m.port })));
      node = createCluster({ rootNodes: fixture.masters.map((m) => ({ url: `redis://${m.host}:${m.port}` })) });
      node.on('error', () => undefined);
      await node.connect();
    });
    after(async () => {
      io?.disconnect();
      await node?.close();
      await fixture?.stop();
    });

    /** Ground truth: KEYS on every master, straight to each node. */
    const everyMaster = async (pattern: string): Promise<string[]> => {
      const all: string[] = [];
      for (const m of fixture.masters) {
        const direct = new Redis({ host: m.host, port: m.port });
        try {
          all.push(...(await direct.keys(pattern)));
        } finally {
          direct.disconnect();
        }
      }
      return sorted(all);
    };
    const seed = async (): Promise<void> => {
      await Promise.all(io.nodes('master').map((n) => n.flushall()));
      const keys = seedKeys();
      await Promise.all(Object.entries(keys).map(([k, v]) => io.set(k, v)));
    };

    for (const [name, source, options, client] of [
      ['ioredis Cluster', SOURCES.ioredisCluster, {}, (): unknown => io],
      ['node-redis cluster (v5 form)', SOURCES.nodeRedisCluster, { nodeRedisMajor: 5 }, (): unknown => node],
    ] as const) {
      it(`${name}: the per-master SCAN rewrite finds every key; the original KEYS does not`, async () => {
        await seed();
        const original = load(source);
        const rewritten = load(await rewrite(source, options));
        const truth = await everyMaster('user:*');
        assert.equal(truth.length, 3003);
        const before = await original.findKeys(client(), 'user:*');
        assert.ok(before.length < truth.length, `KEYS on a cluster client saw ${before.length} of ${truth.length}`);
        assert.deepEqual(sorted(await rewritten.findKeys(client(), 'user:*')), truth);
        assert.deepEqual(sorted(await rewritten.findKeys(client(), 'order:1*')), await everyMaster('order:1*'));
      });

      it(`${name}: the rewritten purge removes the matching keys on every master`, async () => {
        await seed();
        const rewritten = load(await rewrite(source, options));
        await rewritten.purge(client(), 'user:*');
        assert.deepEqual(await everyMaster('user:*'), []);
        assert.equal((await everyMaster('*')).length, 701);
      });
    }
  });
});
