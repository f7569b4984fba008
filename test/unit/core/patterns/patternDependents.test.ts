import * as assert from 'node:assert/strict';
import { Analyzer, inImportOrder, wasmLocationFromNodeModules } from '../../../../src/core/analysis';
import { ImportersIndex, reindexImporters } from '../../../../src/core/patterns/patternDependents';
import { PatternIndex } from '../../../../src/core/patterns/patternIndex';

/** A workspace as the editor indexes it: files analysed once in import order, then one file re-indexed after an edit. */
class Workspace {
  readonly index = new PatternIndex();
  readonly importers = new ImportersIndex();
  readonly analyzed: string[] = [];
  constructor(
    readonly files: Map<string, string>,
    private readonly analyzer: Analyzer,
  ) {}

  async indexAll(): Promise<void> {
    const names = await inImportOrder([...this.files.keys()], (n) => n, (n) => Promise.resolve(this.files.get(n) ?? ''));
    for (const name of names) await this.reindex(name);
    this.analyzed.length = 0;
  }

  async reindex(name: string): Promise<{ exportsChanged?: boolean }> {
    const text = this.files.get(name) ?? '';
    const result = await this.analyzer.analyzeText(name, text);
    this.analyzed.push(name);
    this.index.setFile(name, result.keySites ?? []);
    this.importers.setFile(name, text);
    return result;
  }

  /** What the editor does after an edit: the file, then its importers as far as exports changed. */
  async edit(name: string, text: string): Promise<string[]> {
    this.files.set(name, text);
    const result = await this.reindex(name);
    return result.exportsChanged ? reindexImporters(name, this.importers, (file) => this.reindex(file)) : [];
  }

  patterns(): string[] {
    return this.index.patterns().map((p) => `${p.pattern} @ ${p.sites.map((s) => s.file).join(',')}`);
  }
}

const KEYS = [`export const PREFIX = 'shop:';`, "export const sessionKey = (id: string) => `${PREFIX}session:${id}`;", "export const cartKey = (id: string) => `cart:${id}`;"].join('\n');

describe('key patterns: an edited helper file re-indexes the files importing it', () => {
  let analyzer: Analyzer;
  beforeEach(() => (analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules() })));
  afterEach(() => analyzer.dispose());

  function workspace(): Workspace {
    return new Workspace(
      new Map([
        ['src/keys.ts', KEYS],
        ['src/barrel.ts', `export * from './keys';\n`],
        // ioredis through the barrel, node-redis straight from the helper file.
        ['src/app.ts', [`import Redis from 'ioredis';`, `import { sessionKey } from './barrel';`, `const redis = new Redis();`, `export const f = (id: string) => redis.get(sessionKey(id));`].join('\n')],
        [
          'src/cart.ts',
          [`import { createClient } from 'redis';`, `import { cartKey } from './keys';`, `const client = createClient();`, `client.on('error', () => undefined);`, `export const g = (id: string) => client.hGetAll(cartKey(id));`].join('\n'),
        ],
        ['src/unrelated.ts', [`import { Redis } from '@upstash/redis';`, `const redis = Redis.fromEnv();`, "export const h = (id: string) => redis.get(`other:${id}`);"].join('\n')],
      ]),
      analyzer,
    );
  }

  it('renaming a key in the helper file updates the patterns of direct importers and of importers through a barrel', async () => {
    const ws = workspace();
    await ws.indexAll();
    assert.deepEqual(ws.patterns(), ['cart:{id} @ src/cart.ts', 'other:{id} @ src/unrelated.ts', 'shop:session:{id} @ src/app.ts']);
    const reindexed = await ws.edit('src/keys.ts', KEYS.replace("'shop:'", "'store:'").replace('cart:', 'basket:'));
    assert.deepEqual(reindexed, ['src/barrel.ts', 'src/cart.ts', 'src/app.ts']);
    assert.deepEqual(ws.patterns(), ['basket:{id} @ src/cart.ts', 'other:{id} @ src/unrelated.ts', 'store:session:{id} @ src/app.ts']);
  });

  it('an edit that leaves the exports as they were re-indexes nothing else', async () => {
    const ws = workspace();
    await ws.indexAll();
    assert.deepEqual(await ws.edit('src/keys.ts', `${KEYS}\n// a comment\nconst unused = 1;\n`), []);
    assert.deepEqual(ws.analyzed, ['src/keys.ts']);
  });

  it('an importer whose own exports do not change is not followed further (its importers stay as they are)', async () => {
    const ws = workspace();
    // `run` reads a key of its own, not one its callers give: no key wrapper, so app.ts exports nothing that changes.
    ws.files.set('src/app.ts', [`import Redis from 'ioredis';`, `import { sessionKey } from './barrel';`, `const redis = new Redis();`, `export const run = () => redis.get(sessionKey('current'));`].join('\n'));
    ws.files.set('src/api.ts', `import { run } from './app';\nexport const api = run;\n`);
    await ws.indexAll();
    const reindexed = await ws.edit('src/keys.ts', KEYS.replace("'shop:'", "'store:'"));
    assert.ok(!reindexed.includes('src/api.ts'), reindexed.join(','));
    assert.ok(reindexed.includes('src/app.ts'));
  });
});
