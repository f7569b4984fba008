import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { makeTempDir, removeTempDir } from '../../fixtures/redis/cleanup';
import { generateKeyPair, startSshd, type SshKeyPair, type SshdFixture } from '../../fixtures/ssh/sshd';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

describe('SSH tunnel bundled as the extension is bundled (pure JavaScript)', function () {
  let dir: string;
  let key: SshKeyPair;
  let sshd: SshdFixture;
  let redis: RedisFixture;

  before(async () => {
    dir = makeTempDir('ssh-bundle');
    key = generateKeyPair(dir, 'id_user');
    [sshd, redis] = await Promise.all([startSshd({ authorizedKeys: [key.publicKeyLine] }), startStandalone()]);
  });
  after(async () => {
    await Promise.all([sshd?.stop(), redis?.stop()]);
    await removeTempDir(dir);
  });

  it('SSH: bundles ssh2 without its native addons, and the bundle tunnels to Redis', async () => {
    const { withoutNativeAddons } = (await import(path.join(repoRoot, 'scripts/lib/withoutNativeAddons.mjs'))) as { withoutNativeAddons: esbuild.Plugin };
    const outfile = path.join(dir, 'tunnel.js');
    await esbuild.build({ entryPoints: [path.join(repoRoot, 'src/core/ssh/sshTunnel.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, plugins: [withoutNativeAddons], logLevel: 'silent' });
    const bundle = readFileSync(outfile, 'utf8');
    assert.ok(bundle.includes('forwardOut'), 'ssh2 is in the bundle');
    assert.doesNotMatch(bundle, /require\(["'][^"']*\.node["']\)/, 'no native addon is required');
    assert.doesNotMatch(bundle, /require\(["']cpu-features["']\)/, 'cpu-features is not required');
    // Run the bundle in a fresh Node, away from node_modules: open a tunnel and PING Redis through it.
    const script = path.join(dir, 'run.js');
    writeFileSync(
      script,
      `const { SshTunnel } = require(${JSON.stringify(outfile)});
const net = require('node:net');
const tunnel = new SshTunnel({ hops: [{ host: '127.0.0.1', port: ${sshd.port}, username: ${JSON.stringify(sshd.user)}, privateKey: require('node:fs').readFileSync(${JSON.stringify(key.privateKeyFile)}) }], verifyHostKey: async () => undefined });
tunnel.forward('127.0.0.1', ${redis.port}).then((local) => {
  const socket = net.connect(local.port, local.host, () => socket.write('PING\\r\\n'));
  socket.once('data', (d) => { process.stdout.write(String(d)); socket.destroy(); tunnel.close(); });
}, (e) => { console.error(e.message); process.exit(1); });`,
    );
    assert.equal(execFileSync(process.execPath, [script], { cwd: dir, encoding: 'utf8', timeout: 20_000 }), '+PONG\r\n');
  });
});
