import * as assert from 'node:assert/strict';
import { RULE_IDS } from '../../../../src/core/analysis';
import { analyze, disposeAnalyzer, expectations, fixtureFiles } from './analyzerHarness';

describe('analyzer fixtures (every finding of every rule, line by line)', () => {
  after(disposeAnalyzer);
  const files = fixtureFiles();

  it('has a folder with true positives and look-alikes for every rule', () => {
    for (const rule of RULE_IDS) {
      const mine = files.filter((f) => f.rule === rule);
      assert.ok(mine.some((f) => [...expectations(f.text).values()].some((e) => e.some((x) => x.rule === rule))), `${rule}: no positive`);
      assert.ok(mine.some((f) => f.name.startsWith('negative')), `${rule}: no negative file`);
    }
  });

  for (const fixture of files) {
    it(`${fixture.rule}/${fixture.name}`, async () => {
      const result = await analyze(fixture.analyzedAs, fixture.text, fixture.options);
      assert.deepEqual(result.notes, []);
      const expected = expectations(fixture.text);
      const actual = new Map<number, string[]>();
      for (const f of result.findings) {
        const list = actual.get(f.range.start.line) ?? [];
        list.push(`${f.ruleId}:${f.severity}@${f.confidence}`);
        actual.set(f.range.start.line, list);
      }
      const lines = new Set([...expected.keys(), ...actual.keys()]);
      const problems: string[] = [];
      for (const line of [...lines].sort((a, b) => a - b)) {
        const want = expected.get(line) ?? [];
        const got = actual.get(line) ?? [];
        const ok =
          want.length === got.length &&
          want.every((w) => got.some((g) => {
            const [rule, rest] = g.split(':');
            const [severity, confidence] = rest.split('@');
            return rule === w.rule && (!w.severity || w.severity === severity) && (w.confidence ?? 'certain') === confidence;
          }));
        if (!ok) {
          problems.push(`line ${line + 1}: expected [${want.map((w) => w.rule + (w.severity ? ':' + w.severity : '') + '@' + (w.confidence ?? 'certain')).join(', ')}] got [${got.join(', ')}]\n    ${fixture.text.split('\n')[line]}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});
