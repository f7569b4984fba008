import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { prepareDemoWorkspace } from '../../scripts/lib/demoWorkspace';
import { repoRoot } from './workbench';

/** Every diagnostic the real TypeScript compiler reports for a folder's own tsconfig.json. */
function compilerDiagnostics(folder: string): string[] {
  const configFile = ts.readConfigFile(path.join(folder, 'tsconfig.json'), (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, folder);
  assert.ok(parsed.fileNames.length >= 4, `the sample's sources are compiled: ${parsed.fileNames.join(', ')}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.relative(folder, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

describe('e2e: demo workspace', () => {
  it('compiles without "Cannot find module" (or any other TypeScript error) as the demo prepares it', () => {
    const workspace = prepareDemoWorkspace({ repoRoot, redis: { host: '127.0.0.1', port: 6379 } });
    try {
      assert.deepEqual(compilerDiagnostics(workspace.folder), []);
    } finally {
      workspace.dispose();
    }
    assert.equal(existsSync(workspace.root), false, 'dispose removes the whole temporary folder');
    assert.ok(existsSync(path.join(repoRoot, 'node_modules', 'ioredis', 'package.json')), 'removing the links left the repository packages alone');
  });
});

// `npm run demo` is one of the README's two commands: start it as a user would, check that both
// servers answer, and that Ctrl-C stops everything it started.
describe('e2e: npm run demo', () => {
  it('serves VS Code with the sample workspace and a seeded Redis, and stops once on Ctrl-C leaving no temporary folder', async () => {
    // Detached: its own process group, which receives Ctrl-C as a terminal sends it (to every process of the group).
    const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(repoRoot, 'scripts', 'demo.ts')], {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let folder = '';
    try {
      const deadline = Date.now() + 120_000;
      while (!/Press Ctrl-C/.test(output) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
      assert.match(output, /Press Ctrl-C/, output);
      const url = /VS Code \(code-server\): (\S+)/.exec(output)?.[1] as string;
      folder = decodeURIComponent(new URL(url).searchParams.get('folder') as string);
      assert.ok(existsSync(path.join(folder, 'src', 'sessions.ts')), folder);
      assert.ok(existsSync(path.join(folder, 'dump.rdb')), 'the workspace holds a dump of the demo data for Analyze Dump File…');
      const redisUrl = /Redis:\s+(redis:\/\/\S+)/.exec(output)?.[1] as string;
      assert.equal((await fetch(url)).status, 200);
      const { default: Redis } = await import('ioredis');
      const redis = new Redis(redisUrl);
      assert.ok((await redis.dbsize()) > 50, 'the demo server is seeded');
      assert.equal(await redis.type('events:orders'), 'stream');
      redis.disconnect();
    } finally {
      process.kill(-(child.pid as number), 'SIGINT');
      // An impatient second Ctrl-C (or a relayed copy of the first) while stopping must not start a second stop.
      await new Promise((r) => setTimeout(r, 300));
      if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGINT');
    }
    assert.equal(await exited, 0, output);
    assert.equal(output.match(/Stopping/g)?.length, 1, output);
    assert.equal(existsSync(path.dirname(folder)), false, `the demo's temporary folder ${path.dirname(folder)} is removed`);
  });
});
