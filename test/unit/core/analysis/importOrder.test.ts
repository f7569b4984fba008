// eachInImportOrder (the CLI linter's loop): every file once, after the files it imports, each read once.
import assert from 'node:assert/strict';
import { eachInImportOrder, inImportOrder } from '../../../../src/core/analysis';

const FILES: Record<string, string> = {
  'src/app.ts': `import { redis } from './db';\nimport { keys } from './keys/index';\nexport const x = 1;`,
  'src/db.ts': `import Redis from 'ioredis';\nimport { keys } from './keys';\nexport const redis = new Redis();`,
  'src/keys/index.ts': `export const keys = { user: (id: string) => \`user:\${id}\` };`,
  'src/cycleA.ts': `import { b } from './cycleB';\nexport const a = 1;`,
  'src/cycleB.ts': `const { a } = require('./cycleA');\nexport const b = 2;`,
  'src/alone.js': `module.exports = 3;`,
};

describe('eachInImportOrder', () => {
  it('handles each file once, after the files it imports, reading each once and handing that read on', async () => {
    const names = Object.keys(FILES);
    const reads = new Map<string, number>();
    const handled: string[] = [];
    await eachInImportOrder(
      names,
      (name) => name,
      (name) => {
        reads.set(name, (reads.get(name) ?? 0) + 1);
        return { name, text: FILES[name] };
      },
      (source) => source.text,
      (name, source) => {
        assert.equal(source.name, name);
        handled.push(name);
        return Promise.resolve();
      },
    );
    assert.deepEqual([...handled].sort(), [...names].sort());
    for (const name of names) assert.equal(reads.get(name), 1, `${name} read once`);
    const before = (a: string, b: string): boolean => handled.indexOf(a) < handled.indexOf(b);
    assert.ok(before('src/db.ts', 'src/app.ts') && before('src/keys/index.ts', 'src/db.ts'));
    // The same order as inImportOrder gives (the editor's and the patterns CLI's loop).
    assert.deepEqual(handled, await inImportOrder(names, (n) => n, (n) => Promise.resolve(FILES[n])));
  });
});
