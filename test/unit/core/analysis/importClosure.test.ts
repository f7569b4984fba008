// The editor's import closure: an opened file's imports resolve from files read from disk, not only open ones.
import assert from 'node:assert/strict';
import { Analyzer, SourceFiles, indexImportClosure, wasmLocationFromNodeModules } from '../../../../src/core/analysis';

const FILES: Record<string, string> = {
  'src/lib/redis.ts': `import Redis from 'ioredis';\nexport const store = new Redis();\n`,
  'src/lib/redis.js': `// compiled output beside the source\nexports.store = 1;\n`,
  'src/lib/index.ts': `export * from './redis';\n`,
  'src/routes/users.ts': `import { store } from '../lib';\nexport const list = () => store.keys('user:*');\n`,
  'src/routes/alias.ts': `import { store } from '@/lib/redis';\nexport const list = () => store.keys('user:*');\n`,
  'src/unrelated.ts': `export const x = 1;\n`,
};

function severities(findings: ReadonlyArray<{ ruleId: string; severity: string; confidence: string }>): string[] {
  return findings.map((f) => `${f.ruleId}:${f.severity}@${f.confidence}`);
}

describe('import closure (editor)', () => {
  let analyzer: Analyzer;
  beforeEach(() => {
    analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() });
  });
  afterEach(() => analyzer.dispose());

  const options = (reads: string[], skip: (name: string) => boolean = () => false) => ({
    read: (name: string) => {
      reads.push(name);
      return Promise.resolve(FILES[name]);
    },
    skip,
    maxFiles: 50,
  });

  it('reads the files an opened file imports (through a barrel, sources over compiled output) and resolves the client', async () => {
    const doc = await analyzer.openDocument('src/routes/users.ts', FILES['src/routes/users.ts']);
    assert.deepEqual(severities(doc.analyze().findings), ['no-keys:info@likely'], 'alone, the imported client is only a likely one');
    const reads: string[] = [];
    const analysed = await indexImportClosure(analyzer, 'src/routes/users.ts', doc.text, new SourceFiles(Object.keys(FILES)), options(reads));
    assert.deepEqual(analysed, ['src/lib/redis.ts', 'src/lib/index.ts'], 'dependencies first');
    assert.deepEqual(reads.sort(), ['src/lib/index.ts', 'src/lib/redis.ts']);
    assert.deepEqual(severities(doc.analyze().findings), ['no-keys:warning@certain']);
    // Already indexed: a second opened file reads nothing again.
    const again: string[] = [];
    await indexImportClosure(analyzer, 'src/routes/alias.ts', FILES['src/routes/alias.ts'], new SourceFiles(Object.keys(FILES)), options(again));
    assert.deepEqual(again, []);
    const alias = await analyzer.openDocument('src/routes/alias.ts', FILES['src/routes/alias.ts']);
    assert.deepEqual(severities(alias.analyze().findings), ['no-keys:warning@certain'], 'a path alias resolves the same way');
    doc.dispose();
    alias.dispose();
  });

  it('leaves skipped (open) files to their own analysis and stops at maxFiles', async () => {
    const reads: string[] = [];
    await indexImportClosure(analyzer, 'src/routes/users.ts', FILES['src/routes/users.ts'], new SourceFiles(Object.keys(FILES)), options(reads, (n) => n === 'src/lib/index.ts'));
    assert.deepEqual(reads, [], 'the barrel is open: nothing behind it is read from here');
    const bounded: string[] = [];
    await indexImportClosure(analyzer, 'src/routes/users.ts', FILES['src/routes/users.ts'], new SourceFiles(Object.keys(FILES)), { ...options(bounded), maxFiles: 1 });
    assert.deepEqual(bounded, ['src/lib/index.ts']);
  });
});
