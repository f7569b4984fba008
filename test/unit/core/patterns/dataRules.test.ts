import * as assert from 'node:assert/strict';
import { RULE_IDS, resolveOptions, ruleMeta } from '../../../../src/core/analysis';
import type { PatternSite } from '../../../../src/core/patterns/patternIndex';
import type { KeySite } from '../../../../src/core/analysis';
import type { LivePatternStats } from '../../../../src/core/patterns/livePatternStats';
import { buildPatterns } from '../../../../src/core/patterns/patternIndex';
import { dataFindingSeverity, dataFindings, enabledDataFindings, patternRows, type DataFindingKind } from '../../../../src/core/patterns/patternReport';
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

  it('the CLI prints a finding when its rule is on at some site of the pattern (each site file with its own options)', async () => {
    const write = (file: string, template: string): KeySite & { file: string } => ({ ...site(file), template });
    const code = buildPatterns([write('src/a.ts', 'a:{id}'), write('src/b.ts', 'b:{id}'), write('test/b.ts', 'b:{id}'), write('test/c.ts', 'c:{id}')]);
    const stats = (pattern: string): LivePatternStats => ({ pattern, inferred: false, keys: 10, keysExact: true, sampled: 10, withTtl: 0, memoryBytes: 0, memoryErrorBytes: 0, memoryEstimatedKeys: 0, typesSeen: { string: 10 }, examples: [] });
    const rows = patternRows(code, { patterns: ['a:{id}', 'b:{id}', 'c:{id}'].map(stats), totalKeys: 30, complete: true, sampleSize: 200, nodes: [] });
    const findings = dataFindings(rows, 'staging');
    assert.deepEqual(findings.map((f) => f.pattern), ['a:{id}', 'b:{id}', 'c:{id}']);
    const off = resolveOptions({ rules: { 'live-keys-without-ttl': 'off' } });
    const defaults = resolveOptions({});
    // src/a.ts has the rule off; b is written in src/ too (on there); c only in a test file (off there by default).
    const enabled = await enabledDataFindings(findings, rows, (file) => Promise.resolve(file === 'src/a.ts' ? off : defaults));
    assert.deepEqual(enabled.map((f) => f.pattern), ['b:{id}']);
  });

  it('the CLI judges a finding only at the sites it is shown at, and a disable comment there silences it', async () => {
    const at = (file: string, template: string, line: number, extra: Partial<PatternSite> = {}): KeySite & { file: string } => ({ ...site(file), template, line, ...extra });
    const code = buildPatterns([
      at('src/a.ts', 'a:{id}', 3),
      at('src/a.ts', 'a:{id}', 8, { command: 'GET', access: 'read', type: null, ttl: null }),
      at('src/b.ts', 'b:{id}', 3),
      at('src/b.ts', 'b:{id}', 5),
    ]);
    const stats = (pattern: string): LivePatternStats => ({ pattern, inferred: false, keys: 10, keysExact: true, sampled: 10, withTtl: 0, memoryBytes: 0, memoryErrorBytes: 0, memoryEstimatedKeys: 0, typesSeen: { string: 10 }, examples: [] });
    const rows = patternRows(code, { patterns: ['a:{id}', 'b:{id}'].map(stats), totalKeys: 20, complete: true, sampleSize: 200, nodes: [] });
    const findings = dataFindings(rows, 'staging');
    const defaults = () => Promise.resolve(resolveOptions({}));
    const silencedAt = (lines: Record<string, number[]>) => (s: PatternSite, kind: DataFindingKind) => Promise.resolve(kind === 'live-keys-without-ttl' && (lines[s.file] ?? []).includes(s.line));
    // a: its only write is silenced (the GET is no site of this finding); b: one of its two writes is.
    const enabled = await enabledDataFindings(findings, rows, defaults, silencedAt({ 'src/a.ts': [3], 'src/b.ts': [3] }));
    assert.deepEqual(enabled.map((f) => f.pattern), ['b:{id}']);
    assert.deepEqual((await enabledDataFindings(findings, rows, defaults, silencedAt({ 'src/b.ts': [3, 5] }))).map((f) => f.pattern), ['a:{id}']);
    assert.deepEqual((await enabledDataFindings(findings, rows, defaults)).map((f) => f.pattern), ['a:{id}', 'b:{id}']);
  });

  it('a file alone never reports them, even with every rule at error', async () => {
    const text = [`import Redis from 'ioredis';`, `const redis = new Redis();`, "export const f = (id: string) => redis.set(`session:${id}`, 'v');"].join('\n');
    const rules = Object.fromEntries(KINDS.map((k) => [k, 'error']));
    const result = await analyze('src/f.ts', text, { rules });
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['set-without-ttl']);
  });
});
