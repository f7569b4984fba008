import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer, type ProjectFile, analyzeFiles, wasmLocationFromNodeModules } from '../src/core/analysis';
import { findFiles } from '../src/commandLine/lint/findFiles';
import { type CorpusFinding, parseLabels, score } from './corpusScore';

/**
 * `npm run bench -- corpus`: lints pinned versions of published packages that use Redis (listed in
 * bench/corpus/packages.tsv; fetched once with `npm pack` into .bench/corpus/, never committed) with
 * the CLI linter's core, and scores the findings against bench/corpus/labels.tsv.
 *
 * Prints `BENCH corpus packages=N files=N precision_warning=… recall=… per_rule=rule:p/r,…`, then
 * the false positives, misses and unlabelled findings (label every warning-level one).
 */

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, '.bench', 'corpus');
const LIST = path.join(__dirname, 'corpus', 'packages.tsv');
const LABELS = path.join(__dirname, 'corpus', 'labels.tsv');

interface CorpusPackage {
  spec: string;
  folders: string[];
}

function readPackages(): CorpusPackage[] {
  return fs
    .readFileSync(LIST, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [spec, folders] = line.split('\t');
      return { spec, folders: folders.split(',') };
    });
}

/** The unpacked tarball (`package/`), downloaded on first use. */
function unpacked(spec: string): string {
  const dir = path.join(CACHE, spec.replace('/', '+'));
  const root = path.join(dir, 'package');
  if (fs.existsSync(root)) return root;
  fs.mkdirSync(dir, { recursive: true });
  const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop() ?? '';
  execFileSync('tar', ['xzf', path.join(dir, tarball), '-C', dir]);
  return root;
}

export async function run(): Promise<void> {
  const packages = readPackages();
  const findings: CorpusFinding[] = [];
  let fileCount = 0;
  for (const pkg of packages) {
    // One analyzer (one project index) per package: packages do not import one another.
    const analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() });
    try {
      const root = unpacked(pkg.spec);
      const { files } = await findFiles(pkg.folders, root, []);
      fileCount += files.length;
      // Like the CLI: imports between the package's files resolve (dependencies analysed first).
      const projectFiles: ProjectFile[] = files.map((file) => ({ name: path.relative(root, file).split(path.sep).join('/'), read: () => fs.promises.readFile(file, 'utf8') }));
      await analyzeFiles(analyzer, projectFiles, (file, result) => {
        for (const f of result.findings) {
          findings.push({ pkg: pkg.spec, file: file.name, line: f.range.start.line + 1, rule: f.ruleId, severity: f.severity, message: f.message });
        }
      });
    } finally {
      analyzer.dispose();
    }
  }
  const result = score(findings, parseLabels(fs.readFileSync(LABELS, 'utf8')));
  const perRule = [...result.perRule].map(([rule, s]) => `${rule}:${s.precision.toFixed(2)}/${s.recall.toFixed(2)}`).join(',');
  console.log(`BENCH corpus packages=${packages.length} files=${fileCount} precision_warning=${result.precisionWarning.toFixed(2)} recall=${result.recall.toFixed(2)} per_rule=${perRule}`);
  const where = (x: { pkg: string; file: string; line: number; rule: string }): string => `${x.pkg}\t${x.file}\t${x.line}\t${x.rule}`;
  for (const { finding, label } of result.falsePositives) console.log(`  FP      ${where(finding)}\t${label.reason}`);
  for (const label of result.missed) console.log(`  MISSED  ${where(label)}\t${label.reason}`);
  for (const f of result.unlabelled) console.log(`  UNLABELLED ${where(f)}\t${f.severity}\t${f.message}`);
}
