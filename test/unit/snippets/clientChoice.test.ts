import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectClientVersions } from '../../../src/core/analysis/detectClientVersions';
import { snippetClientsFor } from '../../../src/core/snippets/clientChoice';

describe('snippet variant for a workspace', () => {
  it('maps the installed client and node-redis major to the snippet variant', () => {
    assert.deepEqual(snippetClientsFor({ ioredisMajor: 5, nodeRedisMajor: null }), ['ioredis']);
    assert.deepEqual(snippetClientsFor({ ioredisMajor: null, nodeRedisMajor: 5 }), ['node-redis']);
    assert.deepEqual(snippetClientsFor({ ioredisMajor: null, nodeRedisMajor: 4 }), ['node-redis-v4']);
    assert.deepEqual(snippetClientsFor({ ioredisMajor: 5, nodeRedisMajor: 4 }), ['ioredis', 'node-redis-v4']);
    assert.deepEqual(snippetClientsFor({ ioredisMajor: null, nodeRedisMajor: null }), []);
  });

  it('a workspace whose lockfile pins redis 4 gets the v4 variant, one on redis 5 the v5 variant', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snippet-client-'));
    try {
      const lock = (version: string) =>
        JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { redis: '*' } }, 'node_modules/redis': { version } } });
      fs.writeFileSync(path.join(dir, 'package-lock.json'), lock('4.7.1'));
      assert.deepEqual(snippetClientsFor(await detectClientVersions(dir)), ['node-redis-v4']);
      fs.writeFileSync(path.join(dir, 'package-lock.json'), lock('5.8.2'));
      assert.deepEqual(snippetClientsFor(await detectClientVersions(dir)), ['node-redis']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
