import * as assert from 'node:assert/strict';
import { type Finding, fixAll } from '../../../../src/core/analysis';
import { analyze, disposeAnalyzer } from './analyzerHarness';

/**
 * What set-clears-ttl and setnx-lock-without-ttl say and fix: each message names the command it
 * reports (and the EXPIRE it points back to, with that EXPIRE's line), and each fix, applied, leaves
 * a file where the rule has nothing left to say.
 */
const HEADER = `import Redis from 'ioredis';\nimport { createClient } from 'redis';\nconst redis = new Redis();\nconst client = createClient().on('error', () => undefined);\ndeclare function log(v: unknown): void;\n`;

function fileOf(body: string): string {
  return `${HEADER}export async function f(v: string, n: number) {\n${body}\n}\n`;
}

async function findings(rule: string, text: string): Promise<Finding[]> {
  const result = await analyze('src/ttl-rule-case.ts', text);
  assert.deepEqual(result.notes, [], text);
  return result.findings.filter((f) => f.ruleId === rule);
}

async function theFinding(rule: string, body: string): Promise<Finding> {
  const found = await findings(rule, fileOf(body));
  assert.equal(found.length, 1, `one ${rule} finding expected in:\n${body}`);
  return found[0];
}

async function fixedBody(rule: string, body: string): Promise<{ text: string; left: Finding[] }> {
  const before = fileOf(body);
  const result = fixAll(before, await findings(rule, before), { includeUnsafe: true });
  assert.deepEqual(result.skipped, []);
  return { text: result.text.slice(HEADER.length).split('\n').slice(1, -2).join('\n'), left: await findings(rule, result.text) };
}

describe('TTL rules: what each report says and fixes', () => {
  after(disposeAnalyzer);

  it('set-clears-ttl names the SET-like command, the EXPIRE before it and that EXPIRE’s line', async () => {
    const cases: [string, string, string][] = [
      ["  await redis.expire('a', n);\n  await redis.set('a', v);", 'SET', 'EXPIRE'],
      ["  await redis.pexpireat('b', n);\n  log(v);\n\n  await redis.getset('b', v);", 'GETSET', 'PEXPIREAT'],
      ["  log(v);\n  await client.pExpire('c', n);\n  await client.set('c', v);", 'SET', 'PEXPIRE'],
    ];
    for (const [body, command, expire] of cases) {
      const lines = fileOf(body).split('\n');
      const expireLine = lines.findIndex((l) => l.toLowerCase().includes(`.${expire.toLowerCase()}(`)) + 1;
      const { message } = await theFinding('set-clears-ttl', body);
      assert.equal(message, `${command} discards the TTL that ${expire} on line ${expireLine} gave this key; add KEEPTTL or set the TTL in this SET.`);
    }
  });

  it('set-clears-ttl fix: KEEPTTL in the client’s syntax, after which nothing is reported', async () => {
    const cases: [string, string][] = [
      ["  await redis.expire('a', n);\n  await redis.set('a', v);", "  await redis.expire('a', n);\n  await redis.set('a', v, 'KEEPTTL');"],
      ["  await client.expire('a', n);\n  await client.set('a', v);", "  await client.expire('a', n);\n  await client.set('a', v, { KEEPTTL: true });"],
    ];
    for (const [body, expected] of cases) {
      const [fix, ...rest] = (await theFinding('set-clears-ttl', body)).fixes;
      assert.equal(rest.length, 0);
      assert.equal(fix.title, 'Keep the existing TTL (KEEPTTL)');
      assert.equal(fix.isPreferred, true);
      const after = await fixedBody('set-clears-ttl', body);
      assert.equal(after.text, expected);
      assert.deepEqual(after.left, []);
    }
  });

  it('setnx-lock-without-ttl: SETNX and SET NX each have their message; the fix gives the lock an expiry where the reply’s meaning is kept', async () => {
    const setnx = (await theFinding('setnx-lock-without-ttl', "  await redis.setnx('a', v);")).message;
    const setNx = (await theFinding('setnx-lock-without-ttl', "  await redis.set('a', v, 'NX');")).message;
    assert.match(setnx, /^SETNX cannot expire/);
    assert.match(setNx, /^SET NX without PX\/EX/);
    const cases: [string, string][] = [
      ["  await redis.setnx('a', v);", "  await redis.set('a', v, 'PX', 30000, 'NX');"],
      ["  if (await redis.setnx('a', v)) log(v);", "  if (await redis.set('a', v, 'PX', 30000, 'NX')) log(v);"],
      ["  await redis.set('a', v, 'NX');", "  await redis.set('a', v, 'PX', 30000, 'NX');"],
      ["  log(await redis.set('a', v, 'NX'));", "  log(await redis.set('a', v, 'PX', 30000, 'NX'));"],
      ["  await client.set('a', v, { NX: true });", "  await client.set('a', v, { PX: 30000, NX: true });"],
    ];
    for (const [body, expected] of cases) {
      const [fix, ...rest] = (await theFinding('setnx-lock-without-ttl', body)).fixes;
      assert.equal(rest.length, 0);
      assert.equal(fix.title, 'Use SET … NX PX 30000 (adjust the lock time)');
      assert.equal(fix.isPreferred, true);
      const after = await fixedBody('setnx-lock-without-ttl', body);
      assert.equal(after.text, expected);
      assert.deepEqual(after.left, []);
    }
    // SETNX's reply used as a value (1/0) is not SET NX's ('OK'/null): no rewrite.
    for (const body of ["  const won = await redis.setnx('a', v);\n  log(won);", "  log(await redis.setnx('a', v));"]) {
      assert.deepEqual((await theFinding('setnx-lock-without-ttl', body)).fixes, [], body);
    }
  });
});
