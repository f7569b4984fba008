import * as assert from 'node:assert/strict';
import { resetWorkCounts, workCounts } from '../../../../src/core/analysis/engine/workCounter';
import { analyze, disposeAnalyzer } from './analyzerHarness';

/** Work (tree steps, rule comparisons) for analysing `text`. */
async function workFor(text: string): Promise<{ tree: number; rule: number; findings: number }> {
  resetWorkCounts();
  const result = await analyze('src/generated.ts', text);
  assert.deepEqual(result.notes, []);
  return { ...workCounts(), findings: result.findings.length };
}

/** Many writes, EXPIREs and SETs of a few keys in one function: what the TTL rules pair up. */
function manyCalls(n: number): string {
  const lines = Array.from({ length: n }, (_, i) => {
    const key = `'k${i % 50}'`;
    return i % 3 === 0 ? `  await redis.set(${key}, v);\n  await redis.expire(${key}, 60);` : i % 3 === 1 ? `  await redis.incr(${key});\n  await redis.expire(${key}, 60);` : `  await redis.set(${key}, v);`;
  });
  return `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function f(v: string) {\n${lines.join('\n')}\n}\n`;
}

/** One member chain of n queued commands: every call sits one level deeper than the last. */
function longChain(n: number): string {
  const chain = Array.from({ length: n }, (_, i) => `.set('k${i}', 'v', 'EX', 60).expire('k${i}', 60)`).join('\n');
  return `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function g() {\n  await redis.multi()${chain}.exec();\n}\n`;
}

describe('analysis work grows linearly with the number of Redis calls', () => {
  after(disposeAnalyzer);

  // Doubling the calls may at most a little more than double the work (binary searches add a log factor).
  const LIMIT = 2.4;

  it('pairs SETs, writes and EXPIREs through per-key indexes, not call × call', async () => {
    const small = await workFor(manyCalls(600));
    const large = await workFor(manyCalls(1200));
    assert.ok(small.findings > 200, `the generated file exercises the TTL rules (${small.findings} findings)`);
    assert.ok(large.rule / small.rule <= LIMIT, `rule work ${small.rule} → ${large.rule}`);
    assert.ok(large.tree / small.tree <= LIMIT, `tree work ${small.tree} → ${large.tree}`);
  });

  it('walks a deep member chain once instead of once per call', async () => {
    const small = await workFor(longChain(1000));
    const large = await workFor(longChain(2000));
    assert.ok(large.tree / small.tree <= LIMIT, `tree work ${small.tree} → ${large.tree}`);
    assert.ok(large.rule <= LIMIT * Math.max(small.rule, 1), `rule work ${small.rule} → ${large.rule}`);
  });

  it('skips the remaining rules with a note when they run past ruleTimeoutMs', async () => {
    const result = await analyze('src/generated.ts', manyCalls(300), { ruleTimeoutMs: 1e-9 });
    assert.equal(result.notes[0]?.kind, 'rules-timeout');
    assert.match(result.notes[0].message, /ruleTimeoutMs/);
  });
});
