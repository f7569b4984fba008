import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CommandSafety, judgeCommand, parseCommandInfoEntry, type CommandTraits } from '../../../../src/core/redis/safety/commandSafety';
import { argumentChange, CHANGES_SERVER_STATE, HARMLESS_READS } from '../../../../src/core/redis/safety/readOnlyRules';

/** A `COMMAND INFO` entry as the server sends it: name, arity, flags, first/last key, step, categories, tips, key specs, subcommands. */
function entry(name: string, flags: string[], categories: string[] = [], keySpecFlags?: string[]): unknown[] {
  const keySpecs = keySpecFlags ? [['begin_search', ['type', 'index'], 'flags', keySpecFlags]] : [];
  return [name, -2, flags, 1, 1, 1, categories, [], keySpecs, []];
}

function traits(name: string, flags: string[], categories: string[] = [], keySpecFlags?: string[]): CommandTraits {
  const parsed = parseCommandInfoEntry(entry(name, flags, categories, keySpecFlags));
  assert.ok(parsed);
  return parsed;
}

/** Every evidence of a write the server can give, one at a time. */
const WRITE_EVIDENCE: Array<[string, string[], string[], string[] | undefined, string]> = [
  ['write flag', ['write'], [], undefined, '`write` flag'],
  ['@write category', [], ['@write'], undefined, '`@write` category'],
  ['may_replicate flag', ['may_replicate'], [], undefined, '`may_replicate` flag'],
  ['RW key spec', [], [], ['RW', 'ACCESS'], 'a key spec that modifies keys (RW/OW/RM)'],
  ['OW key spec', [], [], ['OW', 'UPDATE'], 'a key spec that modifies keys (RW/OW/RM)'],
  ['RM key spec', [], [], ['rm', 'DELETE'], 'a key spec that modifies keys (RW/OW/RM)'],
];

/** The rows of the generated table (docs/read-only-commands.md, from the test server's COMMAND DOCS) decided by an explicit list. */
function explicitRows(): Array<{ name: string; allowed: boolean; basis: string }> {
  const table = readFileSync(path.resolve(__dirname, '../../../../docs/read-only-commands.md'), 'utf8');
  return [...table.matchAll(/^\| `([^`]+)` \| (allowed|\*\*refused\*\*) \| (.*\(explicit list.*\)) \|$/gm)].map((m) => ({
    name: m[1].toLowerCase().replace(' ', '|'),
    allowed: m[2] === 'allowed',
    basis: m[3],
  }));
}

describe('read-only policy, stated as properties', () => {
  it('the explicit lists give the real server table its explicit rows, word for word', () => {
    const rows = explicitRows();
    assert.ok(rows.length > 60, `${rows.length} explicit rows`);
    for (const { name, allowed, basis } of rows) {
      if (allowed) assert.ok(basis.startsWith(`harmless read: ${HARMLESS_READS.get(name)} (explicit list`), `${name}: ${basis}`);
      else assert.equal(basis, `changes server state: ${CHANGES_SERVER_STATE.get(name)} (explicit list)`, name);
    }
    const listed = new Set(rows.map((row) => row.name));
    for (const name of CHANGES_SERVER_STATE.keys()) assert.ok(listed.has(name), `${name} is refused in the table`);
  });

  it('refuses every command with any single evidence of a write, saying which, and allows it on a writable connection', () => {
    for (const [what, flags, categories, keySpecs, evidence] of WRITE_EVIDENCE) {
      const t = traits('somewrite', flags, categories, keySpecs);
      assert.equal(t.write, true, what);
      const verdict = judgeCommand(true, 'somewrite', t);
      assert.equal(verdict.allowed, false, what);
      assert.equal(verdict.basis, `writes: ${evidence}`, what);
      const verb = flags.includes('write') ? 'changes data' : 'may change data';
      assert.equal(verdict.reason, `SOMEWRITE ${verb}, and this connection is read-only. Turn off "read-only" in the connection settings to run it.`, what);
      assert.equal(judgeCommand(false, 'somewrite', t).allowed, true, what);
    }
  });

  it('key specs that only read (RO/ACCESS) or carry no flags are not writes', () => {
    for (const keySpecs of [['RO', 'ACCESS'], ['RO'], []]) {
      const t = traits('someread', ['readonly'], ['@read'], keySpecs);
      assert.equal(t.write, false, keySpecs.join(','));
      assert.deepEqual(judgeCommand(true, 'someread', t), { allowed: true, command: 'SOMEREAD', traits: t, basis: 'no `write` or `admin` flag' });
    }
  });

  it('refuses every admin command (flag or category) that is not a listed harmless read', () => {
    for (const t of [traits('someadmin', ['admin']), traits('someadmin', [], ['@admin'])]) {
      assert.equal(t.admin, true);
      const verdict = judgeCommand(true, 'someadmin', t);
      assert.equal(verdict.allowed, false);
      assert.equal(verdict.basis, 'administrative (`admin` flag), not a known read');
      assert.match(verdict.reason ?? '', /^SOMEADMIN is an administrative command that can change the server, and this connection is read-only\./);
    }
  });

  it('refuses every command of the explicit state-change list even when the server flags it as a plain read', () => {
    for (const [name, why] of CHANGES_SERVER_STATE) {
      const shown = name.replace('|', ' ');
      const verdict = judgeCommand(true, shown, traits(name, ['readonly', 'fast'], ['@read']));
      assert.equal(verdict.allowed, false, name);
      assert.equal(verdict.basis, `changes server state: ${why} (explicit list)`, name);
      assert.ok(verdict.reason?.startsWith(`${shown.toUpperCase()} ${why}, and this connection is read-only`), name);
    }
  });

  it('allows every command of the explicit harmless-read list even when the server flags it admin or write, saying so', () => {
    for (const [name, why] of HARMLESS_READS) {
      const plain = judgeCommand(true, name, traits(name, ['readonly']));
      assert.deepEqual([plain.allowed, plain.basis], [true, `harmless read: ${why} (explicit list)`], name);
      const admin = judgeCommand(true, name, traits(name, ['admin', 'write']));
      assert.deepEqual([admin.allowed, admin.basis], [true, `harmless read: ${why} (explicit list; the server flags it \`admin\`)`], name);
      const write = judgeCommand(true, name, traits(name, [], ['@write']));
      assert.deepEqual([write.allowed, write.basis], [true, `harmless read: ${why} (explicit list; the server marks it with \`@write\` category)`], name);
    }
  });

  it('marks @dangerous commands with a warning whether allowed or not, and only those', () => {
    const dangerous = traits('keys', ['readonly'], ['@keyspace', '@dangerous']);
    assert.equal(dangerous.dangerous, true);
    for (const readOnly of [true, false]) {
      const verdict = judgeCommand(readOnly, 'keys', dangerous);
      assert.equal(verdict.warning, 'KEYS is marked @dangerous by the server: it can block or disrupt a busy server.');
    }
    assert.equal(judgeCommand(true, 'keys', dangerous).basis, 'no `write` or `admin` flag (@dangerous: can be slow)');
    const plain = judgeCommand(true, 'get', traits('get', ['readonly'], ['@read']));
    assert.equal('warning' in plain, false);
  });

  it('reads an entry of three fields or more, and finds key-spec flags only under a "flags" field of a well-formed spec', () => {
    assert.equal(parseCommandInfoEntry(['x', -1]), undefined);
    assert.equal(parseCommandInfoEntry('x'), undefined);
    assert.deepEqual(parseCommandInfoEntry(['X', -1, ['write']]), { name: 'x', flags: ['write'], categories: [], write: true, dangerous: false, admin: false, subcommands: new Map() });
    const withSpecs = (specs: unknown) => parseCommandInfoEntry(['x', -1, [], 1, 1, 1, [], [], specs, 'not subcommands'])?.write;
    assert.equal(withSpecs([['begin_search', 'x', 'flags', ['OW']]]), true);
    assert.equal(withSpecs([['notflags', ['RW']]]), false);
    assert.equal(withSpecs([['flags', 'RW']]), false);
    assert.equal(withSpecs([['flags']]), false);
    assert.equal(withSpecs(['RW', ['flags', ['RO']]]), false);
    assert.equal(withSpecs('RW'), false);
  });

  it('ACL LOG turns into a change only with RESET, in any case and position', () => {
    for (const args of [['RESET'], ['reset'], ['10', 'Reset']]) assert.equal(argumentChange('acl|log', args), 'RESET clears the ACL log that others read');
    for (const [name, args] of [['acl|log', ['10']], ['acl|log', []], ['acl|list', ['reset']]] as const) assert.equal(argumentChange(name, args), undefined);
  });

  it('checks a whole line: container subcommands by name, unknown subcommands refused, arguments passed on', async () => {
    const asked: string[][] = [];
    const acl = [...entry('acl', [], ['@slow']).slice(0, 9), [entry('acl|log', ['admin']), entry('acl|setuser', ['admin'])]];
    const safety = new CommandSafety((names) => {
      asked.push(names);
      return Promise.resolve(names.map((name) => (name === 'acl' ? acl : name === 'get' ? entry('get', ['readonly']) : null)));
    });
    assert.equal((await safety.check(true, ['ACL', 'LOG'])).allowed, true);
    assert.equal((await safety.check(true, ['acl', 'log', 'reset'])).allowed, false);
    assert.equal((await safety.check(true, ['ACL', 'SETUSER', 'u'])).command, 'ACL SETUSER');
    const unknownSub = await safety.check(true, ['ACL', 'NOPE']);
    assert.deepEqual([unknownSub.allowed, unknownSub.basis], [false, 'unknown to the server']);
    assert.equal((await safety.check(true, ['GET', 'k'])).allowed, true);
    assert.equal(await safety.isWriteAllowed(true, 'ACL', 'SETUSER'), false);
    assert.equal(await safety.isWriteAllowed(true, 'GET'), true);
    assert.equal(await safety.isWriteAllowed(true, 'NOSUCH'), false);
    assert.deepEqual((await safety.check(true, [])).reason, 'No command given.');
    // A container alone is judged as itself; a command without subcommands never reads its first argument as one.
    assert.deepEqual(await safety.check(true, ['ACL']), { allowed: true, command: 'ACL', traits: parseCommandInfoEntry(acl), basis: 'no `write` or `admin` flag' });
    assert.equal((await safety.check(true, ['GET', 'k'])).command, 'GET');
    assert.deepEqual(asked, [['acl'], ['get'], ['nosuch']]);
  });
});
