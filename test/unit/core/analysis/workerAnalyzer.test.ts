import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { wasmLocationFromNodeModules } from '../../../../src/core/analysis';
import { WorkerAnalyzer } from '../../../../src/core/analysis/worker/workerAnalyzer';

const SCRIPT = path.resolve(__dirname, '../../../../src/core/analysis/worker/analysisWorker.ts');

describe('analysis worker', () => {
  let worker: WorkerAnalyzer;
  beforeEach(() => {
    // The TypeScript entry runs through tsx, as the bundle's dist/analysisWorker.js would run directly.
    worker = new WorkerAnalyzer({ script: SCRIPT, wasm: wasmLocationFromNodeModules(), execArgv: ['--require', 'tsx/cjs'] });
  });
  afterEach(() => worker.dispose());

  it('analyses files in a worker thread, in order, applying each request’s options', async () => {
    assert.ok(isMainThread);
    const text = `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const all = () => redis.keys('*');\n`;
    const [first, off, again] = await Promise.all([
      worker.analyze('src/a.ts', text, {}, 'default'),
      worker.analyze('src/b.ts', text, { rules: { 'no-keys': 'off' } }, 'no-keys-off'),
      worker.analyze('src/c.ts', text, {}, 'default'),
    ]);
    assert.deepEqual(first.findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`), ['no-keys@3']);
    assert.equal(first.fileName, 'src/a.ts');
    assert.deepEqual(off.findings, []);
    assert.equal(again.findings.length, 1);
  });

  it('rejects a request whose options are invalid, and keeps serving the next ones', async () => {
    await assert.rejects(worker.analyze('src/a.ts', 'const a = 1;', { maxFileSize: -1 }, 'bad'), /maxFileSize/);
    const ok = await worker.analyze('src/a.ts', 'const a = 1;', {}, 'default');
    assert.deepEqual(ok.findings, []);
  });

  it('publishes a barrel’s re-exports on request, so a file of its import cycle analysed first resolves through it', async () => {
    const types = `import { Redis } from 'ioredis';\nexport type CacheClient = Redis;\n`;
    const service = `import type { CacheClient } from '.';\nexport class S {\n  constructor(private readonly c: CacheClient) {}\n  all() { return this.c.keys('*'); }\n}\n`;
    await worker.analyze('src/lib/types.ts', types, {}, 'default');
    const before = await worker.analyze('src/lib/a-service.ts', service, {}, 'default');
    assert.deepEqual(before.findings.map((f) => f.confidence), ['likely'], 'the barrel is not known yet');
    await worker.noteReexports('src/lib/index.ts', `export * from './types';\nexport * from './a-service';\n`);
    await worker.noteReexports('src/lib/plain.ts', 'export const x = 1;\n'); // nothing to publish: not even sent
    const after = await worker.analyze('src/lib/b-service.ts', service, {}, 'default');
    assert.deepEqual(after.findings.map((f) => f.confidence), ['certain']);
  });

  it('settles a file’s findings after the scan: a client listened on and a collection trimmed in files analysed later', async () => {
    const creator = `import { createClient } from 'redis';\nexport const client = createClient();\nexport async function log(line: string) {\n  await client.xAdd('app:log', '*', { line });\n}\n`;
    const first = await worker.analyze('src/redis.ts', creator, {}, '');
    assert.deepEqual(first.findings.map((f) => f.ruleId).sort(), ['missing-error-listener', 'unbounded-growth']);
    await worker.analyze('src/main.ts', `import { client } from './redis';\nclient.on('error', console.error);\nexport const trim = () => client.xTrim('app:log', 'MAXLEN', 1000);\n`, {}, '');
    assert.deepEqual(await worker.settle('src/redis.ts', first.findings), []);
    const untouched = first.findings.filter((f) => f.ruleId === 'missing-error-listener');
    assert.deepEqual((await worker.settle('src/other.ts', untouched)).length, 1, 'a file the scan did not analyse keeps what it was given');
  });

  it('rejects pending analyses when it is stopped', async () => {
    const pending = worker.analyze('src/a.ts', 'const a = 1;', {}, 'default');
    worker.dispose();
    await assert.rejects(pending, /stopped/);
  });
});
