import * as assert from 'node:assert/strict';
import { Analyzer, type AnalysisResult, type KeySite, analyzeFiles, wasmLocationFromNodeModules } from '../../../../src/core/analysis';
import { analyze, disposeAnalyzer } from './analyzerHarness';

/** `line:COMMAND template` per key site, 1-based lines. */
function sites(result: AnalysisResult | undefined): string[] {
  return (result?.keySites ?? []).map((s: KeySite) => `${s.line + 1}:${s.command} ${s.template}`);
}

async function project(files: Record<string, string>, analyzer: Analyzer): Promise<Map<string, AnalysisResult>> {
  const results = new Map<string, AnalysisResult>();
  const list = Object.keys(files).map((name) => ({ name, read: () => Promise.resolve(files[name]) }));
  await analyzeFiles(analyzer, list, (file, result) => results.set(file.name, result));
  return results;
}

describe('key templates follow number constants and class members', () => {
  after(disposeAnalyzer);

  it('number constants are inlined; a computed constant stays a named part', async () => {
    const text = [
      `import Redis from 'ioredis';`,
      `const redis = new Redis();`,
      `const SHARDS = 16;`,
      `const VERSION = 0x2;`,
      `const BIG = 1_000;`,
      `const slots = Number(process.env.SLOTS);`,
      `const PREFIX = 'app:';`,
      `export async function f(id: string) {`,
      "  await redis.incr(`bucket:${SHARDS}:${id}`);",
      "  await redis.get('v' + VERSION + ':user:' + id);",
      "  await redis.get(`big:${BIG}:${slots}:${id}`);",
      "  await redis.get(`lit:${42}`);",
      `  await redis.get(PREFIX + id);`,
      `}`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/f.ts', text)), ['9:INCR bucket:16:{id}', '10:GET v2:user:{id}', '11:GET big:1000:{slots}:{id}', '12:GET lit:42', '13:GET app:{id}']);
  });

  it('ioredis: a prefix held in a field (initializer, readonly typed field, constructor assignment) and a key method', async () => {
    const text = [
      `import Redis from 'ioredis';`,
      `export class SessionStore {`,
      `  private readonly redis = new Redis();`,
      `  private readonly prefix: string = 'sess:';`,
      `  static readonly NS = 'store';`,
      `  private lockPrefix: string;`,
      `  private tenant: string;`,
      `  constructor(tenant: string, private readonly ttl = 60) {`,
      `    this.lockPrefix = 'lock:';`,
      `    this.tenant = tenant;`,
      `  }`,
      "  private key(id: string): string { return `${this.tenant}:user:${id}`; }",
      `  async save(id: string) {`,
      `    await this.redis.set(this.prefix + id, 'v', 'EX', this.ttl);`,
      "    await this.redis.set(`${this.lockPrefix}${id}`, '1', 'PX', 100);",
      `    return this.redis.get(this.key(id));`,
      `  }`,
      `  async getUser(id: string) { return this.redis.get(this.key(id)); }`,
      `  async fixed() { return this.redis.get(this.key('admin')); }`,
      `}`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/store.ts', text)), ['14:SET sess:{id}', '15:SET lock:{id}', '16:GET {tenant}:user:{id}', '18:GET {tenant}:user:{id}', '19:GET {tenant}:user:admin']);
  });

  it('node-redis: a constructor parameter with a default prefix, an arrow-function field building the key', async () => {
    const text = [
      `import { createClient, type RedisClientType } from 'redis';`,
      `export class Cache {`,
      "  private readonly keyOf = (id: string) => `${this.prefix}item:${id}`;",
      `  private prefix: string;`,
      `  constructor(private readonly client: RedisClientType, prefix = 'cache:') {`,
      `    this.prefix = prefix;`,
      `  }`,
      `  get(id: string) { return this.client.get(this.keyOf(id)); }`,
      `  put(id: string, v: string) { return this.client.set(this.keyOf(id), v, { EX: 60 }); }`,
      `}`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/cache.ts', text)), ['8:GET cache:item:{id}', '9:SET cache:item:{id}']);
  });

  it('upstash: a number field is inlined; a member the class never sets stays a named part', async () => {
    const text = [
      `import { Redis } from '@upstash/redis';`,
      `class Limiter {`,
      `  redis = Redis.fromEnv();`,
      `  windowMs = 1000;`,
      `  async hit(ip: string) {`,
      "    await this.redis.incr(`rl:${this.windowMs}:${ip}`);",
      "    await this.redis.incr(`rl:${this.missing}:${ip}`);",
      `  }`,
      `}`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/limit.ts', text)), ['6:INCR rl:1000:{ip}', '7:INCR rl:{missing}:{ip}']);
  });

  it('incremental: editing a number constant or a class field re-extracts the keys built from it', async () => {
    const analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() });
    const text = [
      `import Redis from 'ioredis';`,
      `const SHARDS = 16;`,
      `class Store {`,
      `  redis = new Redis();`,
      `  prefix = 'sess:';`,
      "  get(id: string) { return this.redis.get(`${this.prefix}${SHARDS}:${id}`); }",
      `}`,
      `export default Store;`,
    ].join('\n');
    const doc = await analyzer.openDocument('src/store.ts', text);
    try {
      assert.deepEqual(sites(doc.analyze()), ['6:GET sess:16:{id}']);
      doc.applyEdit({ offset: doc.text.indexOf('16'), length: 2, text: '32' });
      assert.deepEqual(sites(doc.analyze()), ['6:GET sess:32:{id}']);
      doc.applyEdit({ offset: doc.text.indexOf("'sess:'"), length: "'sess:'".length, text: "'session:'" });
      assert.deepEqual(sites(doc.analyze()), ['6:GET session:32:{id}']);
      assert.deepEqual(sites(doc.reanalyzeFromScratch()), ['6:GET session:32:{id}']);
    } finally {
      doc.dispose();
      analyzer.dispose();
    }
  });

  it('an exported number constant resolves in the importing file', async () => {
    const analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() });
    try {
      const results = await project(
        {
          'src/limits.ts': `export const SHARDS = 16;\nexport const bucketKey = (id: string) => \`bucket:\${SHARDS}:\${id}\`;\n`,
          'src/app.ts': [`import Redis from 'ioredis';`, `import { SHARDS, bucketKey } from './limits';`, `const redis = new Redis();`, "export const f = (id: string) => [redis.get(`s:${SHARDS}:${id}`), redis.get(bucketKey(id))];"].join('\n'),
        },
        analyzer,
      );
      assert.deepEqual(sites(results.get('src/app.ts')), ['4:GET s:16:{id}', '4:GET bucket:16:{id}']);
    } finally {
      analyzer.dispose();
    }
  });
});
