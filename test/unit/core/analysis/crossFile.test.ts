import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { lint, tempWorkspace } from '../../lint/cliHarness';
import { Analyzer, type AnalysisResult, type ProjectFile, analyzeFiles, wasmLocationFromNodeModules } from '../../../../src/core/analysis';

const FILES: Record<string, string> = {
  'src/db/redis.ts': `import Redis from 'ioredis';\nexport const redis = new Redis();\nexport function getRedis() {\n  return redis;\n}\nconst fallback = new Redis();\nexport default fallback;\n`,
  'src/db/index.ts': `export * from './redis';\nexport { default as client } from './redis';\n`,
  'src/jobs/cleanup.ts': [
    `import { redis, getRedis } from '../db/redis';`,
    `import { client } from '../db';`,
    `import * as db from '../db';`,
    `export const a = () => redis.keys('*');`,
    `export const b = () => getRedis().keys('*');`,
    `export const c = () => client.keys('*');`,
    `export const d = () => db.redis.keys('*');`,
    '',
  ].join('\n'),
  'lib/legacy.js': `const { redis } = require('../src/db/redis');\nconst store = require('./store');\nexports.all = () => redis.keys('*');\nexports.viaStore = () => store.client.keys('*');\n`,
  'lib/store.js': `const { createClient } = require('redis');\nconst client = createClient();\nclient.on('error', () => undefined);\nmodule.exports = { client };\n`,
};

const summary = (r: AnalysisResult | undefined): string[] => (r?.findings ?? []).map((f) => `${f.range.start.line + 1}:${f.ruleId}@${f.confidence}`);

describe('clients imported from other files of the project', () => {
  let analyzer: Analyzer;
  beforeEach(() => {
    analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() });
  });
  afterEach(() => analyzer.dispose());

  it('resolves exports, getters, re-exports, barrels and CommonJS requires, dependencies first', async () => {
    // Listed dependents-first on purpose: analyzeFiles analyses the imported files before.
    const files: ProjectFile[] = ['src/jobs/cleanup.ts', 'lib/legacy.js', 'src/db/index.ts', 'src/db/redis.ts', 'lib/store.js'].map((name) => ({ name, read: () => Promise.resolve(FILES[name]) }));
    const results = new Map<string, AnalysisResult>();
    await analyzeFiles(analyzer, files, (file, result) => results.set(file.name, result));
    assert.deepEqual(summary(results.get('src/jobs/cleanup.ts')), ['4:no-keys@certain', '5:no-keys@certain', '6:no-keys@certain', '7:no-keys@certain']);
    assert.deepEqual(summary(results.get('lib/legacy.js')), ['3:no-keys@certain', '4:no-keys@certain']);
  });

  it('re-resolves an open document when an imported file’s exports change (the edit re-indexes that file only)', async () => {
    const user = await analyzer.openDocument('src/jobs/cleanup.ts', FILES['src/jobs/cleanup.ts']);
    const source = await analyzer.openDocument('src/db/redis.ts', `export const redis = { keys: (p: string) => [p] };\nexport function getRedis() {\n  return redis;\n}\n`);
    try {
      source.analyze();
      // Not a client yet: only the KEYS pattern makes these "likely".
      assert.deepEqual(summary(user.analyze()).slice(0, 2), ['4:no-keys@likely', '5:no-keys@likely']);
      // The file now exports a real client: only it is re-read, and the importer picks it up.
      source.setText(FILES['src/db/redis.ts']);
      source.analyze();
      assert.deepEqual(summary(user.analyze()).slice(0, 2), ['4:no-keys@certain', '5:no-keys@certain']);
    } finally {
      user.dispose();
      source.dispose();
    }
  });

  it('the CLI linter resolves across the files it is given, and keeps its output order', async () => {
    const dir = tempWorkspace(FILES);
    try {
      const { code, stdout } = await lint(dir, 'lint', '--format', 'json', '.');
      const findings = JSON.parse(stdout) as Array<{ file: string; line: number; rule: string; severity: string }>;
      assert.equal(code, 0);
      const cleanup = findings.filter((f) => f.file === 'src/jobs/cleanup.ts').map((f) => `${f.line}:${f.rule}:${f.severity}`);
      assert.deepEqual(cleanup, ['4:no-keys:warning', '5:no-keys:warning', '6:no-keys:warning', '7:no-keys:warning']);
      const files = findings.map((f) => f.file);
      assert.deepEqual(files, [...files].sort(), 'findings stay in path order');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('follows a class of another file to the client its field holds, and re-resolves when that class changes', async () => {
    const connection = await analyzer.openDocument(
      'src/connection.ts',
      `import Redis from 'ioredis';\nexport class Connection {\n  redis;\n  constructor() {\n    this.redis = new Redis();\n  }\n}\n`,
    );
    const sessions = await analyzer.openDocument(
      'src/sessions.ts',
      `import type { Connection } from './connection';\nexport class Sessions {\n  constructor(private readonly connection: Connection) {}\n  save(id: string, data: string) {\n    return this.connection.redis.set(id, data);\n  }\n}\n`,
    );
    try {
      connection.analyze();
      assert.deepEqual(summary(sessions.analyze()), ['5:set-without-ttl@certain']);
      // The field no longer holds a client: only the receiver's name keeps the finding, at the likely tier.
      const at = connection.text.indexOf('new Redis()');
      connection.applyEdit({ offset: at, length: 'new Redis()'.length, text: 'new Map()' });
      connection.analyze();
      assert.deepEqual(summary(sessions.analyze()), ['5:set-without-ttl@likely']);
    } finally {
      connection.dispose();
      sessions.dispose();
    }
  });

  it('an edit to a class re-reads the statements of the same file that resolved its members', async () => {
    const text = `import Redis from 'ioredis';\nclass Connection {\n  redis;\n  constructor() {\n    this.redis = new Redis();\n  }\n}\nconst connection = new Connection();\nexport function save(id: string, data: string) {\n  return connection.redis.set(id, data);\n}\n`;
    const doc = await analyzer.openDocument('src/store.ts', text);
    try {
      assert.deepEqual(summary(doc.analyze()), ['10:set-without-ttl@certain']);
      const at = doc.text.indexOf('new Redis()');
      doc.applyEdit({ offset: at, length: 'new Redis()'.length, text: 'new Map()' });
      const edited = doc.analyze();
      assert.deepEqual(summary(edited), ['10:set-without-ttl@likely']);
      assert.deepEqual(summary(doc.reanalyzeFromScratch()), summary(edited));
      doc.applyEdit({ offset: at, length: 'new Map()'.length, text: 'new Redis()' });
      assert.deepEqual(summary(doc.analyze()), ['10:set-without-ttl@certain']);
    } finally {
      doc.dispose();
    }
  });

  it('in the editor, a client exported without a listener is not reported once the file that listens on it was analysed', async () => {
    const creator = `import { createClient } from 'redis';\nexport const client = createClient();\n`;
    const listener = `import { client } from './redis';\nclient.on('error', console.error);\n`;
    const alone = await analyzer.analyzeText('src/redis.ts', creator);
    assert.deepEqual(summary(alone), ['2:missing-error-listener@certain'], 'nothing listens yet');
    await analyzer.analyzeText('src/main.ts', listener);
    const doc = await analyzer.openDocument('src/redis.ts', creator);
    try {
      assert.deepEqual(summary(doc.analyze()), [], 'src/main.ts listens on it');
    } finally {
      doc.dispose();
    }
    // The listener removed: the next analysis of the importer says so.
    await analyzer.analyzeText('src/main.ts', `import { client } from './redis';\nexport const c = client;\n`);
    assert.deepEqual(summary(await analyzer.analyzeText('src/redis.ts', creator)), ['2:missing-error-listener@certain']);
  });
});
