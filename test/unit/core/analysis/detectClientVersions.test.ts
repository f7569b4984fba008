import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectClientVersions } from '../../../../src/core/analysis';

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-versions-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('detectClientVersions', () => {
  const dirs: string[] = [];
  const ws = (files: Record<string, string>): string => {
    const dir = workspace(files);
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('reads package-lock.json first', async () => {
    const dir = ws({
      'package.json': JSON.stringify({ dependencies: { redis: '^5.0.0' } }),
      'package-lock.json': JSON.stringify({ packages: { 'node_modules/redis': { version: '4.7.0' }, 'node_modules/ioredis': { version: '5.4.1' } } }),
    });
    assert.deepEqual(await detectClientVersions(dir), { nodeRedisMajor: 4, ioredisMajor: 5, source: 'lockfile' });
  });

  it('reads yarn.lock and pnpm-lock.yaml', async () => {
    const yarn = ws({ 'yarn.lock': '"redis@^5.1.0":\n  version "5.1.2"\n  resolved "x"\n' });
    assert.equal((await detectClientVersions(yarn)).nodeRedisMajor, 5);
    const pnpm = ws({ 'pnpm-lock.yaml': "packages:\n\n  /@redis/client@1.6.0:\n    resolution: {}\n" });
    assert.equal((await detectClientVersions(pnpm)).nodeRedisMajor, 4, '@redis/client 1.x ships with redis 4');
  });

  it('takes redis 2 and 3 for the callback API (3), whose fixes write argument tokens', async () => {
    const v3 = ws({ 'package.json': JSON.stringify({ dependencies: { redis: '^3.1.2' } }) });
    assert.equal((await detectClientVersions(v3)).nodeRedisMajor, 3);
    const v2 = ws({ 'package-lock.json': JSON.stringify({ packages: { 'node_modules/redis': { version: '2.8.0' } } }) });
    assert.equal((await detectClientVersions(v2)).nodeRedisMajor, 3);
  });

  it('falls back to package.json ranges, then to node_modules', async () => {
    const manifest = ws({ 'package.json': JSON.stringify({ devDependencies: { redis: '~4.6.13' } }) });
    assert.deepEqual(await detectClientVersions(manifest), { nodeRedisMajor: 4, ioredisMajor: null, source: 'package.json' });
    const installed = ws({ 'node_modules/redis/package.json': JSON.stringify({ version: '5.12.1' }) });
    assert.deepEqual(await detectClientVersions(installed), { nodeRedisMajor: 5, ioredisMajor: null, source: 'node_modules' });
  });

  it('says unknown when nothing tells', async () => {
    assert.deepEqual(await detectClientVersions(ws({ 'package.json': '{ broken' })), { nodeRedisMajor: null, ioredisMajor: null, source: null });
    assert.deepEqual(await detectClientVersions('/nonexistent/dir'), { nodeRedisMajor: null, ioredisMajor: null, source: null });
  });
});
