import * as assert from 'node:assert/strict';
import { applyEdits, applyFix, disableForLineFix, fixAll, type TextEdit } from '../../../../src/core/analysis';
import { analyze, disposeAnalyzer } from './analyzerHarness';

const SOURCE = `import Redis from 'ioredis';
const redis = new Redis();

export async function f(v: string) {
  await redis.set('a', v);
  await redis.set('b', v);
  const keys = await redis.keys('c*');
  return keys;
}
`;

const edit = (start: number, end: number, newText: string): TextEdit => ({
  range: { start: { line: 0, column: start }, end: { line: 0, column: end }, startOffset: start, endOffset: end },
  newText,
});

describe('fix helpers', () => {
  after(disposeAnalyzer);

  it('applyEdits applies in any order and refuses overlaps', () => {
    assert.equal(applyEdits('abcdef', [edit(4, 5, 'E'), edit(0, 1, 'A'), edit(2, 2, '+')]), 'Ab+cdEf');
    assert.throws(() => applyEdits('abcdef', [edit(0, 3, 'x'), edit(2, 4, 'y')]), /overlapping/);
    assert.throws(() => applyEdits('abc', [edit(2, 9, 'x')]), /outside the text/);
  });

  it('fix all applies the safe fixes, leaves review-only ones, and re-analyses clean for that rule', async () => {
    const before = await analyze('src/a.ts', SOURCE);
    assert.deepEqual(before.findings.map((f) => f.ruleId), ['set-without-ttl', 'set-without-ttl', 'no-keys']);
    const all = fixAll(SOURCE, before.findings);
    assert.equal(all.fixed.length, 2, 'the SCAN rewrite needs review and is not part of fix-all');
    assert.match(all.text, /set\('a', v, 'EX', 3600\)/);
    assert.match(all.text, /set\('b', v, 'EX', 3600\)/);
    const after = await analyze('src/a.ts', all.text);
    assert.deepEqual(after.findings.map((f) => f.ruleId), ['no-keys']);
    const onlyKeys = fixAll(SOURCE, before.findings, { ruleId: 'no-keys', includeUnsafe: true });
    assert.equal(onlyKeys.fixed.length, 1);
    assert.match(onlyKeys.text, /scanStream/);
  });

  it('fix all skips a fix that overlaps one already chosen', () => {
    const finding = (ruleId: 'set-without-ttl', e: TextEdit) => ({
      ruleId,
      severity: 'warning' as const,
      confidence: 'certain' as const,
      range: e.range,
      message: '',
      docUrl: '',
      fixes: [{ title: 't', edits: [e], isPreferred: true }],
    });
    const result = fixAll('abcdef', [finding('set-without-ttl', edit(0, 3, 'X')), finding('set-without-ttl', edit(1, 2, 'Y'))]);
    assert.equal(result.text, 'Xdef');
    assert.equal(result.skipped.length, 1);
  });

  it('"disable for this line" writes a directive that silences exactly that finding', async () => {
    const before = await analyze('src/a.ts', SOURCE);
    const keys = before.findings.find((f) => f.ruleId === 'no-keys');
    assert.ok(keys);
    const fixed = applyFix(SOURCE, disableForLineFix(SOURCE, keys));
    assert.match(fixed, /\n {2}\/\/ redis-specialist-disable-next-line no-keys\n {2}const keys/);
    const after = await analyze('src/a.ts', fixed);
    assert.deepEqual(after.findings.map((f) => f.ruleId), ['set-without-ttl', 'set-without-ttl']);
  });

  it('"disable for this line" extends an existing directive instead of stacking one', async () => {
    const text = SOURCE.replace("  await redis.set('b', v);", "  // redis-specialist-disable-next-line no-flush -- admin\n  await redis.set('b', v);");
    const finding = (await analyze('src/a.ts', text)).findings.find((f) => f.range.start.line === 6);
    assert.equal(finding?.ruleId, 'set-without-ttl');
    const fixed = applyFix(text, disableForLineFix(text, finding));
    assert.match(fixed, /\/\/ redis-specialist-disable-next-line no-flush, set-without-ttl -- admin\n/);
    assert.equal((await analyze('src/a.ts', fixed)).findings.filter((f) => f.range.start.line === 6).length, 0);
  });

  it('"disable for this line" in a Lua script writes a Lua comment that silences the finding', async () => {
    const lua = "local n = 0\n  local all = redis.call('KEYS', ARGV[1])\nreturn #all\n";
    const finding = (await analyze('lib/scan.lua', lua)).findings[0];
    assert.equal(finding?.ruleId, 'keys-in-lua');
    const fixed = applyFix(lua, disableForLineFix(lua, finding, '--'));
    assert.match(fixed, /\n {2}-- redis-specialist-disable-next-line keys-in-lua\n {2}local all/);
    assert.deepEqual((await analyze('lib/scan.lua', fixed)).findings, []);
  });
});
