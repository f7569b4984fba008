import * as assert from 'node:assert/strict';
import { Analyzer, type AnalysisResult, type KeySite, analyzeFiles, wasmLocationFromNodeModules } from '../../../../src/core/analysis';
import { analyze, disposeAnalyzer } from './analyzerHarness';

/** `line:col COMMAND template access ttl` per key site, 1-based lines and columns. */
function sites(result: AnalysisResult | undefined): string[] {
  return (result?.keySites ?? []).map((s: KeySite) => `${s.line + 1}:${s.column + 1} ${s.command} ${s.template} ${s.access} ${s.ttl ?? '-'}`);
}

describe('key wrappers: a function that takes the key and calls Redis with it', () => {
  after(disposeAnalyzer);

  it('ioredis: the wrapper’s callers make the sites, at the call of the wrapper, with the TTL its body gives', async () => {
    const text = [
      `import Redis from 'ioredis';`,
      `const redis = new Redis();`,
      `function cacheGet(key: string) { return redis.get(key); }`,
      `async function cacheSet(key: string, value: string, ttl = 60) {`,
      `  await redis.set(key, value, 'EX', ttl);`,
      `}`,
      `const remember = async (key: string, value: string) => {`,
      `  await redis.set(key, value);`,
      `  await redis.expire(key, 300);`,
      `};`,
      `export async function load(id: string) {`,
      "  await cacheSet(`user:${id}`, 'v');",
      "  await remember(`profile:${id}`, 'v');",
      "  return cacheGet(`user:${id}`);",
      `}`,
      `export const passThrough = (key: string) => cacheGet(key);`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/cache.ts', text)), [
      '12:9 SET user:{id} write EX',
      '13:9 SET profile:{id} write EXPIRE',
      '13:9 EXPIRE profile:{id} write EXPIRE',
      '14:10 GET user:{id} read -',
    ]);
  });

  it('node-redis: a wrapper building part of the key itself, and one that is shadowed by a local of the same name', async () => {
    const text = [
      `import { createClient } from 'redis';`,
      `const client = createClient();`,
      `client.on('error', () => undefined);`,
      "export function readField(ns: string, id: string) { return client.hGet(`${ns}:${id}`, 'name'); }",
      `export async function f(id: string) {`,
      `  await readField('user', id);`,
      `  const readFieldLocal = readField;`,
      `  {`,
      `    const readField = (a: string, b: string) => a + b;`,
      `    readField('x', id);`,
      `  }`,
      `  return readFieldLocal;`,
      `}`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/f.ts', text)), ['6:9 HGET user:{id} read -']);
  });

  it('a function whose body names the key itself is a site of its own, not a wrapper (its callers add nothing)', async () => {
    const text = [
      `import Redis from 'ioredis';`,
      `const redis = new Redis();`,
      "async function getUser(id: string) { return redis.get(`user:${id}`); }",
      `export const admin = () => getUser('admin');`,
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/users.ts', text)), ['3:51 GET user:{id} read -']);
  });

  it('upstash: a wrapper whose receiver is not a client is no wrapper', async () => {
    const text = [
      `import { Redis } from '@upstash/redis';`,
      `const redis = Redis.fromEnv();`,
      `const map = new Map<string, string>();`,
      `const memo = (key: string) => map.get(key);`,
      `const fetchKey = (key: string) => redis.get(key);`,
      "export const f = (id: string) => [memo(`a:${id}`), fetchKey(`b:${id}`)];",
    ].join('\n');
    assert.deepEqual(sites(await analyze('src/f.ts', text)), ['6:52 GET b:{id} read -']);
  });

  it('across files: an imported wrapper, and an edit of the wrapper’s file re-resolves its caller', async () => {
    const analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() });
    try {
      const cache = [`import Redis from 'ioredis';`, `const redis = new Redis();`, `export async function cacheGet(key: string): Promise<string | null> { return redis.get(key); }`].join('\n');
      const app = [`import { cacheGet } from './cache';`, "export const user = (id: string) => cacheGet(`user:${id}`);"].join('\n');
      const results = new Map<string, AnalysisResult>();
      const files = { 'src/cache.ts': cache, 'src/app.ts': app };
      await analyzeFiles(analyzer, Object.entries(files).map(([name, text]) => ({ name, read: () => Promise.resolve(text) })), (file, result) => results.set(file.name, result));
      assert.deepEqual(sites(results.get('src/app.ts')), ['2:37 GET user:{id} read -']);
      assert.deepEqual(sites(results.get('src/cache.ts')), []);

      const cacheDoc = await analyzer.openDocument('src/cache.ts', cache);
      const appDoc = await analyzer.openDocument('src/app.ts', app);
      try {
        cacheDoc.analyze();
        assert.deepEqual(sites(appDoc.analyze()), ['2:37 GET user:{id} read -']);
        cacheDoc.applyEdit({ offset: cacheDoc.text.indexOf('redis.get(key)'), length: 'redis.get(key)'.length, text: 'redis.hgetall(key)' });
        cacheDoc.analyze();
        assert.deepEqual(sites(appDoc.analyze()), ['2:37 HGETALL user:{id} read -']);
        assert.deepEqual(sites(appDoc.reanalyzeFromScratch()), ['2:37 HGETALL user:{id} read -']);
      } finally {
        appDoc.dispose();
        cacheDoc.dispose();
      }
    } finally {
      analyzer.dispose();
    }
  });

  it('in one file, an edit of the wrapper re-extracts its callers; an edit above shifts the sites', async () => {
    const analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() });
    const doc = await analyzer.openDocument('src/one.ts', [`import Redis from 'ioredis';`, `const redis = new Redis();`, `const del = (key: string) => redis.del(key);`, "export const f = (id: string) => del(`a:${id}`);"].join('\n'));
    try {
      assert.deepEqual(sites(doc.analyze()), ['4:34 DEL a:{id} write -']);
      doc.applyEdit({ offset: doc.text.indexOf('redis.del'), length: 'redis.del'.length, text: 'redis.unlink' });
      assert.deepEqual(sites(doc.analyze()), ['4:34 UNLINK a:{id} write -']);
      doc.applyEdit({ offset: 0, length: 0, text: '// header\n' });
      assert.deepEqual(sites(doc.analyze()), ['5:34 UNLINK a:{id} write -']);
      assert.deepEqual(sites(doc.reanalyzeFromScratch()), ['5:34 UNLINK a:{id} write -']);
    } finally {
      doc.dispose();
      analyzer.dispose();
    }
  });
});
