import assert from 'node:assert/strict';
import { checkHostKey, fingerprintSha256, keyTypeOf, knownHostsLine, knownHostsName, parseKnownHosts } from '../../../../src/core/ssh/knownHosts';

// Keys made with `ssh-keygen -t ed25519|ecdsa`; fingerprints as `ssh-keygen -lf` printed them; the
// hashed lines as `ssh-keygen -H` wrote them for db.example.com (key A) and [db.example.com]:2222 (key B).
const keyA = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIJ8Y1M0BK9JkeBM90Z9kRo4lHI9t2mdFvPH7m0VGUK3c', 'base64');
const keyB = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAILjsrBdBYaPlHMUwxGnNXOGtA/Po96xffzIeG9MmW7Ce', 'base64');
const keyC = Buffer.from('AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBLAdZtTXh4Oe1OT9f5cb4b64CNO/T6k6zJ39j+KOgreE23awhcmYASqP7vzAnh+98uDp0pYRI+soSI8qrgO8QBU=', 'base64');
const hashedByKeygen = [
  '|1|6mDGItGbLF7sh332TD1U2sCYmPc=|FR6p4LZer+obUUrYRC2MqV0Vu2Y= ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ8Y1M0BK9JkeBM90Z9kRo4lHI9t2mdFvPH7m0VGUK3c',
  '|1|z4S9F2zwaj3GNio7EovUQZvI254=|SvU4FJtMaDg9/zLJGeKE44lg+IQ= ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILjsrBdBYaPlHMUwxGnNXOGtA/Po96xffzIeG9MmW7Ce',
].join('\n');

describe('known_hosts: host key verification as OpenSSH does it', () => {
  it('prints SHA256 fingerprints and key types as ssh does', () => {
    assert.equal(fingerprintSha256(keyA), 'SHA256:UBGUfgsiQKwJBuhgSP8OWshJTNaT42GlENnIQgwtYOA');
    assert.equal(fingerprintSha256(keyC), 'SHA256:3tYxZNaPn3wXPGGCGIzNzCRHK1fcY8am4eGKf1Qf17g');
    assert.equal(keyTypeOf(keyA), 'ssh-ed25519');
    assert.equal(keyTypeOf(keyC), 'ecdsa-sha2-nistp256');
    assert.equal(keyTypeOf(Buffer.alloc(2)), 'unknown');
  });

  it('names port 22 plainly and other ports as [host]:port', () => {
    assert.equal(knownHostsName('db', 22), 'db');
    assert.equal(knownHostsName('db', 2222), '[db]:2222');
  });

  it('matches hashed entries written by ssh-keygen -H, with the port', () => {
    const entries = parseKnownHosts(hashedByKeygen, 'known_hosts');
    assert.deepEqual(checkHostKey(entries, 'db.example.com', 22, keyA), { status: 'trusted' });
    assert.deepEqual(checkHostKey(entries, 'db.example.com', 2222, keyB), { status: 'trusted' });
    assert.deepEqual(checkHostKey(entries, 'other.example.com', 22, keyA), { status: 'unknown', otherKeyTypes: [] });
    assert.deepEqual(checkHostKey(entries, 'db.example.com', 22, keyB), { status: 'changed', knownFingerprint: fingerprintSha256(keyA), file: 'known_hosts', line: 1 });
  });

  it('matches plain, comma-separated and wildcard patterns, and skips comments and unknown markers', () => {
    const text = [
      '# a comment',
      '',
      `db,10.0.0.5 ssh-ed25519 ${keyA.toString('base64')} comment here`,
      `*.prod,!bastion.prod ssh-ed25519 ${keyB.toString('base64')}`,
      `@unknown-marker db ssh-ed25519 ${keyB.toString('base64')}`,
      'garbage',
    ].join('\n');
    const entries = parseKnownHosts(text, 'kh');
    assert.equal(entries.length, 2);
    assert.equal(checkHostKey(entries, '10.0.0.5', 22, keyA).status, 'trusted');
    assert.equal(checkHostKey(entries, 'cache.prod', 22, keyB).status, 'trusted');
    assert.equal(checkHostKey(entries, 'bastion.prod', 22, keyB).status, 'unknown');
    assert.equal(checkHostKey(entries, 'DB', 22, keyA).status, 'trusted', 'host names are case-insensitive');
  });

  it('treats a server offering another key type as unknown, naming the types it has', () => {
    const entries = parseKnownHosts(`db ssh-ed25519 ${keyA.toString('base64')}`, 'kh');
    assert.deepEqual(checkHostKey(entries, 'db', 22, keyC), { status: 'unknown', otherKeyTypes: ['ssh-ed25519'] });
  });

  it('honours @revoked and skips @cert-authority', () => {
    const entries = parseKnownHosts([`@revoked * ssh-ed25519 ${keyA.toString('base64')}`, `db ssh-ed25519 ${keyA.toString('base64')}`, `@cert-authority db ssh-ed25519 ${keyB.toString('base64')}`].join('\n'), 'kh');
    assert.deepEqual(checkHostKey(entries, 'db', 22, keyA), { status: 'revoked', file: 'kh', line: 1 });
    assert.equal(checkHostKey(entries, 'db', 22, keyB).status, 'changed', 'a CA key is no host key');
  });

  it('writes hashed lines that it (and ssh-keygen -F) can find again, plain ones on request', () => {
    const salt = Buffer.from('6mDGItGbLF7sh332TD1U2sCYmPc=', 'base64');
    assert.equal(knownHostsLine('db.example.com', 22, keyA, { salt }), hashedByKeygen.split('\n')[0]);
    const line = knownHostsLine('db', 2200, keyC);
    assert.match(line, /^\|1\|[^|]+\|[^ ]+ ecdsa-sha2-nistp256 AAAA/);
    assert.equal(checkHostKey(parseKnownHosts(line, 'kh'), 'db', 2200, keyC).status, 'trusted');
    assert.equal(knownHostsLine('db', 2200, keyC, { hashed: false }), `[db]:2200 ecdsa-sha2-nistp256 ${keyC.toString('base64')}`);
  });
});
