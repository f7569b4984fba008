import * as assert from 'node:assert/strict';
import { type Finding, fixAll } from '../../../../src/core/analysis';
import { analyze, disposeAnalyzer } from './analyzerHarness';

/**
 * non-atomic-expire, stated over the forms it decides on: which EXPIREs it pairs with which write
 * (command, client, order, batching, a write's callback), the confidence and message of a report,
 * and which quick fix each pair gets — applied, the file re-analyses without the finding.
 */
const HEADER = `import Redis from 'ioredis';\nimport { createClient } from 'redis';\nconst redis = new Redis();\nconst client = createClient().on('error', () => undefined);\ndeclare function other(): any;\ndeclare function log(v: unknown): void;\n`;
const RULE = 'non-atomic-expire';

function fileOf(body: string): string {
  return `${HEADER}export async function f(v: string, n: number) {\n${body}\n}\n`;
}

async function findings(text: string): Promise<Finding[]> {
  const result = await analyze('src/expire-case.ts', text);
  assert.deepEqual(result.notes, [], text);
  return result.findings.filter((f) => f.ruleId === RULE);
}

/** The one finding of the rule in `body` (a failure when there is none or more). */
async function theFinding(body: string): Promise<Finding> {
  const found = await findings(fileOf(body));
  assert.equal(found.length, 1, `one ${RULE} finding expected in:\n${body}`);
  return found[0];
}

/** `body` with every fix of the rule applied, and the rule's findings in the result. */
async function fixed(body: string): Promise<{ text: string; left: Finding[] }> {
  const before = fileOf(body);
  const result = fixAll(before, await findings(before), { includeUnsafe: true });
  assert.deepEqual(result.skipped, []);
  const text = result.text.slice(HEADER.length).split('\n').slice(1, -2).join('\n');
  return { text, left: await findings(result.text) };
}

describe('non-atomic-expire, stated over every form', () => {
  after(disposeAnalyzer);

  it('each EXPIRE-family command after a direct write of the key by the same client is reported, and no other command', async () => {
    const writes = ["redis.set('k', v)", "redis.setnx('k', v)", "redis.incr('k')", "redis.hset('k', 'f', v)", "redis.sadd('k', v)", "redis.zadd('k', n, v)", "redis.lpush('k', v)", "redis.xadd('k', '*', 'f', v)"];
    const later: [string, boolean][] = [
      ...['expire', 'pexpire', 'expireat', 'pexpireat'].map((c): [string, boolean] => [`redis.${c}('k', n)`, true]),
      ["client.pExpire('k', n)", false],
      ["redis.expire('other', n)", false],
      ["redis.expiretime('k')", false],
      ["redis.pexpiretime('k')", false],
      ["redis.hexpire('k', n, 'FIELDS', 1, 'f')", false],
      ["redis.persist('k')", false],
      ["redis.ttl('k')", false],
    ];
    const wrong: string[] = [];
    for (const write of writes) {
      for (const [expire, expected] of later) {
        const got = (await findings(fileOf(`  await ${write};\n  await ${expire};`))).length === 1;
        if (got !== expected) wrong.push(`${write} then ${expire}: ${expected ? 'should' : 'should not'} be reported`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('only a write before the EXPIRE counts, and a SET that already gave a TTL (or options it cannot read) ends the search', async () => {
    const cases: [string, boolean][] = [
      ["  await redis.expire('k', n);\n  await redis.incr('k');", false],
      ["  await redis.expire('k', n);", false],
      ["  await redis.incr('k');\n  await redis.set('k', v, 'EX', n);\n  await redis.expire('k', n);", false],
      ["  await redis.incr('k');\n  await redis.set('k', v, 'PX', n);\n  await redis.pexpire('k', n);", false],
      ["  await redis.incr('k');\n  await redis.set('k', v, v);\n  await redis.expire('k', n);", false],
      ["  await redis.set('k', v, 'EX', n);\n  await redis.incr('k');\n  await redis.expire('k', n);", true],
      ["  await redis.set('k', v, 'XX');\n  await redis.expire('k', n);", true],
      ["  await redis.set('k', v, 'NX');\n  await redis.expire('k', n);", true],
    ];
    const wrong: string[] = [];
    for (const [body, expected] of cases) if (((await findings(fileOf(body))).length === 1) !== expected) wrong.push(`${body.trim()}: ${expected ? 'should' : 'should not'} be reported`);
    assert.deepEqual(wrong, []);
  });

  it('an EXPIRE sent raw after a write is reported like the method form, without a fix', async () => {
    const bodies = ["  await redis.incr('k');\n  await redis.call('expire', 'k', n);", "  await client.incr('k');\n  await client.sendCommand(['EXPIRE', 'k', '60']);"];
    for (const body of bodies) {
      const found = await findings(fileOf(body));
      assert.equal(found.length, 1, body);
      assert.deepEqual(found[0].fixes, [], body);
    }
  });

  it('an EXPIRE queued in MULTI or a pipeline (chained, in a variable, or in the array form), or sent by another client is not reported', async () => {
    const bodies = [
      "  await redis.multi().incr('k').expire('k', n).exec();",
      "  await redis.pipeline().incr('k').expire('k', n).exec();",
      "  await redis.incr('k');\n  await redis.multi().expire('k', n).exec();",
      "  await redis.incr('k');\n  const p = redis.pipeline();\n  p.expire('k', n);\n  await p.exec();",
      "  await redis.pipeline([['incr', 'k'], ['expire', 'k', '60']]).exec();",
      "  await redis.incr('k');\n  await redis.pipeline([['expire', 'k', '60']]).exec();",
      "  await redis.multi([['incr', 'k'], ['expire', 'k', '60']]).exec();",
      "  await client.multi().incr('k').expire('k', n).exec();",
      "  await redis.incr('k');\n  await client.expire('k', n);",
      "  await redis.incr('k');\n  await other.call('expire', 'k', n);",
      "  await redis.eval(\"redis.call('INCR', KEYS[1]); return redis.call('EXPIRE', KEYS[1], 60)\", 1, 'k');",
    ];
    const wrong: string[] = [];
    for (const body of bodies) if ((await findings(fileOf(body))).length > 0) wrong.push(body.trim());
    assert.deepEqual(wrong, []);
  });

  it('the report is certain exactly when the write and the EXPIRE both use a client known to be one', async () => {
    const confidenceOf = async (text: string): Promise<string[]> => (await findings(text)).map((f) => f.confidence);
    assert.deepEqual(await confidenceOf(fileOf("  await redis.incr('k');\n  await redis.expire('k', n);")), ['certain']);
    assert.deepEqual(await confidenceOf(`${HEADER}export async function f(client: any) {\n  await client.incr('k');\n  await client.expire('k', 5);\n}\n`), ['likely']);
    // The same name for a known client and an unknown one (shadowing, reassignment): either side unknown is "likely".
    assert.deepEqual(await confidenceOf(fileOf("  await redis.incr('k');\n  {\n    const redis = other();\n    await redis.expire('k', 5);\n  }")), ['likely']);
    assert.deepEqual(await confidenceOf(fileOf("  {\n    const redis = other();\n    await redis.incr('k');\n  }\n  await redis.expire('k', 5);")), ['likely']);
    assert.deepEqual(await confidenceOf(fileOf("  let redisClient = other();\n  await redisClient.incr('k');\n  redisClient = new Redis();\n  await redisClient.expire('k', 5);")), ['likely']);
  });

  it('the message names the EXPIRE as sent, the write and the line of that write', async () => {
    const cases: [string, string, string][] = [
      ["  await redis.incr('k');\n  await redis.expire('k', n);", 'EXPIRE', 'INCR'],
      ["  await redis.hset('k', 'f', v);\n  log(v);\n\n  await redis.pexpireat('k', n);", 'PEXPIREAT', 'HSET'],
      ["  log(v);\n  await client.lPush('k', v);\n  await client.pExpire('k', n);", 'PEXPIRE', 'LPUSH'],
    ];
    for (const [body, expire, write] of cases) {
      const lines = fileOf(body).split('\n');
      const writeLine = lines.findIndex((l) => l.toLowerCase().includes(`.${write.toLowerCase()}(`)) + 1;
      const { message, range } = await theFinding(body);
      assert.ok(message.startsWith(`${expire} is sent separately from the ${write} on line ${writeLine};`), message);
      assert.ok(lines[range.start.line].toLowerCase().includes(`.${expire.toLowerCase()}(`), 'the finding points at the EXPIRE');
    }
  });

  it("an EXPIRE in a write's callback pairs with that write, unless it is a SET that gave a TTL or has options it cannot read", async () => {
    const cases: [string, boolean][] = [
      ["  redis.hset('k', 'f', v, () => {\n    redis.expire('k', 60);\n  });", true],
      ["  redis.set('k', v, () => {\n    redis.expire('k', 60);\n  });", true],
      ["  redis.set('k', v, 'EX', 5, () => {\n    redis.expire('k', 60);\n  });", false],
      ["  redis.set('k', v, v, () => {\n    redis.expire('k', 60);\n  });", false],
      ["  redis.set('k', v, 'NX', () => {\n    redis.expire('k', 60);\n  });", true],
      ["  redis.hset('j', 'f', v, () => {\n    redis.expire('k', 60);\n  });", false],
      ["  client.hSet('k', 'f', v).then(() => {\n    redis.expire('k', 60);\n  });", false],
    ];
    const wrong: string[] = [];
    for (const [body, expected] of cases) if (((await findings(fileOf(body))).length === 1) !== expected) wrong.push(`${body.replace(/\s+/g, ' ')}: ${expected ? 'should' : 'should not'} be reported`);
    assert.deepEqual(wrong, []);
  });

  it('fix: a SET without NX takes the TTL in the unit of the EXPIRE, in the client’s syntax, and the EXPIRE goes', async () => {
    const cases: [string, string, string][] = [
      ["  await redis.set('k', v);\n  await redis.expire('k', n);", "  await redis.set('k', v, 'EX', n);", 'EX n'],
      ["  await redis.set('k', v);\n  log(v);\n  await redis.pexpire('k', 500);", "  await redis.set('k', v, 'PX', 500);\n  log(v);", 'PX 500'],
      ["  await redis.set('k', v);\n  await redis.expireat('k', n);", "  await redis.set('k', v, 'EXAT', n);", 'EXAT n'],
      ["  await client.set('k', v);\n  await client.pExpireAt('k', n);", "  await client.set('k', v, { PXAT: n });", 'PXAT n'],
      ["  redis.set('k', v, () => {\n    redis.expire('k', 60);\n  });", "  redis.set('k', v, 'EX', 60, () => {\n  });", 'EX 60'],
    ];
    for (const [body, expected, option] of cases) {
      const [fix, ...rest] = (await theFinding(body)).fixes;
      assert.equal(rest.length, 0, 'one fix');
      assert.equal(fix.title, `Move the TTL into the SET (${option})`);
      assert.equal(fix.isPreferred, true);
      const after = await fixed(body);
      assert.equal(after.text.replace(/\n\s*\n/g, '\n').replace(/\{\s+\}/g, '{\n  }'), expected.replace(/\{\s+\}/g, '{\n  }'));
      assert.deepEqual(after.left, []);
    }
  });

  it('fix: any other write is merged with the EXPIRE into one MULTI when they are consecutive statements awaited alike', async () => {
    const cases: [string, string][] = [
      ["  await redis.incr('k');\n  await redis.expire('k', n);", "  await redis.multi().incr('k').expire('k', n).exec();"],
      ["  redis.hset('k', 'f', v);\n  redis.pexpire('k', n);", "  redis.multi().hset('k', 'f', v).pexpire('k', n).exec();"],
      ["  await redis.set('k', v, 'NX');\n  await redis.expire('k', n);", "  await redis.multi().set('k', v, 'NX').expire('k', n).exec();"],
      ["  await client.sAdd('k', v);\n\n  await client.expire('k', n);", "  await client.multi().sAdd('k', v).expire('k', n).exec();"],
      ["  await redis.incr('k');await redis.expire('k', n);", "  await redis.multi().incr('k').expire('k', n).exec();"],
    ];
    for (const [body, expected] of cases) {
      const [fix, ...rest] = (await theFinding(body)).fixes;
      assert.equal(rest.length, 0, 'one fix');
      assert.equal(fix.title, 'Wrap the write and the EXPIRE in one MULTI');
      assert.equal(fix.isPreferred, true);
      const after = await fixed(body);
      assert.equal(after.text, expected);
      assert.deepEqual(after.left, []);
    }
  });

  it('no fix where none keeps the meaning: the EXPIRE’s result used, extra arguments, SETNX, a raw write, awaited unlike, code between, or a callback', async () => {
    const bodies = [
      "  await redis.incr('k');\n  const r = await redis.expire('k', n);\n  log(r);",
      "  await redis.incr('k');\n  if (await redis.expire('k', n)) log(v);",
      "  await redis.set('k', v);\n  log(await redis.expire('k', n));",
      "  await redis.incr('k');\n  await redis.expire('k', n, 'NX');",
      "  await redis.set('k', v);\n  await redis.expire('k', n, 'GT');",
      "  await redis.setnx('k', v);\n  await redis.expire('k', n);",
      "  await redis.call('incr', 'k');\n  await redis.expire('k', n);",
      "  await redis.incr('k');\n  redis.expire('k', n);",
      "  redis.incr('k');\n  await redis.expire('k', n);",
      "  await redis.incr('k');\n  log(v);\n  await redis.expire('k', n);",
      "  await redis.incr('k');\n  // refresh\n  await redis.expire('k', n);",
      "  await redis.incr('k'); log(v);\n  await redis.expire('k', n);",
      "  redis.hset('k', 'f', v, () => {\n    redis.expire('k', 60);\n  });",
    ];
    const wrong: string[] = [];
    for (const body of bodies) {
      const found = await findings(fileOf(body));
      if (found.length !== 1 || found[0].fixes.length > 0) wrong.push(`${body.replace(/\s+/g, ' ')}: ${found.length} findings, ${found.map((f) => f.fixes.map((x) => x.title).join('; ')).join(' | ')}`);
    }
    assert.deepEqual(wrong, []);
  });
});
