import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type AnalysisOptions, fixAll } from '../../../../src/core/analysis';
import { FIXTURES, analyze, disposeAnalyzer } from './analyzerHarness';
import { typecheck } from './typecheck';

const FIX_DIR = path.join(FIXTURES, 'fixes');

interface Case {
  name: string;
  text: string;
  options: AnalysisOptions;
  typecheck: boolean;
  fixed?: string;
}

/**
 * Every fixture in fixes/ holds only fixable findings. Applying every preferred fix must leave a
 * file that parses and re-analyses clean, and (where the client's types are installed) still
 * type-checks against the real ioredis / redis typings.
 */
describe('quick fixes: apply, re-analyse clean, type-check', function () {
  this.timeout(120_000);
  after(disposeAnalyzer);
  const cases: Case[] = fs
    .readdirSync(FIX_DIR)
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(FIX_DIR, name), 'utf8');
      const options = /\/\/ options: (\{.*\})/.exec(text)?.[1];
      return { name, text, options: options ? (JSON.parse(options) as AnalysisOptions) : {}, typecheck: !/\/\/ typecheck: no/.test(text) };
    });

  for (const c of cases) {
    it(`${c.name}: every finding has a fix; fixed file re-analyses clean`, async () => {
      const before = await analyze(`src/${c.name}`, c.text, c.options);
      assert.ok(before.findings.length >= 2, `${c.name}: expected findings, got ${before.findings.length}`);
      const unfixable = before.findings.filter((f) => f.fixes.length === 0);
      assert.deepEqual(unfixable.map((f) => `${f.ruleId} line ${f.range.start.line + 1}`), []);
      const result = fixAll(c.text, before.findings, { includeUnsafe: true });
      assert.deepEqual(result.skipped.map((f) => f.ruleId), [], 'no fix should overlap another');
      const after = await analyze(`src/${c.name}`, result.text, c.options);
      assert.deepEqual(after.notes, []);
      assert.deepEqual(after.findings.map((f) => `${f.ruleId} line ${f.range.start.line + 1}: ${f.message}`), [], result.text);
      c.fixed = result.text;
    });
  }

  it('original and fixed files type-check against the real client typings', () => {
    const files: Record<string, string> = {};
    const virtual = (name: string): string => path.join(FIX_DIR, '__virtual__', name);
    for (const c of cases.filter((x) => x.typecheck)) {
      assert.ok(c.fixed, `${c.name} was not fixed (its own test failed)`);
      files[virtual(`original-${c.name}`)] = c.text;
      files[virtual(`fixed-${c.name}`)] = c.fixed;
    }
    assert.ok(Object.keys(files).length >= 12);
    const diagnostics = Object.values(typecheck(files)).flat();
    assert.deepEqual(diagnostics, []);
  });
});
