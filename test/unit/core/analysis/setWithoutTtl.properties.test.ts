import * as assert from 'node:assert/strict';
import { type AnalysisOptions, type Finding, fixAll } from '../../../../src/core/analysis';
import { analyze, disposeAnalyzer } from './analyzerHarness';

/**
 * set-without-ttl's report, stated per client family: what the message names, the severity when a
 * TTL is given only on some paths, and the fix each form gets (a TTL in the SET in the client's own
 * syntax, MSET as one MULTI of SETs with a TTL) — applied, the file re-analyses without the finding.
 */
const HEADER = `import Redis from 'ioredis';\nimport { createClient } from 'redis';\nimport { Redis as Upstash } from '@upstash/redis';\nconst redis = new Redis();\nconst client = createClient().on('error', () => undefined);\nconst up = Upstash.fromEnv();\n`;
const RULE = 'set-without-ttl';

function fileOf(body: string): string {
  return `${HEADER}export async function f(v: string, n: number, ttl?: number, opts?: Record<string, string>) {\n${body}\n}\n`;
}

async function findings(text: string, options: AnalysisOptions = {}): Promise<Finding[]> {
  const result = await analyze('src/set-case.ts', text, options);
  assert.deepEqual(result.notes, [], text);
  return result.findings.filter((f) => f.ruleId === RULE);
}

async function theFinding(body: string, options: AnalysisOptions = {}): Promise<Finding> {
  const found = await findings(fileOf(body), options);
  assert.equal(found.length, 1, `one ${RULE} finding expected in:\n${body}`);
  return found[0];
}

/** The body after applying every fix of the rule, and the rule's findings left in it. */
async function fixed(body: string, options: AnalysisOptions = {}): Promise<{ text: string; left: Finding[] }> {
  const before = fileOf(body);
  const result = fixAll(before, await findings(before, options), { includeUnsafe: true });
  assert.deepEqual(result.skipped, []);
  return { text: result.text.slice(HEADER.length).split('\n').slice(1, -2).join('\n'), left: await findings(result.text, options) };
}

describe('set-without-ttl, stated per client family', () => {
  after(disposeAnalyzer);

  it('the message names the command as reported; MSET’s says it cannot set a TTL', async () => {
    for (const [call, name] of [["redis.set(`k:${n}`, v)", 'SET'], ["redis.getset(`k:${n}`, v)", 'GETSET'], ["client.set(`k:${n}`, v)", 'SET'], ["up.set(`k:${n}`, v)", 'SET']]) {
      const { message } = await theFinding(`  await ${call};`);
      assert.equal(message, `${name} without EX/PX creates a key that never expires; give it a TTL (or KEEPTTL) so it can be evicted.`);
    }
    for (const call of ["redis.mset(`a:${n}`, v, `b:${n}`, v)", "client.mSet({ a: v, b: v })", 'redis.mset(opts)']) {
      const { message } = await theFinding(`  await ${call};`);
      assert.ok(message.startsWith('MSET cannot set a TTL'), message);
      assert.match(message, /SET with EX per key/);
    }
  });

  it('a TTL given only on some paths makes the report info; a key of an MSET with no TTL on any path keeps it a warning', async () => {
    const cases: [string, string][] = [
      ["  await redis.set(`k:${n}`, v);", 'warning'],
      ["  await redis.set(`k:${n}`, v);\n  if (ttl) await redis.expire(`k:${n}`, ttl);", 'info'],
      ["  await redis.mset(`a:${n}`, v, `b:${n}`, v);\n  if (ttl) await redis.expire(`a:${n}`, ttl);\n  if (ttl) await redis.expire(`b:${n}`, ttl);", 'info'],
      ["  await redis.mset(`a:${n}`, v, `b:${n}`, v);\n  if (ttl) await redis.expire(`a:${n}`, ttl);", 'warning'],
      ["  await redis.mset(`a:${n}`, v, `b:${n}`, v);\n  await redis.expire(`a:${n}`, n);\n  if (ttl) await redis.expire(`b:${n}`, ttl);", 'info'],
      ['  await redis.mset(opts);', 'warning'],
      ['  if (ttl) await redis.set(\'k\', v, \'EX\', ttl);\n  else await redis.set(\'k\', v);', 'info'],
    ];
    const wrong: string[] = [];
    for (const [body, severity] of cases) {
      const found = await findings(fileOf(body));
      if (found.length !== 1 || found[0].severity !== severity) wrong.push(`${body.replace(/\s+/g, ' ')}: expected one ${severity}, got ${found.map((f) => f.severity).join(', ') || 'none'}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('one fixed key (a literal, a constant) is info with a note: it cannot multiply; a key built per item stays a warning', async () => {
    for (const body of ["  await redis.set('last_called', v);", "  const KEY = 'stats:total';\n  await client.set(KEY, v);", "  await up.set(`greeting`, v);"]) {
      const finding = await theFinding(body);
      assert.equal(finding.severity, 'info', body);
      assert.match(finding.message, /one fixed key, which cannot multiply/);
    }
    const perItem = await theFinding('  await redis.set(`last_called:${n}`, v);');
    assert.equal(perItem.severity, 'warning');
    assert.doesNotMatch(perItem.message, /fixed key/);
  });

  it('an EXPIRE before a SET of the key leaves it to set-clears-ttl; before an MSET it does not', async () => {
    const before = "  await redis.expire(`a:${n}`, n);\n";
    assert.deepEqual(await findings(fileOf(before + '  await redis.set(`a:${n}`, v);')), []);
    assert.deepEqual(await findings(fileOf(before + '  await redis.getset(`a:${n}`, v);')), []);
    assert.equal((await findings(fileOf(before + '  await redis.mset(`a:${n}`, v, `b:${n}`, v);'))).length, 1);
  });

  it('fix: SET gets EX in each client’s syntax (node-redis 4 and 5, ioredis, upstash)', async () => {
    const cases: [string, AnalysisOptions, string][] = [
      ["  await redis.set(`k:${n}`, v);", {}, "  await redis.set(`k:${n}`, v, 'EX', 3600);"],
      ["  await client.set(`k:${n}`, v);", { nodeRedisMajor: 4 }, "  await client.set(`k:${n}`, v, { EX: 3600 });"],
      ["  await client.set(`k:${n}`, v);", { nodeRedisMajor: 5 }, "  await client.set(`k:${n}`, v, { expiration: { type: 'EX', value: 3600 } });"],
      ["  await up.set(`k:${n}`, v);", {}, "  await up.set(`k:${n}`, v, { ex: 3600 });"],
    ];
    for (const [body, options, expected] of cases) {
      const [fix, ...rest] = (await theFinding(body, options)).fixes;
      assert.equal(rest.length, 0);
      assert.equal(fix.title, 'Add a TTL (EX 3600; adjust the value)');
      assert.equal(fix.isPreferred, true);
      const after = await fixed(body, options);
      assert.equal(after.text, expected);
      assert.deepEqual(after.left, []);
    }
  });

  it('fix: MSET becomes one MULTI of SETs that each have a TTL, in each client’s syntax; no fix when its result is used, it is raw or already batched', async () => {
    const cases: [string, AnalysisOptions, string][] = [
      ["  await redis.mset(`a:${n}`, v, `b:${n}`, '2');", {}, "  await redis.multi().set(`a:${n}`, v, 'EX', 3600).set(`b:${n}`, '2', 'EX', 3600).exec();"],
      ["  await redis.mset({ a: v, b: '2' });", {}, "  await redis.multi().set('a', v, 'EX', 3600).set('b', '2', 'EX', 3600).exec();"],
      ["  await client.mSet({ a: v, b: '2' });", { nodeRedisMajor: 4 }, "  await client.multi().set('a', v, { EX: 3600 }).set('b', '2', { EX: 3600 }).exec();"],
      ["  await client.mSet([[`a:${n}`, v], [`b:${n}`, '2']]);", { nodeRedisMajor: 5 }, "  await client.multi().set(`a:${n}`, v, { expiration: { type: 'EX', value: 3600 } }).set(`b:${n}`, '2', { expiration: { type: 'EX', value: 3600 } }).exec();"],
      ["  await up.mset({ a: v, b: '2' });", {}, "  await up.multi().set('a', v, { ex: 3600 }).set('b', '2', { ex: 3600 }).exec();"],
    ];
    for (const [body, options, expected] of cases) {
      const [fix, ...rest] = (await theFinding(body, options)).fixes;
      assert.equal(rest.length, 0);
      assert.equal(fix.title, 'Replace MSET with SETs that have a TTL (EX 3600; adjust the value)');
      assert.equal(fix.isPreferred, true);
      const after = await fixed(body, options);
      assert.equal(after.text, expected);
      assert.deepEqual(after.left, []);
    }
    for (const body of ["  const r = await redis.mset(`a:${n}`, v, `b:${n}`, v);\n  return r;", "  await redis.call('mset', `a:${n}`, v, `b:${n}`, v);", "  await redis.multi().mset(`a:${n}`, v, `b:${n}`, v).exec();", "  const p = redis.pipeline();\n  p.mset(`a:${n}`, v, `b:${n}`, v);\n  await p.exec();", '  await redis.mset(opts);', "  await redis.getset(`k:${n}`, v);"]) {
      const finding = await theFinding(body);
      assert.deepEqual(finding.fixes, [], body);
    }
  });
});
