/** Shared analyzer for the unit tests: grammars straight from node_modules, disposed after the run. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type AnalysisOptions, type AnalysisResult, Analyzer, wasmLocationFromNodeModules } from '../../../../src/core/analysis';

export const FIXTURES = path.resolve(__dirname, '../../../fixtures/analysis');

let shared: Analyzer | undefined;

export function analyzer(): Analyzer {
  shared ??= new Analyzer({ wasm: wasmLocationFromNodeModules() });
  return shared;
}

export function disposeAnalyzer(): void {
  shared?.dispose();
  shared = undefined;
}

/** Analyses `text` as `fileName` with `options` (other options default). */
export async function analyze(fileName: string, text: string, options: AnalysisOptions = {}): Promise<AnalysisResult> {
  const a = analyzer();
  a.setOptions(options);
  // Fixtures are unrelated files: one's DEL must not count as another's consumer.
  a.project.keyUse.clear();
  try {
    return await a.analyzeText(fileName, text);
  } finally {
    a.setOptions({});
  }
}

export interface FixtureFile {
  rule: string;
  name: string;
  file: string;
  text: string;
  /** The name to analyse it under (`// filename:` header, else `src/<rule>/<name>`). */
  analyzedAs: string;
  options: AnalysisOptions;
}

export function fixtureFiles(dir = FIXTURES): FixtureFile[] {
  const out: FixtureFile[] = [];
  for (const rule of fs.readdirSync(dir).sort()) {
    const ruleDir = path.join(dir, rule);
    // `fixes` holds quick-fix inputs; `projects` multi-file workspaces (projectFixtures.test.ts).
    if (!fs.statSync(ruleDir).isDirectory() || rule === 'fixes' || rule === 'projects') continue;
    for (const name of fs.readdirSync(ruleDir).sort()) {
      const file = path.join(ruleDir, name);
      const text = fs.readFileSync(file, 'utf8');
      const header = text.split('\n').slice(0, 3).join('\n');
      const filename = /\/\/ filename: (\S+)/.exec(header)?.[1];
      const options = /\/\/ options: (\{.*\})/.exec(header)?.[1];
      out.push({ rule, name, file, text, analyzedAs: filename ?? `src/${rule}/${name}`, options: options ? (JSON.parse(options) as AnalysisOptions) : {} });
    }
  }
  return out;
}

export interface Expectation {
  rule: string;
  severity?: string;
  confidence?: string;
}

/** `// expect: a, b:info, c@likely` markers by 0-based line. */
export function expectations(text: string): Map<number, Expectation[]> {
  const out = new Map<number, Expectation[]>();
  text.split('\n').forEach((line, i) => {
    const m = /\/\/ expect: (.+)$/.exec(line);
    if (!m) return;
    out.set(
      i,
      m[1].split(',').map((item) => {
        const parts = /^\s*([a-z-]+)(?::([a-z]+))?(?:@([a-z]+))?\s*$/.exec(item);
        if (!parts) throw new Error(`Bad expect marker "${item}" on line ${i + 1}`);
        return { rule: parts[1], severity: parts[2], confidence: parts[3] };
      }),
    );
  });
  return out;
}

/** Differences between a result and the `// expect:` markers of `text`, one line each (empty: they agree). */
export function compareWithMarkers(text: string, result: AnalysisResult): string[] {
  const expected = expectations(text);
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
      want.every((w) =>
        got.some((g) => {
          const [rule, rest] = g.split(':');
          const [severity, confidence] = rest.split('@');
          return rule === w.rule && (!w.severity || w.severity === severity) && (w.confidence ?? 'certain') === confidence;
        }),
      );
    if (!ok) {
      problems.push(`line ${line + 1}: expected [${want.map((w) => w.rule + (w.severity ? ':' + w.severity : '') + '@' + (w.confidence ?? 'certain')).join(', ')}] got [${got.join(', ')}]\n    ${text.split('\n')[line]}`);
    }
  }
  return problems;
}
