import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Analyzer, wasmLocationFromNodeModules } from '../../../src/core/analysis';
import { cutIntoShares, lintInShares, threadCount } from '../../../src/commandLine/lint/lintShares';
import { type SourceRead, readSourceSync } from '../../../src/commandLine/lint/readSource';
import { buildCliBundle, lint, useTempWorkspaces } from './cliHarness';

const text = (length: number): SourceRead => ({ ok: true, text: 'x'.repeat(length) });

describe('CLI: lint in threads (--jobs)', function () {
  this.timeout(120_000);
  const ws = useTempWorkspaces();

  it('cuts the run, in its order, into contiguous shares of about equal text', () => {
    const sources = [text(100), text(100), text(100), text(100), { ok: false as const, reason: 'unreadable' }, text(100)];
    const shares = cutIntoShares([5, 4, 3, 2, 1, 0], sources, 2);
    assert.deepEqual(shares, [[5, 4, 3], [2, 1, 0]]);
    assert.deepEqual(cutIntoShares([0, 1], sources, 4), [[0], [1]]);
    assert.deepEqual(cutIntoShares([0, 1, 2], [text(1000), text(1), text(1)], 2), [[0], [1, 2]]);
  });

  it('uses one thread without a worker script, for small runs, and never more threads than files', () => {
    assert.equal(threadCount(4, 1000, undefined), 1);
    assert.equal(threadCount('auto', 150, 'cli.js'), 1);
    assert.equal(threadCount(8, 3, 'cli.js'), 3);
    assert.equal(threadCount(1, 1000, 'cli.js'), 1);
    // auto: one per core, at most four, and at least 100 files per thread.
    assert.equal(threadCount('auto', 2000, 'cli.js'), Math.min(availableParallelism(), 4));
    assert.equal(threadCount('auto', 250, 'cli.js'), Math.min(availableParallelism(), 2));
  });

  it('lints a share again in this thread when its thread cannot run', async () => {
    const dir = ws({ 'src/redis.ts': `import Redis from 'ioredis';\nexport const redis = new Redis();\n`, 'src/jobs.ts': `import { redis } from './redis';\nexport const names = () => redis.keys('job:*');\n` });
    const all = ['src/redis.ts', 'src/jobs.ts'].map((relative) => ({ file: path.join(dir, relative), relative, options: {} }));
    const sources = all.map((f) => readSourceSync(f.file, 1e6));
    const analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() });
    try {
      const args = { format: 'json', maxWarnings: -1, config: null, fix: 'none', fixType: 'safe', jobs: 2, paths: ['src'] } as const;
      const files = await lintInShares(analyzer, { wasm: wasmLocationFromNodeModules(), args: { ...args, paths: [...args.paths] }, all }, sources, [0, 1], 2, path.join(dir, 'no-such-worker.js'));
      assert.deepEqual(files.map((f) => [f.relative, f.findings?.map((x) => `${x.ruleId}:${x.severity}`)]), [
        ['src/redis.ts', []],
        ['src/jobs.ts', ['no-keys:warning']],
      ]);
    } finally {
      analyzer.dispose();
    }
  });

  it('refuses a --jobs that is not a whole number ≥ 1 or auto', async () => {
    const dir = ws({ 'a.ts': 'export {};\n' });
    for (const bad of ['0', 'two', '-1', '1.5']) {
      const { code, stderr } = await lint(dir, 'lint', '--jobs', bad, 'a.ts');
      assert.equal(code, 2, bad);
      assert.match(stderr, /--jobs must be a whole number ≥ 1 or auto/);
    }
    assert.equal((await lint(dir, 'lint', '--jobs', 'auto', 'a.ts')).code, 0);
  });

  it('reports in threads exactly what one thread reports, clients and keys of other shares included', async () => {
    const cli = await buildCliBundle(ws({}));
    // Every file imports the client module, which a thread of its own may lint: its exports must still resolve.
    const dir = ws({
      'src/redis.ts': `import Redis from 'ioredis';\nexport const redis = new Redis();\n`,
      'src/app.ts': `import { redis } from './redis';\nredis.on('error', (err) => console.error(err));\n`,
      'src/jobs.ts': `import { redis } from './redis';\nexport async function names() {\n  return redis.keys('job:*');\n}\n`,
      'src/queue.ts': `import { redis } from './redis';\nexport async function push(id: string) {\n  await redis.lpush('queue:jobs', id);\n  return redis.lrange('queue:jobs', 0, 9);\n}\n`,
      'src/worker.ts': `import { redis } from './redis';\nexport async function next() {\n  return redis.rpop('queue:jobs');\n}\n`,
      'src/audit.ts': `import { redis } from './redis';\nexport async function log(line: string) {\n  await redis.lpush('audit:log', line);\n  return redis.lrange('audit:log', 0, 9);\n}\n`,
      'src/broken.ts': `export const = ;\n`,
    });
    const run = (jobs: string): { status: number | null; stdout: string; stderr: string } =>
      spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '--jobs', jobs, 'src'], { cwd: dir, encoding: 'utf8' });
    const one = run('1');
    const findings = (JSON.parse(one.stdout) as Array<{ file: string; rule: string; severity: string }>).map((f) => `${f.file} ${f.rule}:${f.severity}`);
    // The client from ./redis is certain (a warning); app.ts listens on it; worker.ts consumes the queue; nothing trims the audit log.
    assert.deepEqual(findings, ['src/audit.ts unbounded-growth:info', 'src/jobs.ts no-keys:warning']);
    for (const jobs of ['2', '3', '7']) {
      const threaded = run(jobs);
      assert.equal(threaded.stdout, one.stdout, `--jobs ${jobs}`);
      assert.equal(threaded.stderr, one.stderr, `--jobs ${jobs}`);
      assert.equal(threaded.status, one.status);
    }
  });
});
