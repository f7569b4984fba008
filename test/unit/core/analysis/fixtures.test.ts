import * as assert from 'node:assert/strict';
import { RULES } from '../../../../src/core/analysis';
import { analyze, compareWithMarkers, disposeAnalyzer, expectations, fixtureFiles } from './analyzerHarness';

describe('analyzer fixtures (every finding of every rule, line by line)', () => {
  after(disposeAnalyzer);
  const files = fixtureFiles();

  it('has a folder with true positives and look-alikes for every rule judged from code', () => {
    // Rules judged from live data (Key Patterns) have no finding in a file alone: test/unit/core/patterns/dataRules.test.ts.
    for (const rule of RULES.filter((r) => !r.meta.fromData).map((r) => r.meta.id)) {
      const mine = files.filter((f) => f.rule === rule);
      assert.ok(mine.some((f) => [...expectations(f.text).values()].some((e) => e.some((x) => x.rule === rule))), `${rule}: no positive`);
      assert.ok(mine.some((f) => f.name.startsWith('negative')), `${rule}: no negative file`);
    }
  });

  for (const fixture of files) {
    it(`${fixture.rule}/${fixture.name}`, async () => {
      const result = await analyze(fixture.analyzedAs, fixture.text, fixture.options);
      assert.deepEqual(result.notes, []);
      const problems = compareWithMarkers(fixture.text, result);
      assert.deepEqual(problems, []);
    });
  }
});
