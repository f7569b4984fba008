import * as assert from 'node:assert/strict';
import { type AnalysisOptions, applyFix } from '../../../../src/core/analysis';
import { analyze, disposeAnalyzer } from './analyzerHarness';

async function rewrite(file: string, text: string, options: AnalysisOptions = {}): Promise<string | null> {
  const finding = (await analyze(file, text, options)).findings.find((f) => f.ruleId === 'no-keys' || f.ruleId === 'keys-on-cluster');
  assert.ok(finding, 'expected a KEYS finding');
  const fix = finding.fixes[0];
  if (!fix) return null;
  assert.equal(fix.needsReview, true);
  assert.equal(fix.isPreferred, true);
  return applyFix(text, fix);
}

const NODE = `import { createClient } from 'redis';
const client = createClient().on('error', console.error);
export async function f(p) {
  const keys = await client.keys(p);
  return keys;
}
`;

describe('no-keys SCAN rewrite per client', () => {
  after(disposeAnalyzer);

  it('node-redis v4 iterates single keys', async () => {
    const out = await rewrite('src/a.js', NODE, { nodeRedisMajor: 4 });
    assert.equal(
      out,
      NODE.replace(
        '  const keys = await client.keys(p);',
        ['  const keysSeen = new Set();', '  for await (const key of client.scanIterator({ MATCH: p, COUNT: 100 })) {', '    keysSeen.add(key);', '  }', '  const keys = [...keysSeen];'].join('\n'),
      ),
    );
  });

  it('node-redis with an unknown major writes the version-agnostic form', async () => {
    const out = await rewrite('src/a.js', NODE);
    assert.match(out ?? '', /const batchKeys = Array\.isArray\(batch\) \? batch : \[batch\];\n {4}for \(const key of batchKeys\) keysSeen\.add\(key\);/);
  });

  it('upstash uses a manual cursor loop with a string cursor', async () => {
    const text = `import { Redis } from '@upstash/redis';\nconst redis = Redis.fromEnv();\nexport async function f() {\n  for (const k of await redis.keys('user:*')) console.log(k);\n}\n`;
    const out = (await rewrite('src/a.ts', text)) ?? '';
    assert.match(out, /let cursor: string \| number = '0';/);
    assert.match(out, /await redis\.scan\(cursor, \{ match: 'user:\*', count: 100 \}\)/);
    assert.match(out, /while \(String\(cursor\) !== '0'\)/);
    assert.match(out, /for \(const k of keysSeen\) console\.log\(k\);/);
  });

  it('ioredis Cluster scans every master and unlinks key by key', async () => {
    const text = `import { Cluster } from 'ioredis';\nexport async function f(cluster: Cluster) {\n  const doomed = await cluster.keys('tmp:*');\n  await cluster.del(...doomed);\n}\n`;
    const out = (await rewrite('src/a.ts', text)) ?? '';
    assert.match(out, /for \(const node of cluster\.nodes\('master'\)\) \{\n {4}for await \(const batch of node\.scanStream\(\{ match: 'tmp:\*', count: 100 \}\)\) \{\n {6}for \(const key of \(batch as string\[\]\)\) await cluster\.unlink\(key\);/);
    assert.doesNotMatch(out, /\.del\(/);
  });

  it('keeps clear of names already used in the function', async () => {
    const text = `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function f(batch: string, key: string) {\n  const keys = await redis.keys(\`\${batch}:\${key}:*\`);\n  return keys;\n}\n`;
    const out = (await rewrite('src/a.ts', text)) ?? '';
    assert.match(out, /for await \(const batch2 of redis\.scanStream/);
    assert.match(out, /for \(const key2 of \(batch2 as string\[\]\)\) keysSeen\.add\(key2\);/);
  });

  it('wraps the rewrite in a block where one statement is expected', async () => {
    const text = `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function f(x: boolean) {\n  if (x) return await redis.keys('a*');\n  return [];\n}\n`;
    const out = (await rewrite('src/a.ts', text)) ?? '';
    assert.match(out, /if \(x\) \{\n {4}const keysSeen = new Set<string>\(\);[\s\S]*\n {4}return \[\.\.\.keysSeen\];\n {2}\}\n {2}return \[\];/);
  });

  it('offers no rewrite when the statement cannot be replaced whole', async () => {
    const head = `import Redis from 'ioredis';\nconst redis = new Redis();\ndeclare function use(x: unknown): void;\ndeclare function getRedis(): Redis;\n`;
    for (const body of [
      `use(await redis.keys('a*'));`,
      `redis.keys('a*').then(use);`,
      `const k = redis.keys('a*');`,
      `const [first] = await redis.keys('a*');`,
      `const k = await getRedis().keys('a*');`,
      `const k = await redis.keysBuffer('a*');`,
      `for await (const k of await redis.keys('a*')) use(k);`,
    ]) {
      assert.equal(await rewrite('src/a.ts', `${head}export async function f() {\n  ${body}\n}\n`), null, body);
    }
  });
});
