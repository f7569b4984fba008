import assert from 'node:assert/strict';
import { CommandSafety, judgeCommand, parseCommandInfoEntry } from '../../../../src/core/redis/safety/commandSafety';

/** Entries shaped like Redis 7.0 `COMMAND INFO` replies (as ioredis returns them). */
const SET = ['set', -3, ['write', 'denyoom'], 1, 1, 1, ['@write', '@string', '@slow'], [], [['flags', ['RW', 'access', 'update'], 'begin_search', []]], []];
const GET = ['get', 2, ['readonly', 'fast'], 1, 1, 1, ['@read', '@string', '@fast'], [], [['flags', ['RO', 'access']]], []];
const INFO = ['info', -1, ['loading', 'stale'], 0, 0, 0, ['@slow', '@dangerous'], [], [], []];
const KEYS = ['keys', 2, ['readonly'], 0, 0, 0, ['@keyspace', '@read', '@slow', '@dangerous'], [], [], []];
const EVAL = ['eval', -3, ['noscript', 'stale', 'movablekeys'], 0, 0, 0, ['@slow', '@scripting'], [], [['notes', '…', 'flags', ['RW', 'access', 'update']]], []];
const SHUTDOWN = ['shutdown', -1, ['admin', 'noscript', 'loading', 'stale'], 0, 0, 0, ['@admin', '@slow', '@dangerous'], [], [], []];
const CONFIG = [
  'config',
  -2,
  [],
  0,
  0,
  0,
  ['@slow'],
  [],
  [],
  [
    ['config|get', -3, ['admin', 'noscript', 'loading', 'stale'], 0, 0, 0, ['@admin', '@slow', '@dangerous'], [], [], []],
    ['config|set', -4, ['admin', 'noscript', 'loading', 'stale'], 0, 0, 0, ['@admin', '@slow', '@dangerous'], [], [], []],
    ['config|help', 2, ['loading', 'stale'], 0, 0, 0, ['@slow'], [], [], []],
  ],
];
/** Redis 7.0 flags nothing that says PUBLISH reaches other clients, nor anything at all on MEMORY PURGE. */
const PUBLISH = ['publish', 3, ['pubsub', 'loading', 'stale', 'fast'], 0, 0, 0, ['@pubsub', '@fast'], [], [], []];
const MEMORY = ['memory', -2, [], 0, 0, 0, ['@slow'], [], [], [['memory|purge', 2, [], 0, 0, 0, ['@slow'], [], [], []], ['memory|usage', -3, ['readonly'], 2, 2, 1, ['@read', '@slow'], [], [], []]]];
const ACL = ['acl', -2, [], 0, 0, 0, ['@slow'], [], [], [['acl|log', -2, ['admin', 'noscript', 'loading', 'stale'], 0, 0, 0, ['@admin', '@slow', '@dangerous'], [], [], []]]];
/** Redis 6.2 shape: no key specs, no subcommands, `may_replicate` on EVAL. */
const EVAL_62 = ['eval', -3, ['noscript', 'may_replicate', 'movablekeys'], 0, 0, 0, ['@slow', '@scripting']];
const JSON_SET = ['json.set', -4, ['write', 'denyoom', 'module'], 1, 1, 1, ['@write', '@module'], [], [], []];

describe('command safety', () => {
  it('reads flags, ACL categories, key specs and subcommands', () => {
    const set = parseCommandInfoEntry(SET);
    assert.equal(set?.name, 'set');
    assert.equal(set?.write, true);
    assert.equal(set?.dangerous, false);
    const config = parseCommandInfoEntry(CONFIG);
    assert.deepEqual([...(config?.subcommands.keys() ?? [])], ['config|get', 'config|set', 'config|help']);
    assert.equal(config?.subcommands.get('config|set')?.dangerous, true);
    assert.equal(parseCommandInfoEntry(null), undefined);
  });

  it('counts a modifying key spec (EVAL) or 6.2 may_replicate as a write', () => {
    assert.equal(parseCommandInfoEntry(EVAL)?.write, true);
    assert.equal(parseCommandInfoEntry(EVAL_62)?.write, true);
    assert.equal(parseCommandInfoEntry(GET)?.write, false);
  });

  const cases: [unknown[], boolean, boolean][] = [
    // entry, allowed on a read-only connection, marked dangerous
    [GET, true, false],
    [SET, false, false],
    [JSON_SET, false, false],
    [EVAL, false, false],
    [SHUTDOWN, false, true],
    [INFO, true, true],
    [KEYS, true, true],
    [PUBLISH, false, false],
  ];
  for (const [entry, allowed, dangerous] of cases) {
    it(`read-only: ${String(entry[0])} is ${allowed ? 'allowed' : 'refused'}`, () => {
      const verdict = judgeCommand(true, String(entry[0]), parseCommandInfoEntry(entry));
      assert.equal(verdict.allowed, allowed);
      assert.equal(verdict.warning !== undefined, dangerous && allowed);
      if (!allowed) assert.match(verdict.reason ?? '', /read-only/);
    });
  }

  it('allows everything on a writable connection but still warns about @dangerous', () => {
    assert.equal(judgeCommand(false, 'shutdown', parseCommandInfoEntry(SHUTDOWN)).allowed, true);
    assert.match(judgeCommand(false, 'keys', parseCommandInfoEntry(KEYS)).warning ?? '', /@dangerous/);
    assert.equal(judgeCommand(false, 'nosuch', undefined).allowed, true);
  });

  it('refuses what changes server state without a flag saying so, and allows reads the server flags admin', () => {
    const memory = parseCommandInfoEntry(MEMORY);
    const purge = judgeCommand(true, 'memory purge', memory?.subcommands.get('memory|purge'));
    assert.equal(purge.allowed, false);
    assert.match(purge.reason ?? '', /MEMORY PURGE makes the allocator give memory back, and this connection is read-only/);
    assert.match(purge.basis, /explicit list/);
    assert.equal(judgeCommand(true, 'memory usage', memory?.subcommands.get('memory|usage')).allowed, true);
    const configGet = judgeCommand(true, 'config get', parseCommandInfoEntry(CONFIG)?.subcommands.get('config|get'));
    assert.equal(configGet.allowed, true);
    assert.match(configGet.basis, /harmless read: reads the configuration \(explicit list; the server flags it `admin`\)/);
    assert.equal(judgeCommand(true, 'config set', parseCommandInfoEntry(CONFIG)?.subcommands.get('config|set')).allowed, false);
  });

  it('refuses an argument that turns a read into a change (ACL LOG RESET)', async () => {
    const safety = new CommandSafety((names) => Promise.resolve(names.map((n) => (n === 'acl' ? ACL : null))));
    assert.equal((await safety.check(true, ['ACL', 'LOG', '5'])).allowed, true);
    const reset = await safety.check(true, ['acl', 'log', 'Reset']);
    assert.equal(reset.allowed, false);
    assert.match(reset.reason ?? '', /clears the ACL log/);
  });

  it('refuses an unknown command on a read-only connection', () => {
    const verdict = judgeCommand(true, 'frobnicate', undefined);
    assert.equal(verdict.allowed, false);
    assert.match(verdict.reason ?? '', /does not list FROBNICATE/);
  });

  describe('CommandSafety', () => {
    const table: Record<string, unknown> = { set: SET, get: GET, config: CONFIG };
    const make = (): { safety: CommandSafety; asked: string[][] } => {
      const asked: string[][] = [];
      const safety = new CommandSafety((names) => {
        asked.push(names);
        return Promise.resolve(names.map((n) => table[n] ?? null));
      });
      return { safety, asked };
    };

    it('asks the server once per command and resolves subcommands', async () => {
      const { safety, asked } = make();
      assert.equal(await safety.isWriteAllowed(true, 'GET'), true);
      assert.equal(await safety.isWriteAllowed(true, 'get'), true);
      assert.equal(await safety.isWriteAllowed(true, 'SET'), false);
      assert.deepEqual(asked, [['get'], ['set']]);
      const verdict = await safety.check(true, ['CONFIG', 'SET', 'maxmemory', '1']);
      assert.equal(verdict.command, 'CONFIG SET');
      assert.equal(verdict.allowed, false);
      assert.equal((await safety.check(true, ['config', 'help'])).allowed, true);
      assert.equal((await safety.check(true, ['config', 'nosuch'])).allowed, false);
    });

    it('does not remember a failed lookup as an unknown command', async () => {
      let fail = true;
      const safety = new CommandSafety((names) => (fail ? Promise.reject(new Error('Connection is closed.')) : Promise.resolve(names.map(() => GET))));
      await assert.rejects(safety.check(true, ['get']), /Connection is closed/);
      fail = false;
      assert.equal((await safety.check(true, ['get'])).allowed, true);
    });
  });
});
