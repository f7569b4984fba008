// `.lua` scripts that call Redis are read by keys-in-lua: a finding on each offending call, disable comments in Lua.
import * as assert from 'node:assert/strict';
import { Analyzer, wasmLocationFromNodeModules } from '../../../../src/core/analysis';
import { luaProblems } from '../../../../src/core/analysis/lua/luaScript';

const SCRIPT = `-- Moves due jobs; KEYS[1] is the delayed set.
local rcall = redis.call
local prefix = ARGV[1]
local due = rcall("ZRANGEBYSCORE", KEYS[1], 0, ARGV[2])
for _, id in ipairs(due) do
  rcall("HSET", prefix .. id, "state", "wait")
end
local stale = redis.call('KEYS', prefix .. '*')
-- redis.call('KEYS', '*') is commented out
return #due
`;

describe('Lua script files (keys-in-lua)', () => {
  const analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() });
  after(() => analyzer.dispose());

  it('a script in a string with an undeclared key and a KEYS call is reported for the KEYS call (the worse problem)', async () => {
    const source = `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const run = () => redis.eval(\`redis.call('XADD', 'jobs:worker', '*', 'k', KEYS[1]) local all = redis.call('KEYS', 'jobs:*') return 1\`, 1, 'a');\n`;
    const result = await analyzer.analyzeText('src/jobs.ts', source);
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['keys-in-lua']);
    assert.match(result.findings[0].message, /runs KEYS/);
  });

  it('reports each offending call where it is, with 0-based lines and columns', async () => {
    const result = await analyzer.analyzeText('lib/commands/moveToWait.lua', SCRIPT);
    assert.deepEqual(result.notes, []);
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId}:${f.severity}@${f.range.start.line}:${f.range.start.column}`),
      ['keys-in-lua:warning@5:2', 'keys-in-lua:warning@7:14'],
    );
    assert.match(result.findings[0].message, /HSET uses the key prefix \.\. id \(built from ARGV\)/);
    assert.match(result.findings[1].message, /runs KEYS/);
    assert.equal(SCRIPT.slice(result.findings[1].range.startOffset, result.findings[1].range.endOffset).startsWith("redis.call('KEYS'"), true);
  });

  it('reads nothing in Lua that calls no Redis, and keys passed in are fine', async () => {
    assert.deepEqual((await analyzer.analyzeText('nvim/init.lua', 'vim.opt.number = true\nlocal keys = {}\n')).findings, []);
    const clean = 'local v = redis.call("GET", KEYS[1])\nredis.call("SET", KEYS[2], v, "EX", ARGV[1])\nreturn v\n';
    assert.deepEqual((await analyzer.analyzeText('scripts/copy.lua', clean)).findings, []);
  });

  it('function libraries take their keys as the keys parameter', async () => {
    const library = "#!lua name=counters\nredis.register_function('bump', function(keys, args)\n  redis.call('INCR', keys[1])\n  return redis.call('INCR', 'total:' .. args[1])\nend)\n";
    const found = (await analyzer.analyzeText('functions/counters.lua', library)).findings;
    assert.deepEqual(found.map((f) => f.range.start.line), [3]);
    assert.match(found[0].message, /built from the arguments/);
  });

  it('honours Lua disable comments, next-line and file-wide, and test-file severities', async () => {
    const silenced = SCRIPT.replace('local stale', '-- redis-specialist-disable-next-line keys-in-lua\nlocal stale');
    assert.deepEqual((await analyzer.analyzeText('a.lua', silenced)).findings.map((f) => f.range.start.line), [5]);
    assert.deepEqual((await analyzer.analyzeText('a.lua', `-- redis-specialist-disable keys-in-lua\n${SCRIPT}`)).findings, []);
    assert.deepEqual((await analyzer.analyzeText('a.lua', `-- redis-specialist-disable no-keys\n${SCRIPT}`)).findings.length, 2, 'another rule named: nothing silenced');
    const inTest = await analyzer.analyzeText('test/fixtures/a.lua', SCRIPT);
    assert.deepEqual(inTest.findings.map((f) => f.severity), ['info', 'info']);
  });

  it('an open .lua document follows edits', async () => {
    const doc = await analyzer.open('scripts/x.lua', 'return 1\n');
    assert.deepEqual(doc.analyze().findings, []);
    doc.applyEdit({ offset: 0, length: 0, text: "redis.call('FLUSHDB')\nredis.call('KEYS', '*')\n" });
    assert.deepEqual(doc.analyze().findings.map((f) => f.range.start.line), [1]);
    assert.throws(() => doc.applyEdit({ offset: 999, length: 1, text: '' }), RangeError);
    doc.dispose();
  });

  it('undeclared keys are one finding per script (on the first), each keyspace walk its own', async () => {
    const lua = "local q = ARGV[1]\nredis.call('ZADD', 'queue', 1, q)\nredis.call('SADD', 'queues:' .. q, 1)\nlocal all = redis.call('KEYS', 'job:*')\nredis.call('DEL', 'processing')\n";
    const found = (await analyzer.analyzeText('lib/enqueue.lua', lua)).findings;
    assert.deepEqual(found.map((f) => f.range.start.line), [1, 3]);
    assert.match(found[0].message, /ZADD uses the key 'queue' .*\(2 more calls of this script use keys not in KEYS\[\]\.\)$/);
    assert.match(found[1].message, /runs KEYS/);
  });

  it('reads every key of multi-key commands, and a reply is data, not a declared key', () => {
    const first = (lua: string): string => luaProblems(lua, false)[0]?.message ?? '';
    assert.match(first("redis.call('DEL', KEYS[1], 'lit:x')"), /DEL uses the key 'lit:x'/);
    assert.match(first("redis.call('SUNIONSTORE', 'lit:dst', KEYS[1], KEYS[2])"), /SUNIONSTORE uses the key 'lit:dst'/);
    assert.match(first("redis.call('RENAME', KEYS[1], ARGV[1])"), /RENAME uses the key ARGV\[1\] \(built from ARGV\)/);
    // A value read from a key the script was given, joined to a name of the script's own.
    assert.match(first("local jobs = redis.call('HGETALL', KEYS[1])\nredis.call('DEL', 'dedup:' .. jobs[1])"), /DEL uses the key 'dedup:' \.\. jobs\[1\] \(a name of its own\)/);
    assert.match(first("local prefix = ARGV[1]\nlocal jobs = redis.call('SMEMBERS', KEYS[1])\nredis.call('GET', prefix .. jobs[1])"), /built from ARGV/);
    // The same key held in a local first (Bottleneck's `local old_running_key = 'b_' .. id .. '_running'`).
    assert.match(
      first("local settings = redis.call('HMGET', KEYS[1], 'id')\nlocal id = settings[1]\nlocal old = 'b_' .. id .. '_running'\nreturn redis.call('EXISTS', old)"),
      /EXISTS uses the key old \(a name of its own\)/,
    );
    // What cannot be told is left alone: a bare reply value, a table unpacked into arguments, KEYS-derived keys.
    assert.deepEqual(luaProblems("local k = redis.call('LINDEX', KEYS[1], 0)\nredis.call('DEL', k)", false), []);
    assert.deepEqual(luaProblems("redis.call('DEL', unpack(KEYS, i, math.min(i + 4999, #KEYS)))", false), []);
    assert.deepEqual(luaProblems("local job = KEYS[1] .. ':' .. ARGV[1]\nredis.call('HSET', job, 'a', 1)\nredis.call('PUBLISH', 'events', ARGV[1])", false), []);
  });

  it('a SCAN loop inside a script is a keyspace walk; one SCAN step is not', () => {
    const loop = 'local cursor = "0"\nrepeat\n  local r = redis.call("SCAN", cursor, "MATCH", ARGV[1])\n  cursor = r[1]\nuntil cursor == "0"\n';
    assert.match(luaProblems(loop, false)[0]?.message ?? '', /loops over SCAN/);
    assert.deepEqual(luaProblems('return redis.call("SCAN", ARGV[1], "COUNT", 100)', false), []);
  });
});
