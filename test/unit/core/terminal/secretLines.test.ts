import assert from 'node:assert/strict';
import { CommandCatalog } from '../../../../src/core/terminal/commandCatalog';
import { CommandHistory } from '../../../../src/core/terminal/commandHistory';
import type { RespValue } from '../../../../src/core/terminal/resp';
import { mentionsSecret, SECRET_WORDS } from '../../../../src/core/terminal/secretLines';

describe('CLI history keeps out every line that mentions a secret-bearing command or parameter', () => {
  const secret: string[] = [
    // AUTH, in every shape, parsed or not
    'AUTH secret',
    'auth user secret',
    'Auth "unterminated',
    '  AUTH',
    '3 AUTH pw',
    '"\\x61uth" pw',
    "'auth' pw",
    // HELLO … AUTH
    'hello 3 AUTH user pw',
    'HELLO 3 SETNAME x AUTH user pw',
    'hello 3 auth "user" "p w',
    // CONFIG SET with a secret parameter, alone or among several
    'config set requirepass x',
    'CONFIG SET maxmemory 1gb requirepass x',
    'config set maxmemory 1gb masterauth x',
    'config set masteruser u',
    'config set primaryauth x',
    'config set primaryuser u',
    'CONFIG SET tls-key-file-pass x',
    'config set tls-client-key-file-pass x',
    'config set "requirepass" x',
    // Sentinel
    'SENTINEL SET mymaster auth-pass x',
    'sentinel set mymaster down-after-milliseconds 1000 auth-user u',
    'SENTINEL CONFIG SET sentinel-pass x',
    'sentinel config set sentinel-user u',
    // MIGRATE … AUTH / AUTH2
    'migrate h 6379 "" 0 5000 AUTH pw KEYS a',
    'MIGRATE h 6379 k 0 5000 AUTH2 user pw',
    // ACL SETUSER with password rules, and every other ACL SETUSER
    'acl setuser bob on >pw',
    'ACL SETUSER bob <pw',
    'acl setuser bob #5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8',
    'acl setuser bob !5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8',
    'acl setuser bob on ~* +@all',
  ];
  const harmless = ['get k', 'config set maxmemory 1gb', 'config get maxmemory', 'hello 3 SETNAME x', 'acl whoami', 'sentinel masters', 'set authority 1', 'migrate h 6379 k 0 5000'];

  for (const line of secret) it(`does not record ${JSON.stringify(line)}`, () => assert.equal(mentionsSecret(line), true));
  for (const line of harmless) it(`records ${JSON.stringify(line)}`, () => assert.equal(mentionsSecret(line), false));

  it('knows every secret configuration parameter and Sentinel option', () => {
    for (const word of ['requirepass', 'masterauth', 'masteruser', 'primaryauth', 'primaryuser', 'tls-key-file-pass', 'tls-client-key-file-pass', 'auth-pass', 'auth-user', 'sentinel-pass', 'sentinel-user', 'auth', 'auth2']) {
      assert.ok(SECRET_WORDS.has(word), word);
    }
  });

  it('CommandHistory refuses those lines, including lines that do not parse', () => {
    const history = new CommandHistory();
    for (const line of ['get a', 'auth "open', 'CONFIG SET maxmemory 1gb requirepass x', 'get b']) history.add(line);
    assert.deepEqual(history.all, ['get a', 'get b']);
  });

  it('CommandHistory drops secret lines recorded by an older version', () => {
    assert.deepEqual(new CommandHistory(['get a', 'AUTH pw', 'get b']).all, ['get a', 'get b']);
  });

  it('derives more secret words from COMMAND DOCS: the token in front of any password argument', () => {
    const s = (value: string): RespValue => ({ type: 'bulk', value: Buffer.from(value) });
    const arr = (...items: RespValue[]): RespValue => ({ type: 'array', items });
    const map = (entries: Record<string, RespValue>): RespValue => arr(...Object.entries(entries).flatMap(([k, v]) => [s(k), v]));
    const docs = map({
      'vault.open': map({ arguments: arr(map({ name: s('key'), type: s('key') }), map({ name: s('creds'), type: s('block'), token: s('WITHCREDS'), arguments: arr(map({ name: s('password'), type: s('string') })) })) }),
      'vault.login': map({ arguments: arr(map({ name: s('passphrase'), type: s('string') })) }),
    });
    const catalog = CommandCatalog.fromReplies(undefined, docs);
    assert.deepEqual([...catalog.secretWords].filter((w) => !SECRET_WORDS.has(w)).sort(), ['vault.login', 'withcreds']);
    assert.equal(mentionsSecret('vault.open k WITHCREDS pw', catalog.secretWords), true);
    assert.equal(mentionsSecret('vault.open k WITHCREDS pw'), false);
  });
});
