// Our own sources must be free of findings under every rule, at every severity and confidence: the
// extension would otherwise ship the habits it warns about (or the rules would be wrong about them).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer, analyzeFiles, wasmLocationFromNodeModules, type ProjectFile } from '../../../../src/core/analysis';

const REPO = path.resolve(__dirname, '../../../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

describe('the extension analysed by its own analyzer', () => {
  it('src/ is free of findings under every rule (likely tier included)', async function () {
    this.timeout(120_000);
    const analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules(), options: { minConfidence: 'likely', nodeRedisMajor: 5 } });
    try {
      const files: ProjectFile[] = sourceFiles(path.join(REPO, 'src')).map((file) => ({
        name: path.relative(REPO, file).split(path.sep).join('/'),
        read: () => fs.promises.readFile(file, 'utf8'),
      }));
      assert.ok(files.length > 100, 'the sources were found');
      const problems: string[] = [];
      await analyzeFiles(analyzer, files, (file, result) => {
        for (const f of result.findings) problems.push(`${file.name}:${f.range.start.line + 1} ${f.ruleId} (${f.severity}, ${f.confidence}) ${f.message}`);
        for (const note of result.notes) problems.push(`${file.name}: ${note.kind} ${note.message}`);
      });
      assert.deepEqual(problems, []);
    } finally {
      analyzer.dispose();
    }
  });

  it('control: a client-per-call in a file under src/ is reported', async () => {
    const analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules(), options: { minConfidence: 'likely' } });
    try {
      const text = "import Redis from 'ioredis';\nexport async function handler(): Promise<string | null> {\n  const redis = new Redis();\n  return redis.get('k');\n}\n";
      const result = await analyzer.analyzeText('src/core/redis/x.ts', text);
      assert.deepEqual(result.findings.map((f) => f.ruleId), ['client-per-call']);
    } finally {
      analyzer.dispose();
    }
  });
});
