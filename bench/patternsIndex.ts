import { Analyzer, inImportOrder, wasmLocationFromNodeModules } from '../src/core/analysis';
import { PatternIndex } from '../src/core/patterns/patternIndex';

/**
 * patterns-index: the workspace's key patterns from the analyzer's own parse. `analyzer_ms` is
 * the analyzer over N generated files (findings; the key templates are extracted in the same
 * pass), `ours_ms` the same run plus merging every file's key sites into the pattern index and
 * building the patterns. Each side runs three times, alternating, on a fresh analyzer; the
 * fastest run counts.
 */

const FILES = 2000;
const KINDS = ['session', 'cart', 'user', 'order', 'lock', 'rate', 'feed', 'job'];

function generatedFiles(n: number): { name: string; text: string }[] {
  const files: { name: string; text: string }[] = [{ name: 'src/keys.ts', text: KINDS.map((k) => `export const ${k}Key = (id: string) => \`app:${k}:\${id}\`;`).join('\n') + '\n' }];
  for (let i = 1; i < n; i++) {
    const kind = KINDS[i % KINDS.length];
    const other = KINDS[(i * 7) % KINDS.length];
    files.push({
      name: `src/module${i}.ts`,
      text: [
        `import Redis from 'ioredis';`,
        `import { ${kind}Key } from './keys';`,
        `const redis = new Redis();`,
        `const PREFIX = 'svc${i % 50}:';`,
        `export interface Item${i} { id: string; total: number }`,
        `export async function save${i}(item: Item${i}): Promise<void> {`,
        `  await redis.set(${kind}Key(item.id), JSON.stringify(item), 'EX', 3600);`,
        `  await redis.hset(PREFIX + '${other}:' + item.id, { total: item.total });`,
        `  await redis.expire(PREFIX + '${other}:' + item.id, 60);`,
        `}`,
        `export async function load${i}(id: string): Promise<Item${i} | null> {`,
        `  const raw = await redis.get(${kind}Key(id));`,
        "  const counts = await redis.zrange(`board:${id}`, 0, 10);",
        `  return raw ? { ...(JSON.parse(raw) as Item${i}), total: counts.length } : null;`,
        `}`,
        `export function summarize${i}(items: Item${i}[]): number {`,
        `  return items.reduce((sum, item) => sum + item.total, 0);`,
        `}`,
        '',
      ].join('\n'),
    });
  }
  return files;
}

async function pass(files: readonly { name: string; text: string }[], withIndex: boolean): Promise<{ ms: number; patterns: number }> {
  const analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() });
  try {
    await analyzer.analyzeText('warmup.ts', "import Redis from 'ioredis';\n"); // grammar load, outside the timing
    const index = new PatternIndex();
    const started = performance.now();
    for (const file of files) {
      const result = await analyzer.analyzeText(file.name, file.text);
      if (withIndex) index.setFile(file.name, result.keySites ?? []);
    }
    const patterns = withIndex ? index.patterns().length : 0;
    return { ms: performance.now() - started, patterns };
  } finally {
    analyzer.dispose();
  }
}

export async function runIndexBench(): Promise<void> {
  const files = await inImportOrder(generatedFiles(FILES), (f) => f.name, (f) => Promise.resolve(f.text));
  const analyzerMs: number[] = [];
  const oursMs: number[] = [];
  let patterns = 0;
  for (let round = 0; round < 3; round++) {
    analyzerMs.push((await pass(files, false)).ms);
    const ours = await pass(files, true);
    oursMs.push(ours.ms);
    patterns = ours.patterns;
  }
  if (patterns < KINDS.length) throw new Error(`the index found ${patterns} patterns`);
  const a = Math.min(...analyzerMs);
  const o = Math.min(...oursMs);
  console.log(`BENCH patterns-index files=${files.length} analyzer_ms=${a.toFixed(0)} ours_ms=${o.toFixed(0)} ratio=${(o / a).toFixed(2)} patterns=${patterns}`);
}
