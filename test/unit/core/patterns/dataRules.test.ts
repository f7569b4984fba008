import * as assert from 'node:assert/strict';
import { RULE_IDS, resolveOptions, ruleMeta } from '../../../../src/core/analysis';
import type { PatternSite } from '../../../../src/core/patterns/patternIndex';
import { dataFindingSeverity, type DataFindingKind } from '../../../../src/core/patterns/patternReport';
import { analyze, disposeAnalyzer } from '../analysis/analyzerHarness';

const KINDS: DataFindingKind[] = ['live-keys-without-ttl', 'ttl-missing-on-live-keys', 'live-type-mismatch'];

function site(file: string, confidence: PatternSite['confidence'] = 'certain'): PatternSite {
  return { file, template: 'session:{id}', command: 'SET', access: 'write', type: 'string', ttl: 'none', confidence, line: 3, column: 2, offset: 0, endOffset: 1 };
}

describe('data findings are rules (settings and project configs configure them)', () => {
  after(disposeAnalyzer);

  it('each kind is a rule id with a title, a why, info by default and off in test files', () => {
    for (const kind of KINDS) {
      assert.ok((RULE_IDS as readonly string[]).includes(kind), kind);
      const meta = ruleMeta(kind);
      assert.ok(meta?.fromData, kind);
      assert.equal(meta.defaultSeverity, 'info');
      assert.equal(meta.testSeverity, 'off');
      assert.ok(meta.why.length > 40 && meta.title.length > 10);
    }
  });

  it('takes the severity the options give: defaults, a changed severity, off, test files, likely sites', () => {
    const defaults = resolveOptions({});
    assert.equal(dataFindingSeverity('live-keys-without-ttl', site('src/session.ts'), defaults), 'info');
    assert.equal(dataFindingSeverity('live-keys-without-ttl', site('src/session.test.ts'), defaults), undefined);
    const configured = resolveOptions({ rules: { 'live-keys-without-ttl': 'warning', 'live-type-mismatch': 'off', 'ttl-missing-on-live-keys': { severity: 'error', testSeverity: 'hint' } } });
    assert.equal(dataFindingSeverity('live-keys-without-ttl', site('src/session.ts'), configured), 'warning');
    assert.equal(dataFindingSeverity('live-type-mismatch', site('src/session.ts'), configured), undefined);
    assert.equal(dataFindingSeverity('ttl-missing-on-live-keys', site('src/session.ts'), configured), 'error');
    assert.equal(dataFindingSeverity('ttl-missing-on-live-keys', site('test/session.ts'), configured), 'hint');
    // A site on a "likely" client follows likelySeverity, like code findings.
    assert.equal(dataFindingSeverity('live-keys-without-ttl', site('src/session.ts', 'likely'), configured), 'info');
    assert.equal(dataFindingSeverity('live-keys-without-ttl', site('src/session.ts', 'likely'), resolveOptions({ minConfidence: 'certain' })), undefined);
  });

  it('a file alone never reports them, even with every rule at error', async () => {
    const text = [`import Redis from 'ioredis';`, `const redis = new Redis();`, "export const f = (id: string) => redis.set(`session:${id}`, 'v');"].join('\n');
    const rules = Object.fromEntries(KINDS.map((k) => [k, 'error']));
    const result = await analyze('src/f.ts', text, { rules });
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['set-without-ttl']);
  });
});
