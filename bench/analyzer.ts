import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { Analyzer, wasmLocationFromNodeModules } from '../src/core/analysis';
import { TreeSitterHost } from '../src/core/analysis/parser/treeSitterHost';
import { threadCount } from '../src/commandLine/lint/lintShares';
import { bundleCli } from '../scripts/lib/bundleCli';
import { runWhenMain } from './runWhenMain';

/**
 * Three lines, all ratios against a reference measured in the same run (median of several runs):
 *
 * - analyzer-full: full analysis of a ~1 MB real-world TypeScript corpus — the TypeScript sources of
 *   @azure/msal-common and @azure/msal-node as shipped in node_modules (real application code,
 *   concatenated), plus this repo's analyzer fixtures so the Redis paths run too — versus
 *   `ts.createSourceFile` + a full AST walk. `parse_ms` is a bare tree-sitter parse of the same text;
 *   `overhead` is what analysis adds to it (target ≤ 30%).
 * - analyzer-incremental: re-analysis after a one-character edit in the middle of that corpus
 *   (AnalysisDocument.applyEdit + analyze) versus `ts.updateSourceFile` (target ratio ≤ 0.1).
 *   `reparse_ms` is tree-sitter alone on the same edit (tree.edit + incremental parse + changed
 *   ranges): the floor under our number.
 * - analyzer-workspace: 2,000 generated files linted by the bundled CLI (`node cli.js lint`, all
 *   rules, JSON output) versus ESLint with typescript-eslint's parser and an equivalent
 *   `no-restricted-syntax` rule for `.keys(…)` calls; both as child processes (target ≤ 0.33).
 *   Ours runs as a user runs it (`--jobs auto`: `threads` threads) and in one thread (`one_thread_ms`,
 *   which must report the same JSON); ESLint runs as it does by default, in one thread.
 *
 * Run: `npx tsx bench/index.ts analyzer`.
 */

const ROOT = path.resolve(__dirname, '..');
const TARGET_BYTES = 1_000_000;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeIt(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function timeItAsync(runs: number, fn: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function listTs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** ~1 MB of real TypeScript (see the header), with a Redis section at the end. */
function corpus(): { text: string; sources: string } {
  const dirs = ['@azure/msal-common/src', '@azure/msal-node/src', '@azure/msal-browser/src'].map((d) => path.join(ROOT, 'node_modules', d));
  let text = '';
  for (const file of dirs.flatMap(listTs)) {
    if (text.length >= TARGET_BYTES) break;
    text += fs.readFileSync(file, 'utf8') + '\n';
  }
  if (text.length < TARGET_BYTES / 2) throw new Error('analyzer bench: @azure/msal-* sources not found in node_modules; cannot build the corpus');
  const fixtures = path.join(ROOT, 'test/fixtures/analysis');
  for (const rule of ['no-keys', 'set-without-ttl', 'non-atomic-expire', 'missing-error-listener']) {
    text += fs.readFileSync(path.join(fixtures, rule, 'positive.ts'), 'utf8') + '\n';
  }
  return { text, sources: '@azure/msal-common, msal-node, msal-browser src (node_modules) + analyzer fixtures' };
}

function tsFullWalk(text: string): number {
  const sf = ts.createSourceFile('corpus.ts', text, ts.ScriptTarget.ES2022, true);
  let count = 0;
  const visit = (node: ts.Node): void => {
    count++;
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return count;
}

async function benchFull(analyzer: Analyzer, text: string): Promise<void> {
  const host = new TreeSitterHost(wasmLocationFromNodeModules());
  await host.load('typescript');
  const bareParse = (): void => {
    const outcome = host.parse('typescript', text, null, 60_000);
    if (!outcome.ok) throw new Error(outcome.message);
    outcome.tree.delete();
  };
  const ours = async (): Promise<void> => {
    const result = await analyzer.analyzeText('src/corpus.ts', text);
    if (result.notes.length || result.findings.length === 0) throw new Error(`unexpected analysis result: ${JSON.stringify(result.notes)}`);
  };
  // Warm up the JITs of both sides, then alternate so machine noise hits both alike.
  for (let i = 0; i < 2; i++) {
    tsFullWalk(text);
    bareParse();
    await ours();
  }
  // Interleaved, so a slow moment of the (shared) machine hits all three alike; medians count.
  const tsTimes: number[] = [];
  const parseTimes: number[] = [];
  const ourTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    tsTimes.push(timeIt(1, () => tsFullWalk(text)));
    parseTimes.push(timeIt(1, bareParse));
    ourTimes.push(await timeItAsync(1, ours));
  }
  const [tsMs, parseMs, oursMs] = [median(tsTimes), median(parseTimes), median(ourTimes)];
  host.dispose();
  console.log(
    `BENCH analyzer-full mb=${(text.length / 1e6).toFixed(2)} ts_ms=${tsMs.toFixed(1)} ours_ms=${oursMs.toFixed(1)} ratio=${(oursMs / tsMs).toFixed(2)} parse_ms=${parseMs.toFixed(1)} overhead=${(((oursMs - parseMs) / parseMs) * 100).toFixed(0)}%`,
  );
}

async function benchIncremental(analyzer: Analyzer, text: string): Promise<void> {
  // A one-character edit inside a statement in the middle of the file (after a `;`).
  const at = text.indexOf(';', Math.floor(text.length / 2)) + 1;
  let sf = ts.createSourceFile('corpus.ts', text, ts.ScriptTarget.ES2022, true);
  let current = text;
  const tsEdit = (insert: boolean): void => {
    const next = insert ? current.slice(0, at) + ' ' + current.slice(at) : current.slice(0, at) + current.slice(at + 1);
    sf = ts.updateSourceFile(sf, next, { span: { start: at, length: insert ? 0 : 1 }, newLength: insert ? 1 : 0 });
    current = next;
  };
  const doc = await analyzer.openDocument('src/corpus.ts', text);
  const baseline = doc.analyze().findings.length;
  const ourEdit = (insert: boolean): void => {
    doc.applyEdit(insert ? { offset: at, length: 0, text: ' ' } : { offset: at, length: 1, text: '' });
    const result = doc.analyze();
    if (result.findings.length !== baseline || doc.stats.parse !== 'incremental') throw new Error('incremental re-analysis changed the result');
  };
  // Reference for what tree-sitter alone costs: the same edit, tree.edit() + incremental parse + changed ranges.
  const host = new TreeSitterHost(wasmLocationFromNodeModules());
  await host.load('typescript');
  const first = host.parse('typescript', text, null, 60_000);
  if (!first.ok) throw new Error(first.message);
  let tree = first.tree;
  let bare = text;
  const row = text.slice(0, at).split('\n').length - 1;
  const column = at - text.lastIndexOf('\n', at - 1) - 1;
  const bareEdit = (insert: boolean): void => {
    bare = insert ? bare.slice(0, at) + ' ' + bare.slice(at) : bare.slice(0, at) + bare.slice(at + 1);
    const start = { row, column };
    const moved = { row, column: column + 1 };
    tree.edit({ startIndex: at, oldEndIndex: insert ? at : at + 1, newEndIndex: insert ? at + 1 : at, startPosition: start, oldEndPosition: insert ? start : moved, newEndPosition: insert ? moved : start });
    const next = host.parse('typescript', bare, tree, 60_000);
    if (!next.ok) throw new Error(next.message);
    tree.getChangedRanges(next.tree);
    tree.delete();
    tree = next.tree;
  };
  for (let i = 0; i < 4; i++) {
    tsEdit(i % 2 === 0);
    bareEdit(i % 2 === 0);
    ourEdit(i % 2 === 0);
  }
  // Alternate the sides edit by edit (insert, then remove, the same space).
  const tsTimes: number[] = [];
  const bareTimes: number[] = [];
  const ourTimes: number[] = [];
  for (let i = 0; i < 40; i++) {
    const insert = i % 2 === 0;
    tsTimes.push(timeIt(1, () => tsEdit(insert)));
    bareTimes.push(timeIt(1, () => bareEdit(insert)));
    ourTimes.push(timeIt(1, () => ourEdit(insert)));
  }
  const [tsMs, reparseMs, oursMs] = [median(tsTimes), median(bareTimes), median(ourTimes)];
  const extracted = doc.stats.extracted;
  doc.dispose();
  tree.delete();
  host.dispose();
  console.log(
    `BENCH analyzer-incremental mb=${(text.length / 1e6).toFixed(2)} ts_ms=${tsMs.toFixed(2)} ours_ms=${oursMs.toFixed(2)} ratio=${(oursMs / tsMs).toFixed(3)} reparse_ms=${reparseMs.toFixed(2)} statements_reextracted=${extracted}`,
  );
}

/** A small deterministic PRNG so the generated workspace is the same every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generatedFile(i: number, rand: () => number): string {
  const usesRedis = rand() < 0.5;
  const lines = [
    usesRedis ? `import Redis from 'ioredis';` : `import { EventEmitter } from 'node:events';`,
    `import { helper${i % 50} } from '../lib/helper${i % 50}';`,
    '',
    usesRedis ? `const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');` : `const bus = new EventEmitter();`,
    `const cache = new Map<string, { value: string; at: number }>();`,
    '',
    `export interface Item${i} { id: string; name: string; tags: string[]; createdAt: Date }`,
    '',
    `export class Service${i} {`,
    `  private readonly prefix = 'svc${i}';`,
    `  async get(id: string): Promise<Item${i} | undefined> {`,
    `    const hit = cache.get(id);`,
    `    if (hit && Date.now() - hit.at < 1000) return JSON.parse(hit.value) as Item${i};`,
    usesRedis ? `    const raw = await redis.get(\`\${this.prefix}:\${id}\`);` : `    const raw = helper${i % 50}(id);`,
    `    if (!raw) return undefined;`,
    `    cache.set(id, { value: raw, at: Date.now() });`,
    `    return JSON.parse(raw) as Item${i};`,
    '  }',
    `  async list(): Promise<string[]> {`,
    usesRedis && rand() < 0.6 ? `    return redis.keys(\`\${this.prefix}:*\`);` : `    return Object.keys(Object.fromEntries(cache));`,
    '  }',
    `  async save(item: Item${i}): Promise<void> {`,
    usesRedis ? `    await redis.set(\`\${this.prefix}:\${item.id}\`, JSON.stringify(item), 'EX', 3600);` : `    bus.emit('save', item);`,
    `    for (const tag of item.tags.filter((t) => t.length > 0)) cache.delete(tag);`,
    '  }',
    '}',
    '',
    `export function summarize${i}(items: Item${i}[]): Record<string, number> {`,
    '  const out: Record<string, number> = {};',
    '  for (const item of items) {',
    '    for (const tag of item.tags) out[tag] = (out[tag] ?? 0) + 1;',
    '  }',
    `  return Object.keys(out).length > ${i % 7} ? out : {};`,
    '}',
    '',
  ];
  return lines.join('\n');
}

async function benchWorkspace(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-bench-ws-'));
  try {
    const rand = prng(42);
    const files = 2000;
    for (let i = 0; i < files; i++) {
      const sub = path.join(dir, 'src', `mod${i % 40}`);
      fs.mkdirSync(sub, { recursive: true });
      fs.writeFileSync(path.join(sub, `service${i}.ts`), generatedFile(i, rand));
    }
    const tsEslint = pathToFileURL(require.resolve('typescript-eslint')).href;
    fs.writeFileSync(
      path.join(dir, 'eslint.config.mjs'),
      [
        `import tseslint from ${JSON.stringify(tsEslint)};`,
        'export default [{',
        "  files: ['**/*.ts'],",
        '  languageOptions: { parser: tseslint.parser },',
        `  rules: { 'no-restricted-syntax': ['warn', { selector: "CallExpression[callee.property.name='keys']", message: 'KEYS is O(N)' }] },`,
        '}];',
      ].join('\n'),
    );
    const cliDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-bench-cli-'));
    const cli = await bundleCli(cliDir);
    const eslintBin = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');
    const runEslint = (): { ms: number; count: number } => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [eslintBin, '--format', 'json', 'src'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
      const ms = performance.now() - t0;
      if (r.status !== 0) throw new Error(`eslint failed (${r.status}): ${r.stderr.slice(0, 500)}`);
      const count = (JSON.parse(r.stdout) as Array<{ messages: unknown[] }>).reduce((n, f) => n + f.messages.length, 0);
      return { ms, count };
    };
    // As a user runs it (`--jobs auto`: threads on a multi-core machine), and in one thread for reference.
    const runOurs = (jobs: string): { ms: number; count: number; stdout: string } => {
      const t0 = performance.now();
      const stdout = execFileSync(process.execPath, [cli, 'lint', '--format', 'json', '--jobs', jobs, 'src'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
      const ms = performance.now() - t0;
      const count = (JSON.parse(stdout) as Array<{ rule: string }>).filter((f) => f.rule === 'no-keys').length;
      return { ms, count, stdout };
    };
    // Alternate, keep each side's fastest of three (the machine is shared).
    const eslint: number[] = [];
    const ours: number[] = [];
    const oneThread: number[] = [];
    let counts = { eslint: 0, ours: 0 };
    for (let i = 0; i < 3; i++) {
      const e = runEslint();
      const o = runOurs('auto');
      const single = runOurs('1');
      if (single.stdout !== o.stdout) throw new Error('linting in threads reported otherwise than in one thread');
      eslint.push(e.ms);
      ours.push(o.ms);
      oneThread.push(single.ms);
      counts = { eslint: e.count - countObjectKeys(dir), ours: o.count };
    }
    if (counts.ours === 0 || counts.ours !== counts.eslint) {
      throw new Error(`the two linters disagree on .keys() calls on Redis: eslint ${counts.eslint}, ours ${counts.ours}`);
    }
    fs.rmSync(cliDir, { recursive: true, force: true });
    const eslintMs = Math.min(...eslint);
    const oursMs = Math.min(...ours);
    const oneMs = Math.min(...oneThread);
    const threads = threadCount('auto', files, cli);
    console.log(
      `BENCH analyzer-workspace files=${files} eslint_ms=${eslintMs.toFixed(0)} ours_ms=${oursMs.toFixed(0)} ratio=${(oursMs / eslintMs).toFixed(3)} threads=${threads} one_thread_ms=${oneMs.toFixed(0)} one_thread_ratio=${(oneMs / eslintMs).toFixed(3)} keys_findings=${counts.ours}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** ESLint's selector also matches `Object.keys(…)`; those are not Redis calls, so subtract them. */
function countObjectKeys(dir: string): number {
  let n = 0;
  for (const file of fs.readdirSync(path.join(dir, 'src'), { recursive: true, encoding: 'utf8' })) {
    if (file.endsWith('.ts')) n += (fs.readFileSync(path.join(dir, 'src', file), 'utf8').match(/Object\.keys\(/g) ?? []).length;
  }
  return n;
}

export async function run(): Promise<void> {
  const { text, sources } = corpus();
  console.log(`analyzer bench corpus: ${(text.length / 1e6).toFixed(2)} MB from ${sources}`);
  const analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() });
  try {
    await benchFull(analyzer, text);
    await benchIncremental(analyzer, text);
  } finally {
    analyzer.dispose();
  }
  await benchWorkspace();
}

runWhenMain(module, run);
