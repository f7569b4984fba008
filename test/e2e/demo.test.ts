import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './workbench';

// `npm run demo` is one of the README's two commands: start it as a user would, check that both
// servers answer, and that Ctrl-C stops everything it started.
describe('e2e: npm run demo', () => {
  it('serves VS Code with the sample workspace and a seeded Redis, and stops on Ctrl-C', async () => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(repoRoot, 'scripts', 'demo.ts')], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 120_000;
      while (!/Press Ctrl-C/.test(output) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
      assert.match(output, /Press Ctrl-C/, output);
      const url = /VS Code \(code-server\): (\S+)/.exec(output)?.[1] as string;
      const redisUrl = /Redis:\s+(redis:\/\/\S+)/.exec(output)?.[1] as string;
      assert.equal((await fetch(url)).status, 200);
      const { default: Redis } = await import('ioredis');
      const redis = new Redis(redisUrl);
      assert.ok((await redis.dbsize()) > 50, 'the demo server is seeded');
      assert.equal(await redis.type('events:orders'), 'stream');
      redis.disconnect();
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0, output);
  });
});
