import * as assert from 'node:assert/strict';
import { Analyzer, type AnalysisResult, type KeySite, analyzeFiles, wasmLocationFromNodeModules } from '../../../../src/core/analysis';
import { analyze, disposeAnalyzer } from './analyzerHarness';

/** `line:COMMAND template access type ttl` per key site, 1-based lines. */
function sites(result: AnalysisResult | undefined): string[] {
  return (result?.keySites ?? []).map((s: KeySite) => `${s.line + 1}:${s.command} ${s.template} ${s.access} ${s.type ?? '-'} ${s.ttl ?? '-'}`);
}

async function project(files: Record<string, string>, analyzer: Analyzer): Promise<Map<string, AnalysisResult>> {
  const results = new Map<string, AnalysisResult>();
  const list = Object.keys(files).map((name) => ({ name, read: () => Promise.resolve(files[name]) }));
  await analyzeFiles(analyzer, list, (file, result) => results.set(file.name, result));
  return results;
}

describe('key templates from code (key patterns)', () => {
  after(disposeAnalyzer);

  it('ioredis: template literals, concatenation, constants, SET options and a separate EXPIRE', async () => {
    const text = [
      `import Redis from 'ioredis';`,
      `const redis = new Redis();`,
      `const PREFIX = 'app:';`,
      `const MODE = 'PX';`,
      `export async function save(id: string, user: { id: string }) {`,
      "  await redis.set(`session:${id}`, 'v', 'EX', 60);",
      `  await redis.set('cache:user:' + user.id + ':profile', 'v', MODE, 10);`,
      "  const key = `${PREFIX}counter:${id}`;",
      `  await redis.incr(key);`,
      `  await redis.expire(key, 60);`,
      `  await redis.hset(PREFIX + 'settings', { a: 1 });`,
      "  await redis.set(`lock:${id}`, '1', 'KEEPTTL');",
      "  await redis.set(`plain:${id}`, '1');",
      `  return redis.get('fixed-name');`,
      `}`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/save.ts', text)), [
      '6:SET session:{id} write string EX',
      '7:SET cache:user:{id}:profile write string PX',
      '9:INCR app:counter:{id} write string EXPIRE',
      '10:EXPIRE app:counter:{id} write - EXPIRE',
      '11:HSET app:settings write hash none',
      '12:SET lock:{id} write string KEEPTTL',
      '13:SET plain:{id} write string none',
      '14:GET fixed-name read string -',
    ]);
  });

  it('unknown parts become {?}; a key the code says nothing about (a bare parameter) is no site', async () => {
    const text = [
      `import Redis from 'ioredis';`,
      `const redis = new Redis();`,
      `export async function f(key: string, make: () => string) {`,
      "  await redis.get(`user:${make()}:name`);",
      '  await redis.get(key);',
      "  await redis.get(`${key}:${make()}`);",
      `  await redis.del(...[key]);`,
      `}`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/f.ts', text)), ['4:GET user:{?}:name read string -']);
  });

  it('pipelines and multi: an EXPIRE queued on the same batch gives the key its TTL; every key of MSET and DEL', async () => {
    const text = [
      `import Redis from 'ioredis';`,
      `const redis = new Redis();`,
      `export async function f(id: string) {`,
      "  await redis.multi().hset(`h:${id}`, 'f', 'v').expire(`h:${id}`, 60).exec();",
      "  await redis.mset(`a:${id}`, '1', `b:${id}`, '2');",
      "  await redis.del(`a:${id}`, `b:${id}`);",
      "  await redis.pipeline([['set', `p:${id}`, 'v', 'EX', 5]]).exec();",
      `}`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/f.ts', text)), [
      '4:HSET h:{id} write hash EXPIRE',
      '4:EXPIRE h:{id} write - EXPIRE',
      '5:MSET a:{id} write string none',
      '5:MSET b:{id} write string none',
      '6:DEL a:{id} write - -',
      '6:DEL b:{id} write - -',
      '7:SET p:{id} write string EX',
    ]);
  });

  it('node-redis v4 and v5: options objects, camel-case methods, keys in arrays and MSET objects', async () => {
    const text = [
      `import { createClient } from 'redis';`,
      `const client = createClient();`,
      `client.on('error', () => undefined);`,
      `export async function f(id: string, opts: object) {`,
      "  await client.set(`v4:${id}`, 'v', { EX: 60 });",
      "  await client.set(`v5:${id}`, 'v', { expiration: { type: 'PXAT', value: 1 } });",
      "  await client.set(`keep:${id}`, 'v', { expiration: 'KEEPTTL' });",
      "  await client.set(`runtime:${id}`, 'v', opts);",
      "  await client.hSet(`user:${id}`, { name: 'a' });",
      "  await client.zAdd('board', { score: 1, value: id });",
      "  await client.del([`a:${id}`, `b:${id}`]);",
      `  await client.mSet({ 'm:1': 'x', 'm:2': 'y' });`,
      `}`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/f.ts', text)), [
      '5:SET v4:{id} write string EX',
      '6:SET v5:{id} write string PXAT',
      '7:SET keep:{id} write string KEEPTTL',
      '8:SET runtime:{id} write string unknown',
      '9:HSET user:{id} write hash none',
      '10:ZADD board write zset none',
      '11:DEL a:{id} write - -',
      '11:DEL b:{id} write - -',
      '12:MSET m:1 write string none',
      '12:MSET m:2 write string none',
    ]);
  });

  it('@upstash/redis: lower-case options and the same templates', async () => {
    const text = [
      `import { Redis } from '@upstash/redis';`,
      `const redis = new Redis({ url: 'https://x', token: 't' });`,
      `export async function f(id: number) {`,
      "  await redis.set(`rate:${id}`, 1, { ex: 60 });",
      "  await redis.sadd(`tags:${id}`, 'a');",
      "  return redis.smembers(`tags:${id}`);",
      `}`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/f.ts', text)), ['4:SET rate:{id} write string EX', '5:SADD tags:{id} write set none', '6:SMEMBERS tags:{id} read set -']);
  });

  it('helpers with a declared return type are read from their body', async () => {
    const text = [
      `import Redis from 'ioredis';`,
      `const redis = new Redis();`,
      "const productKey = (id: number): string => `cache:product:${id}`;",
      `function priceKey(id: string): string { return 'price:' + id; }`,
      `export async function f(id: number) {`,
      `  await redis.set(productKey(id), 'v', 'EX', 300);`,
      `  return redis.get(priceKey(String(id)));`,
      `}`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/f.ts', text)), ['6:SET cache:product:{id} write string EX', '7:GET price:{id} read string -']);
  });

  it('a literal brace (a Cluster hash tag) is escaped so it is not taken for a variable part', async () => {
    const text = [`import Redis from 'ioredis';`, `const redis = new Redis.Cluster([]);`, "export const f = (id: string) => redis.get(`{user:${id}}:profile`);"].join('\n');
    assert.deepEqual(sites(await analyze('src/f.ts', text)), ['3:GET \\{user:{id}\\}:profile read string -']);
  });

  describe('helpers and constants across files (the analyzer’s project index)', () => {
    let analyzer: Analyzer;
    beforeEach(() => (analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() })));
    afterEach(() => analyzer.dispose());

    const KEYS = [
      `export const PREFIX = 'shop:';`,
      "export const sessionKey = (id: string) => `${PREFIX}session:${id}`;",
      `export function cartKey(userId: string, n: number) { return PREFIX + 'cart:' + userId + ':' + n; }`,
      "export const keys = { order: (tenant: string, id: string) => `${tenant}:orders:${id}`, stats: 'shop:stats' };",
      "const local = (x: string) => `local:${x}`;",
      `export default local;`,
    ].join('\n');

    it('resolves imported helpers, helper objects, namespaces, defaults, barrels and CommonJS', async () => {
      const results = await project(
        {
          'src/app.ts': [
            `import Redis from 'ioredis';`,
            `import { sessionKey, cartKey, keys, PREFIX } from './keys';`,
            `import * as K from './keys';`,
            `import local from './keys';`,
            `import { sessionKey as viaBarrel } from './barrel';`,
            `const redis = new Redis();`,
            `export async function f(id: string, tenant: string) {`,
            `  await redis.set(sessionKey(id), 'v', 'EX', 60);`,
            `  await redis.hset(cartKey(id, 3), 'a', 1);`,
            `  await redis.get(keys.order(tenant, 'o1'));`,
            `  await redis.get(keys.stats);`,
            `  await redis.get(K.sessionKey('fixed'));`,
            `  await redis.get(local(id));`,
            `  await redis.get(viaBarrel(id));`,
            "  await redis.get(`${PREFIX}x`);",
            `}`,
          ].join('\n'),
          'src/keys.ts': KEYS,
          'src/barrel.ts': `export * from './keys';\n`,
          'lib/legacy.js': [
            `const Redis = require('ioredis');`,
            `const keys = require('./legacyKeys');`,
            `const redis = new Redis();`,
            `exports.f = (id) => redis.get(keys.token(id));`,
          ].join('\n'),
          'lib/legacyKeys.js': "const token = (id) => 'token:' + id;\nmodule.exports = { token };\n",
        },
        analyzer,
      );
      assert.deepEqual(sites(results.get('src/app.ts')), [
        '8:SET shop:session:{id} write string EX',
        '9:HSET shop:cart:{userId}:3 write hash none', // a number argument is inlined like a string one
        '10:GET {tenant}:orders:o1 read string -',
        '11:GET shop:stats read string -',
        '12:GET shop:session:fixed read string -',
        '13:GET local:{x} read string -',
        '14:GET shop:session:{id} read string -',
        '15:GET shop:x read string -',
      ]);
      assert.deepEqual(sites(results.get('lib/legacy.js')), ['4:GET token:{id} read string -']);
    });

    it('an edit of the helper’s file re-resolves the importer (re-indexing that one file)', async () => {
      const keys = await analyzer.openDocument('src/keys.ts', KEYS);
      const app = await analyzer.openDocument('src/app.ts', [`import Redis from 'ioredis';`, `import { sessionKey } from './keys';`, `const redis = new Redis();`, `export const f = (id: string) => redis.get(sessionKey(id));`].join('\n'));
      try {
        keys.analyze();
        assert.deepEqual(sites(app.analyze()), ['4:GET shop:session:{id} read string -']);
        const at = keys.text.indexOf('session:');
        keys.applyEdit({ offset: at, length: 'session'.length, text: 'sess' });
        keys.analyze();
        assert.deepEqual(sites(app.analyze()), ['4:GET shop:sess:{id} read string -']);
      } finally {
        app.dispose();
        keys.dispose();
      }
    });

    it('an edit of a module-level helper in the same file re-extracts the calls that use it', async () => {
      const doc = await analyzer.openDocument('src/one.ts', [`import Redis from 'ioredis';`, `const redis = new Redis();`, "const k = (id: string) => `a:${id}`;", `export const f = (id: string) => redis.get(k(id));`].join('\n'));
      try {
        assert.deepEqual(sites(doc.analyze()), ['4:GET a:{id} read string -']);
        doc.applyEdit({ offset: doc.text.indexOf('a:'), length: 1, text: 'b' });
        assert.deepEqual(sites(doc.analyze()), ['4:GET b:{id} read string -']);
        assert.deepEqual(sites(doc.reanalyzeFromScratch()), ['4:GET b:{id} read string -']);
      } finally {
        doc.dispose();
      }
    });
  });
});
