import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { normalizeConnectionConfig } from '../../../../src/core/redis/connection/connectionConfig';
import { resolveSshRoute, type SshEnvironment } from '../../../../src/core/ssh/sshRoute';

describe('SSH route of a connection: its settings over the user\'s OpenSSH configuration', () => {
  let home: string;
  let env: SshEnvironment;
  const key = (name: string): string => {
    const file = path.join(home, '.ssh', name);
    writeFileSync(file, `-----BEGIN OPENSSH PRIVATE KEY-----\n${name}\n-----END OPENSSH PRIVATE KEY-----\n`);
    return file;
  };

  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), 'ssh-route-test-'));
    mkdirSync(path.join(home, '.ssh'));
    env = { homeDir: home, localUser: 'me' };
    writeFileSync(
      path.join(home, '.ssh', 'config'),
      ['Host bastion', '  HostName bastion.example.com', '  User ops', '  IdentityFile ~/.ssh/ops_key', 'Host db', '  HostName 10.0.0.9', '  ProxyJump bastion', '  ServerAliveInterval 10', '  ServerAliveCountMax 2', 'Match user x', ''].join('\n'),
    );
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('resolves an alias with its jump host, the default key file and keepalive, and shows what it resolved', () => {
    const opsKey = key('ops_key');
    const defaultKey = key('id_ecdsa');
    const route = resolveSshRoute({ host: 'db' }, {}, { ...env, agentSocket: '/run/agent.sock' });
    assert.deepEqual(route.hops.map((h) => [h.username, h.host, h.port, h.privateKeyFile, h.agent]), [
      ['ops', 'bastion.example.com', 22, opsKey, '/run/agent.sock'],
      ['me', '10.0.0.9', 22, defaultKey, '/run/agent.sock'],
    ]);
    assert.equal(route.hops[1].privateKey, `-----BEGIN OPENSSH PRIVATE KEY-----\nid_ecdsa\n-----END OPENSSH PRIVATE KEY-----\n`);
    assert.deepEqual(route.knownHostsFiles, [path.join(home, '.ssh/known_hosts'), path.join(home, '.ssh/known_hosts2'), '/etc/ssh/ssh_known_hosts']);
    assert.equal(route.rememberKnownHostsFile, path.join(home, '.ssh/known_hosts'));
    assert.equal(route.keepaliveIntervalMs, 10_000);
    assert.equal(route.keepaliveCountMax, 2);
    assert.equal(route.summary, `ops@bastion.example.com:22 → me@10.0.0.9:22 (key ${defaultKey})`);
    assert.equal(route.warnings.length, 1);
    assert.match(route.warnings[0], /^Match blocks are not supported/);
  });

  it('uses the connection\'s password, user, port and jump hosts over the configuration', () => {
    key('ops_key');
    const route = resolveSshRoute({ host: 'db', username: 'admin', port: 2222, auth: 'password', proxyJump: 'jumper@other:2200' }, { sshPassword: 's3cret' }, env);
    assert.deepEqual(route.hops.map((h) => `${h.username}@${h.host}:${h.port}`), ['jumper@other:2200', 'admin@10.0.0.9:2222']);
    assert.equal(route.hops[1].password, 's3cret');
    assert.equal(route.hops[1].privateKey, undefined);
    assert.equal(route.summary, 'jumper@other:2200 → admin@10.0.0.9:2222 (password)');
    assert.deepEqual(resolveSshRoute({ host: 'db', proxyJump: 'none' }, {}, env).hops.map((h) => h.host), ['10.0.0.9'], 'none drops the configured jump host');
    writeFileSync(path.join(home, '.ssh', 'config'), 'Host db\n  UserKnownHostsFile ~/.ssh/kh_db\n');
    const own = resolveSshRoute({ host: 'db' }, {}, env);
    assert.deepEqual([own.knownHostsFiles, own.rememberKnownHostsFile], [[path.join(home, '.ssh/kh_db'), '/etc/ssh/ssh_known_hosts'], path.join(home, '.ssh/kh_db')]);
  });

  it('uses a chosen key file with its passphrase, and not the agent', () => {
    const chosen = key('chosen');
    const route = resolveSshRoute({ host: 'plain.example.com', auth: 'privateKey', privateKeyFile: chosen }, { sshPassphrase: 'pp' }, { ...env, agentSocket: '/run/agent.sock' });
    assert.deepEqual([route.hops[0].privateKeyFile, route.hops[0].passphrase, route.hops[0].agent], [chosen, 'pp', undefined]);
  });

  it('says in one sentence what is missing', () => {
    assert.throws(() => resolveSshRoute({ host: 'x', auth: 'password' }, {}, env), { message: 'The SSH login of me@x needs its password.' });
    assert.throws(() => resolveSshRoute({ host: 'x', auth: 'agent' }, {}, env), { message: 'No SSH agent is running (SSH_AUTH_SOCK is not set).' });
    assert.throws(() => resolveSshRoute({ host: 'x', auth: 'privateKey' }, {}, env), { message: 'No private key file is set for the SSH login.' });
    assert.throws(() => resolveSshRoute({ host: 'x', auth: 'privateKey', privateKeyFile: path.join(home, 'nope') }, {}, env), { message: `Cannot read the private key ${path.join(home, 'nope')}: ENOENT.` });
  });
});

describe('SSH settings read from the connections setting', () => {
  const normalize = (ssh: unknown) => normalizeConnectionConfig({ id: 'c1', host: 'db', ssh });
  it('accepts complete settings and keeps them', () => {
    const config = normalize({ host: 'bastion', port: 2222, username: 'ops', auth: 'privateKey', privateKeyFile: '~/.ssh/id', proxyJump: 'a@b:22,c' });
    assert.ok(!('error' in config));
    assert.deepEqual(config.ssh, { host: 'bastion', port: 2222, username: 'ops', auth: 'privateKey', privateKeyFile: '~/.ssh/id', proxyJump: 'a@b:22,c' });
  });
  it('refuses hand-edited mistakes in one sentence', () => {
    const cases: [unknown, string][] = [
      ['bastion', 'connection "c1": "ssh" must be an object such as { "host": "bastion" }'],
      [{}, 'connection "c1": "ssh.host" must name the SSH server or a Host alias of ~/.ssh/config'],
      [{ host: 'b', port: 70000 }, 'connection "c1": "ssh.port" 70000 is not a port from 1 to 65535'],
      [{ host: 'b', auth: 'kerberos' }, 'connection "c1": "ssh.auth" must be one of password, privateKey, agent, not "kerberos"'],
      [{ host: 'b', proxyJump: 'a,,b' }, 'connection "c1": "ssh.proxyJump" has an empty hop in "a,,b"'],
      [{ host: 'b', username: '' }, 'connection "c1": "ssh.username" must be a non-empty string'],
    ];
    for (const [ssh, error] of cases) assert.deepEqual(normalize(ssh), { error });
  });
});
