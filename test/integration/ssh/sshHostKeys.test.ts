import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { UnknownHostKey } from '../../../src/core/ssh/hostKeyPolicy';
import { makeTempDir, removeTempDir } from '../../fixtures/redis/cleanup';
import { generateKeyPair, startSshd, type SshKeyPair, type SshdFixture } from '../../fixtures/ssh/sshd';
import { hopTo, Tunnels } from './support';

describe('SSH host keys checked against known_hosts with a real OpenSSH server', function () {
  let dir: string;
  let key: SshKeyPair;
  let sshd: SshdFixture;
  let fingerprintBySsh: string;
  const tunnels = new Tunnels();
  let fileCount = 0;
  const freshFile = (text = ''): string => {
    const file = path.join(dir, `known_hosts_${++fileCount}`);
    writeFileSync(file, text);
    return file;
  };

  before(async () => {
    dir = makeTempDir('ssh-host-keys');
    key = generateKeyPair(dir, 'id_user');
    sshd = await startSshd({ authorizedKeys: [key.publicKeyLine] });
    writeFileSync(path.join(dir, 'host.pub'), `${sshd.hostKeyLine}\n`);
    fingerprintBySsh = execFileSync('ssh-keygen', ['-lf', path.join(dir, 'host.pub')], { encoding: 'utf8' }).split(' ')[1];
  });
  afterEach(() => tunnels.closeAll());
  after(async () => {
    await sshd?.stop();
    await removeTempDir(dir);
  });

  it('SSH: an unknown host asks once with the SHA256 fingerprint ssh prints, and a remembered key is trusted next time', async () => {
    const file = freshFile();
    const asked: UnknownHostKey[] = [];
    await tunnels.create([hopTo(sshd, { privateKey: key.privateKey })], { knownHostsFiles: [file], askUnknown: (k) => (asked.push(k), Promise.resolve('remember')) }).open();
    assert.deepEqual(asked, [{ host: '127.0.0.1', port: sshd.port, keyType: 'ssh-ed25519', fingerprint: fingerprintBySsh, otherKeyTypes: [] }]);
    assert.match(readFileSync(file, 'utf8'), /^\|1\|[^ ]+ ssh-ed25519 AAAA/, 'remembered as a hashed line');
    // OpenSSH's own tool finds the remembered entry.
    assert.match(execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${sshd.port}`, '-f', file], { encoding: 'utf8' }), /ssh-ed25519/);
    await tunnels.create([hopTo(sshd, { privateKey: key.privateKey })], { knownHostsFiles: [file], askUnknown: () => Promise.reject(new Error('must not ask again')) }).open();
  });

  it('SSH: an unknown host accepted once is not written to known_hosts', async () => {
    const file = freshFile();
    await tunnels.create([hopTo(sshd, { privateKey: key.privateKey })], { knownHostsFiles: [file], askUnknown: () => Promise.resolve('once') }).open();
    assert.equal(readFileSync(file, 'utf8'), '');
  });

  it('SSH: an unknown host that is refused (or that nobody can be asked about) is not connected', async () => {
    const message = `The host key of [127.0.0.1]:${sshd.port} (${fingerprintBySsh}) is not in known_hosts and was not accepted.`;
    await assert.rejects(tunnels.create([hopTo(sshd, { privateKey: key.privateKey })], { knownHostsFiles: [freshFile()], askUnknown: () => Promise.resolve('reject') }).open(), { message });
    await assert.rejects(tunnels.create([hopTo(sshd, { privateKey: key.privateKey })], { knownHostsFiles: [freshFile()] }).open(), { message });
  });

  it('SSH: a changed host key is refused with a clear error', async () => {
    const impostor = generateKeyPair(dir, 'impostor_host_key');
    const oldLine = impostor.publicKeyLine.split(' ').slice(0, 2).join(' ');
    const file = freshFile(`# earlier key\n[127.0.0.1]:${sshd.port} ${oldLine}\n`);
    const oldFingerprint = execFileSync('ssh-keygen', ['-lf', `${impostor.privateKeyFile}.pub`], { encoding: 'utf8' }).split(' ')[1];
    let asked = false;
    await assert.rejects(
      tunnels.create([hopTo(sshd, { privateKey: key.privateKey })], { knownHostsFiles: [file], askUnknown: () => ((asked = true), Promise.resolve('remember')) }).open(),
      {
        message: `The host key of [127.0.0.1]:${sshd.port} has changed (now ${fingerprintBySsh}, ${file} line 2 has ${oldFingerprint}): refusing to connect; if the change is expected, remove the old key with ssh-keygen -R "[127.0.0.1]:${sshd.port}".`,
      },
    );
    assert.equal(asked, false, 'a changed key is never offered for acceptance');
  });

  it('SSH: a hashed known_hosts entry written by ssh-keygen -H is trusted', async () => {
    const file = freshFile(`[127.0.0.1]:${sshd.port} ${sshd.hostKeyLine}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    assert.doesNotMatch(readFileSync(file, 'utf8'), /127\.0\.0\.1/, 'the file is hashed');
    await tunnels.create([hopTo(sshd, { privateKey: key.privateKey })], { knownHostsFiles: [path.join(dir, 'missing'), file] }).open();
  });
});
