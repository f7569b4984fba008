import * as assert from 'node:assert/strict';
import { analyze, disposeAnalyzer } from './analyzerHarness';

/**
 * The analyzer's TTL facts, stated over every form a TTL can take: each SET option in each client's
 * syntax (ioredis tokens in any case, node-redis 4 and 5 objects, upstash objects), each command
 * that may give a TTL afterwards (EXPIRE family, SET with a TTL, SETEX/PSETEX, a script that says
 * so) on the same key or another, before or after, in the same function or another. Each case is
 * one small file; the expectation is whether set-without-ttl reports the SET.
 */
const HEADER = `import Redis from 'ioredis';\nimport { createClient } from 'redis';\nimport { Redis as Upstash } from '@upstash/redis';\nconst redis = new Redis();\nconst client = createClient().on('error', () => undefined);\nconst up = Upstash.fromEnv();\n`;

/** The rules reported on the SET under test: the first SET-like call of `body` (other lines may have findings of their own). */
async function rulesFound(body: string): Promise<Set<string>> {
  const text = `${HEADER}export async function f(v: string, n: number, opts: object) {\n${body}\n}\nexport async function other(v: string) {\n  await redis.expire('k', 5);\n}\n`;
  const subject = HEADER.split('\n').length + body.split('\n').findIndex((line) => /\.(set|mset|getset|setnx)\(/.test(line));
  assert.equal(text.split('\n')[subject].trim(), body.split('\n').find((line) => /\.(set|mset|getset|setnx)\(/.test(line))?.trim(), 'the subject line');
  const result = await analyze('src/ttl-case.ts', text);
  assert.deepEqual(result.notes, [], body);
  return new Set(result.findings.filter((f) => f.range.start.line === subject).map((f) => f.ruleId));
}

async function reported(body: string): Promise<boolean> {
  return (await rulesFound(body)).has('set-without-ttl');
}

describe('TTL facts, stated over every form', () => {
  after(disposeAnalyzer);

  it('SET options: a TTL (or KEEPTTL, or NX, or XX, or options it cannot read) in any client form means no report', async () => {
    const cases: [string, boolean][] = [
      ["redis.set('k', v)", true],
      ...['EX', 'ex', 'Px', 'EXAT', 'pxat', 'KEEPTTL', 'keepttl', 'NX', 'nx'].map((t): [string, boolean] => [`redis.set('k', v, '${t}'${/keepttl|nx/i.test(t) ? '' : ', n'})`, false]),
      // XX only overwrites an existing key: it creates none.
      ["redis.set('k', v, 'XX')", false],
      ["redis.set('k', v, 'GET')", true],
      ['redis.set(\'k\', v, undefined)', true],
      ...['EX', 'PX', 'EXAT', 'PXAT'].map((t): [string, boolean] => [`client.set('k', v, { ${t}: n })`, false]),
      ["client.set('k', v, { KEEPTTL: true })", false],
      ["client.set('k', v, { KEEPTTL: false })", true],
      ["client.set('k', v, { EX: n, NX: false })", false],
      ["client.set('k', v, { NX: true })", false],
      ["client.set('k', v, { GET: true })", true],
      ["client.set('k', v, { XX: true })", false],
      ["client.set('k', v, { expiration: { type: 'EX', value: n } })", false],
      ["client.set('k', v, { expiration: 'KEEPTTL' })", false],
      ["client.set('k', v, { condition: 'NX' })", false],
      ["client.set('k', v, { condition: 'XX' })", false],
      ["client.set('k', v, { condition: v })", false],
      ["client.set('k', v, { expire: { mode: 'PX', value: n } })", false],
      ['client.set(\'k\', v, opts)', false],
      ["client.set('k', v, { ...opts })", false],
      ["up.set('k', v, { ex: n })", false],
      ["up.set('k', v, { px: n })", false],
      ["up.set('k', v, { nx: true })", false],
      ["up.set('k', v, { get: true })", true],
      ["redis.setnx('k', v)", false],
      ["redis.getset('k', v)", true],
    ];
    const wrong: string[] = [];
    for (const [call, expected] of cases) if ((await reported(`  await ${call};`)) !== expected) wrong.push(`${call}: ${expected ? 'should' : 'should not'} be reported`);
    assert.deepEqual(wrong, []);
  });

  it('a TTL given afterwards: on the same key, in the same function, after the SET — by any command that sets one', async () => {
    const later: [string, boolean][] = [
      ...['expire', 'pexpire', 'expireat', 'pexpireat'].map((c): [string, boolean] => [`redis.${c}('k', n)`, false]),
      ["redis.expire('other', n)", true],
      ["redis.set('k', v, 'EX', n)", false],
      ["redis.set('k', v, 'XX')", true],
      ["redis.setex('k', n, v)", false],
      ["redis.psetex('k', n, v)", false],
      ["redis.setex('other', n, v)", true],
      ["redis.eval(\"return redis.call('EXPIRE', KEYS[1], 60)\", 1, 'k')", false],
      ["redis.eval(\"return redis.call('PEXPIRE', KEYS[1], 60)\", 1, 'k')", false],
      ["redis.eval(\"return redis.call('SETEX', KEYS[1], 60, 'v')\", 1, 'k')", false],
      ["redis.eval(\"return redis.call('INCR', KEYS[1])\", 1, 'k')", true],
      ["redis.eval(\"return redis.call('EXPIRE', KEYS[1], 60)\", 1, 'other')", true],
      ["redis.evalsha(v, 1, 'k')", false],
      ["redis.script('LOAD', \"return redis.call('EXPIRE', KEYS[1], 60)\")", true],
    ];
    const wrong: string[] = [];
    for (const [call, expected] of later) {
      if ((await reported(`  await redis.set('k', v);\n  await ${call};`)) !== expected) wrong.push(`after: ${call}: ${expected ? 'should' : 'should not'} be reported`);
    }
    // Before the SET, an EXPIRE does not count: the SET clears it, which set-clears-ttl reports instead.
    for (const command of ['expire', 'pexpire', 'expireat', 'pexpireat']) {
      const found = await rulesFound(`  await redis.${command}('k', n);\n  await redis.set('k', v);`);
      if (!found.has('set-clears-ttl') || found.has('set-without-ttl')) wrong.push(`before: ${command} then SET should be set-clears-ttl only, got ${[...found].join(', ')}`);
    }
    assert.ok(await reported("  await redis.set('k', v);"), 'an EXPIRE of the key in another function does not count');
    assert.deepEqual(wrong, []);
  });

  it('MSET: keys it cannot list need any EXPIRE after it; keys it can list each need their own', async () => {
    const cases: [string, boolean][] = [
      ["  await redis.mset('a', '1', 'b', '2');", true],
      ["  await redis.mset('a', '1', 'b', '2');\n  await redis.expire('a', n);\n  await redis.expire('b', n);", false],
      ["  await redis.mset('a', '1', 'b', '2');\n  await redis.expire('a', n);", true],
      ["  await redis.mset({ a: '1', b: '2' });\n  await redis.expire('a', n);\n  await redis.expire('b', n);", false],
      ["  await redis.mset([['a', '1'], ['b', '2']]);\n  await redis.expire('a', n);\n  await redis.expire('b', n);", false],
      ["  await redis.mset(['a', '1', 'b', '2']);\n  await redis.expire('a', n);", true],
      ["  await redis.mset(opts);\n  await redis.expire(v, n);", false],
      ["  await redis.mset(opts);", true],
    ];
    const wrong: string[] = [];
    for (const [body, expected] of cases) if ((await reported(body)) !== expected) wrong.push(`${body.trim()}: ${expected ? 'should' : 'should not'} be reported`);
    assert.deepEqual(wrong, []);
  });

  it('the same key is the same text: spacing does not matter, another variable or template does', async () => {
    const cases: [string, boolean][] = [
      ['  await redis.set(`user:${v}`, v);\n  await redis.expire(`user:${v}`, n);', false],
      ['  await redis.set(`user:${v}`, v);\n  await redis.expire( `user:${v}` , n);', false],
      ['  await redis.set(`user:${v}`, v);\n  await redis.expire(`order:${v}`, n);', true],
      ['  const key = v;\n  await redis.set(key, v);\n  await redis.expire(key, n);', false],
      ['  await redis.set(v, v);\n  await redis.expire(String(n), n);', true],
      ["  await redis.set('k', v);\n  await client.expire('k', n);", false],
    ];
    const wrong: string[] = [];
    for (const [body, expected] of cases) if ((await reported(body)) !== expected) wrong.push(`${body.trim()}: ${expected ? 'should' : 'should not'} be reported`);
    assert.deepEqual(wrong, []);
  });

  it('a script counts only after the SET, in its function, when it is given the key (however the key is quoted or spaced)', async () => {
    const script = "\"return redis.call('EXPIRE', KEYS[1], 60)\"";
    const cases: [string, boolean][] = [
      [`  await redis.set('k', v);\n  await redis.eval(${script}, 1, 'k');`, false],
      [`  await redis.eval(${script}, 1, 'k');\n  await redis.set('k', v);`, true],
      [`  await redis.set('session', v);\n  await redis.eval(${script}, 1, "session");`, false],
      ['  await redis.set(`user:${v}`, v);\n  await redis.eval(' + script + ', 1, `user:${ v }`);', false],
      [`  await redis.set('user:' + v, v);\n  await redis.eval(${script}, 1, 'user:' + v);`, false],
      [`  await redis.set(v + ':count', v);\n  await redis.eval(${script}, 1, v + ':count');`, false],
      // The key's name inside the script's text is not the script being given the key.
      [`  await redis.set('call', v);\n  await redis.eval(${script}, 1, 'other');`, true],
    ];
    const wrong: string[] = [];
    for (const [body, expected] of cases) if ((await reported(body)) !== expected) wrong.push(`${body.trim()}: ${expected ? 'should' : 'should not'} be reported`);
    // A script in a later function (\`other\` below f) does not give f's key a TTL.
    const text = `${HEADER}export async function f(v: string) {\n  await redis.set('s', v); // subject\n}\nexport async function g() {\n  await redis.eval(${script}, 1, 's');\n}\n`;
    const subject = text.split('\n').findIndex((line) => line.includes('// subject'));
    if (!(await analyze('src/ttl-case.ts', text)).findings.some((f) => f.ruleId === 'set-without-ttl' && f.range.start.line === subject)) wrong.push('a script in a later function should not count');
    assert.deepEqual(wrong, []);
  });

  it('branches: a TTL in the same ttl-guarded branch as the SET, or in a branch on another condition inside it, counts as always', async () => {
    const cases: [string, boolean][] = [
      ["  const ttl = n;\n  if (ttl) {\n    await redis.set('k', v);\n    await redis.expire('k', ttl);\n  }", false],
      ["  const ttl = n;\n  if (ttl) {\n    await redis.set('k', v);\n    if (v) await redis.expire('k', ttl);\n  }", false],
      ["  const ttl = n;\n  await redis.set('k', v);\n  if (v) {\n    if (ttl) await redis.expire('k', ttl);\n  }", false],
    ];
    const wrong: string[] = [];
    for (const [body, expected] of cases) if ((await reported(body)) !== expected) wrong.push(`${body.replace(/\s+/g, ' ')}: ${expected ? 'should' : 'should not'} be reported`);
    // MSET with keys it cannot list: only an EXPIRE after it counts, not one before.
    if (!(await reported('  await redis.expire(v, n);\n  await redis.mset(opts);'))) wrong.push('an EXPIRE before an MSET should not count');
    assert.deepEqual(wrong, []);
  });

  it('at module level a later module-level EXPIRE counts and one inside a function does not; a TTL only when a ttl is given makes it info', async () => {
    const severityOn = async (text: string): Promise<string | undefined> => {
      const lines = text.split('\n');
      const subject = lines.findIndex((line) => line.includes('// subject'));
      const result = await analyze('src/ttl-case.ts', text);
      return result.findings.find((f) => f.ruleId === 'set-without-ttl' && f.range.start.line === subject)?.severity;
    };
    assert.equal(await severityOn(`${HEADER}await redis.set('m', 'v'); // subject\nawait redis.expire('m', 5);\n`), undefined, 'module level, EXPIRE after');
    assert.ok(await severityOn(`${HEADER}await redis.set('m', 'v'); // subject\nexport async function g() {\n  await redis.expire('m', 5);\n}\n`), 'module level, EXPIRE in a function');
    const guarded = await severityOn(`${HEADER}export async function f(v: string, ttl?: number) {\n  await redis.set('k', v); // subject\n  if (ttl) await redis.expire('k', ttl);\n}\n`);
    assert.equal(guarded, 'info', 'no TTL only when none is given: the explicit choice');
    assert.equal(await severityOn(`${HEADER}export async function f(v: string, flag: boolean) {\n  await redis.set('k', v); // subject\n  if (flag) await redis.expire('k', 5);\n}\n`), undefined, 'a TTL in a branch on another condition is taken as set');
    assert.equal(await severityOn(`${HEADER}export async function f(v: string) {\n  await redis.set('k', v); // subject\n  setTimeout(() => void redis.expire('k', 5), 0);\n}\n`), undefined, 'a TTL in a callback inside the function counts');
  });
});
