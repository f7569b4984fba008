import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { matchesHostLine, parseProxyJump, resolveSshHost } from '../../../../src/core/ssh/sshConfig';
import { resolveFromSshConfig } from '../../../../src/core/ssh/sshConfigFiles';
import { readConfigLines, splitConfigLine } from '../../../../src/core/ssh/sshConfigParser';
import { nodeConfigFileSystem } from '../../../../src/core/ssh/sshConfigFiles';

describe('ssh_config: reading and resolving hosts as OpenSSH does', () => {
  let home: string;
  const write = (relative: string, text: string): string => {
    const file = path.join(home, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  const resolve = (alias: string, overrides: { user?: string; port?: number } = {}) => resolveFromSshConfig(alias, overrides, { homeDir: home, localUser: 'me' });
  const lines = (text: string) => readConfigLines(write('.ssh/config', text), { fs: nodeConfigFileSystem, homeDir: home, includeBase: path.join(home, '.ssh') });

  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), 'ssh-config-test-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('splits lines with =, quotes and comments', () => {
    assert.deepEqual(splitConfigLine('Host=a b'), ['Host', 'a', 'b']);
    assert.deepEqual(splitConfigLine('Port = 2222'), ['Port', '2222']);
    assert.deepEqual(splitConfigLine('IdentityFile "~/my keys/id_ed25519" # work'), ['IdentityFile', '~/my keys/id_ed25519']);
    assert.deepEqual(splitConfigLine('# only a comment'), []);
    assert.throws(() => lines('Host a\n  HostName "x\n'), /Line 2 of .*config has an unterminated quote/);
  });

  it('matches Host patterns with *, ? and !', () => {
    assert.equal(matchesHostLine('db1.prod', ['*.prod']), true);
    assert.equal(matchesHostLine('db12.prod', ['db?.prod']), false);
    assert.equal(matchesHostLine('db1.prod', ['db?.prod']), true);
    assert.equal(matchesHostLine('bastion.prod', ['*.prod', '!bastion.*']), false);
    assert.equal(matchesHostLine('DB1.PROD', ['db1.prod']), true, 'host names are case-insensitive');
    assert.equal(matchesHostLine('a', ['!b']), false, 'a negation alone matches nothing');
  });

  it('takes the first value of each keyword, accumulates IdentityFile, and applies defaults', () => {
    write('.ssh/config', [
      'Host redis-prod',
      '  HostName 10.1.2.3',
      '  User deploy',
      '  IdentityFile ~/.ssh/prod_%r@%h:%p',
      'Host *',
      '  User nobody',
      '  Port 2200',
      '  HostName ignored',
      '  IdentityFile %d/.ssh/id_%u_%n_%%',
      '  ServerAliveInterval 15',
    ].join('\n'));
    const [host] = resolve('redis-prod');
    assert.equal(host.hostName, '10.1.2.3');
    assert.equal(host.user, 'deploy');
    assert.equal(host.port, 2200);
    assert.deepEqual(host.identityFiles, [path.join(home, '.ssh/prod_deploy@10.1.2.3:2200'), `${home}/.ssh/id_me_redis-prod_%`]);
    assert.equal(host.defaultIdentityFiles, false);
    assert.equal(host.serverAliveIntervalSeconds, 15);
    assert.equal(host.serverAliveCountMax, 3);
    const [other] = resolve('elsewhere', { user: 'cli', port: 22 });
    assert.deepEqual([other.hostName, other.user, other.port], ['ignored', 'cli', 22], 'user@host:port given with the connection beats the file');
  });

  it('expands %h in HostName and reports unknown tokens and bad ports in one sentence', () => {
    write('.ssh/config', 'Host *.internal\n  HostName %h.example.com\n');
    assert.equal(resolve('db.internal')[0].hostName, 'db.internal.example.com');
    write('.ssh/config', 'Host x\n  IdentityFile ~/.ssh/%C\n');
    assert.throws(() => resolve('x'), /identityfile at line 2 of .* uses the token %C, which is not supported here\./);
    write('.ssh/config', 'Host x\n  Port ssh\n');
    assert.throws(() => resolve('x'), /port at line 2 of .* has the port "ssh", which is not a number from 1 to 65535\./);
  });

  it('uses the alias itself, the local user, port 22 and the default keys when nothing matches (no file at all too)', () => {
    const [host] = resolve('plain.example.com');
    assert.deepEqual([host.hostName, host.user, host.port, host.defaultIdentityFiles, host.proxyJump], ['plain.example.com', 'me', 22, true, []]);
  });

  it('follows Include with globs, relative to ~/.ssh, in place', () => {
    write('.ssh/config.d/10-prod.conf', 'Host prod\n  HostName prod.example.com\n');
    write('.ssh/config.d/20-stage.conf', 'Host stage\n  HostName stage.example.com\n');
    write('extra/absolute.conf', 'Host abs\n  HostName abs.example.com\n');
    write('.ssh/config', `Include config.d/*.conf ${path.join(home, 'extra/absolute.conf')}\nHost *\n  User everyone\n`);
    assert.equal(resolve('prod')[0].hostName, 'prod.example.com');
    assert.equal(resolve('stage')[0].hostName, 'stage.example.com');
    assert.equal(resolve('abs')[0].hostName, 'abs.example.com');
    assert.equal(resolve('stage')[0].user, 'everyone');
    // An Include inside a Host block applies only to that host (until the included file's own Host lines).
    write('.ssh/inner.conf', 'User from-include\n');
    write('.ssh/config', 'Host only-this\n  Include inner.conf\nHost *\n  Port 2022\n');
    assert.equal(resolve('only-this')[0].user, 'from-include');
    assert.equal(resolve('another')[0].user, 'me');
    write('.ssh/config', 'Include config\n');
    assert.throws(() => resolve('x'), /includes itself too deeply/);
  });

  it('reports Match blocks as unsupported and skips what they hold', () => {
    write('.ssh/config', 'Match host x exec "true"\n  User matched\nHost x\n  HostName x.example.com\n');
    const [host] = resolve('x');
    assert.equal(host.user, 'me');
    assert.equal(host.hostName, 'x.example.com');
    assert.deepEqual(host.warnings, [`Match blocks are not supported: the one at line 1 of ${path.join(home, '.ssh/config')} was skipped.`]);
  });

  it('parses ProxyJump hops: user@host:port, ssh:// URIs, IPv6 and none', () => {
    assert.deepEqual(parseProxyJump('ops@bastion:2222,ssh://jump2,[::1]:23'), [{ host: 'bastion', user: 'ops', port: 2222 }, { host: 'jump2' }, { host: '::1', port: 23 }]);
    assert.deepEqual(parseProxyJump('none'), []);
    assert.throws(() => parseProxyJump('a,,b'), /ProxyJump has an empty hop in "a,,b"\./);
    assert.throws(() => parseProxyJump('bastion:99999'), /port "99999", which is not a number from 1 to 65535/);
  });

  it('resolves a ProxyJump chain: the first hop through its own config, later hops and the target through the ones before', () => {
    write('.ssh/config', [
      'Host redis-box',
      '  HostName 10.0.0.9',
      '  ProxyJump inner,ops@middle:2200',
      'Host inner',
      '  HostName inner.example.com',
      '  ProxyJump edge',
      'Host middle',
      '  HostName middle.example.com',
      '  ProxyJump should-not-apply',
      'Host edge',
      '  HostName edge.example.com',
      '  User edgeuser',
      'Host no-jump',
      '  ProxyJump none',
      'Host * !edge',
      '  ProxyJump edge',
    ].join('\n'));
    const chain = resolve('redis-box');
    assert.deepEqual(chain.map((h) => `${h.user}@${h.hostName}:${h.port}`), ['edgeuser@edge.example.com:22', 'me@inner.example.com:22', 'ops@middle.example.com:2200', 'me@10.0.0.9:22']);
    assert.deepEqual(resolve('no-jump').map((h) => h.hostName), ['no-jump'], 'ProxyJump none wins over a later Host *');
    write('.ssh/config', 'Host a\n  ProxyJump b\nHost b\n  ProxyJump a\n');
    assert.throws(() => resolve('a'), /longer than 10 hops \(does it loop\?\)/);
  });

  it('keeps UserKnownHostsFile and ServerAliveCountMax', () => {
    const parsed = lines('Host k\n  UserKnownHostsFile ~/.ssh/kh_%h /etc/kh\n  ServerAliveCountMax 5\n  ServerAliveInterval x\n');
    assert.throws(() => resolveSshHost('k', parsed, { homeDir: home, localUser: 'me' }), /serveraliveinterval at line 4 .* has "x", which is not a whole number of seconds\./);
    const ok = resolveSshHost('k', parsed.slice(0, 3), { homeDir: home, localUser: 'me' });
    assert.deepEqual(ok.userKnownHostsFiles, [path.join(home, '.ssh/kh_k'), '/etc/kh']);
    assert.equal(ok.serverAliveCountMax, 5);
  });
});
