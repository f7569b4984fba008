import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import Redis from 'ioredis';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';
import { makeTempDir, removeTempDir, trackChild } from '../../fixtures/redis/cleanup';
import { createThrowawayUser, generateKeyPair, startSshd, throwawayUserUnavailableReason, type SshKeyPair, type SshdFixture, type ThrowawayUser } from '../../fixtures/ssh/sshd';
import { hopTo, knownHostsFor, Tunnels } from './support';

describe('SSH tunnel authentication against a real OpenSSH server', function () {
  let dir: string;
  let key: SshKeyPair;
  let encrypted: SshKeyPair;
  let pemKey: SshKeyPair;
  let sshd: SshdFixture;
  let redis: RedisFixture;
  let knownHosts: string;
  let user: ThrowawayUser | undefined;
  const tunnels = new Tunnels();

  before(async () => {
    dir = makeTempDir('ssh-auth');
    key = generateKeyPair(dir, 'id_plain');
    encrypted = generateKeyPair(dir, 'id_encrypted', { passphrase: 'correct horse' });
    pemKey = generateKeyPair(dir, 'id_pem', { type: 'rsa', pem: true });
    [sshd, redis] = await Promise.all([startSshd({ authorizedKeys: [key.publicKeyLine, encrypted.publicKeyLine, pemKey.publicKeyLine], passwordAuthentication: true }), startStandalone()]);
    knownHosts = knownHostsFor(dir, [sshd]);
    if (!throwawayUserUnavailableReason()) user = createThrowawayUser();
  });
  afterEach(() => tunnels.closeAll());
  after(async () => {
    user?.remove();
    await Promise.all([sshd?.stop(), redis?.stop()]);
    await removeTempDir(dir);
  });

  /** PING through a forward of the tunnel. */
  async function pingThrough(hop: Parameters<typeof hopTo>[1]): Promise<string> {
    const tunnel = tunnels.create([hopTo(sshd, hop)], { knownHostsFiles: [knownHosts] });
    await tunnel.open();
    const local = await tunnel.forward(redis.host, redis.port);
    const client = new Redis({ host: local.host, port: local.port, lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await client.connect();
      return await client.ping();
    } finally {
      client.disconnect();
    }
  }

  it('SSH: logs in with a private key (OpenSSH format) and reaches Redis', async () => {
    assert.equal(await pingThrough({ privateKey: key.privateKey }), 'PONG');
  });

  it('SSH: logs in with an RSA key in PEM format', async () => {
    assert.equal(await pingThrough({ privateKey: pemKey.privateKey }), 'PONG');
  });

  it('SSH: an encrypted key needs its passphrase, says so, and refuses a wrong one', async () => {
    const hop = { privateKey: encrypted.privateKey, privateKeyFile: encrypted.privateKeyFile };
    await assert.rejects(pingThrough(hop), { message: `The private key ${encrypted.privateKeyFile} is encrypted: enter its passphrase.` });
    await assert.rejects(pingThrough({ ...hop, passphrase: 'wrong' }), { message: `The private key ${encrypted.privateKeyFile} could not be decrypted: the passphrase is wrong.` });
    assert.equal(await pingThrough({ ...hop, passphrase: 'correct horse' }), 'PONG');
  });

  it('SSH: a key the server does not accept is refused in one sentence', async () => {
    const stranger = generateKeyPair(dir, 'id_stranger');
    await assert.rejects(pingThrough({ privateKey: stranger.privateKey }), { message: `The SSH server 127.0.0.1:${sshd.port} did not accept user "${sshd.user}": wrong password or key.` });
  });

  it('SSH: logs in through a running ssh-agent (SSH_AUTH_SOCK)', async () => {
    const socket = path.join(dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    trackChild(agent);
    try {
      for (let i = 0; i < 100; i++) {
        try {
          execFileSync('ssh-add', ['-l'], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
          break;
        } catch (error) {
          if ((error as { status?: number }).status === 1) break; // the agent answers: no identities yet
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      execFileSync('ssh-add', [key.privateKeyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
      assert.equal(await pingThrough({ agent: socket }), 'PONG');
    } finally {
      agent.kill();
      await once(agent, 'exit');
    }
  });

  it('SSH: logs in with a password, and refuses a wrong one in one sentence', async function () {
    if (!user) {
      console.log(`      skipped: ${throwawayUserUnavailableReason()}`);
      this.skip();
    }
    assert.equal(await pingThrough({ username: user.name, password: user.password }), 'PONG');
    await assert.rejects(pingThrough({ username: user.name, password: 'not-it' }), { message: `The SSH server 127.0.0.1:${sshd.port} did not accept user "${user.name}": wrong password or key.` });
  });
});
