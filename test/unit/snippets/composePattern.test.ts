import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { wasmLocationFromNodeModules } from '../../../src/core/analysis';
import { defaultText, findPattern, type SnippetClient } from '../../../src/core/snippets/catalog';
import { PatternComposer } from '../../../src/core/snippets/composition/patternComposer';
import { findSnippet, parseSnippetFile } from '../../../src/core/snippets/snippetFile';
import { expandDefaults } from '../../../src/core/snippets/snippetSyntax';
import { SNIPPET_FILE } from '../../../scripts/build-snippets';

const snippets = parseSnippetFile(fs.readFileSync(SNIPPET_FILE, 'utf8'));

function body(id: string, client: SnippetClient): string {
  const pattern = findPattern(id);
  assert.ok(pattern, id);
  return findSnippet(snippets, pattern, client).body.join('\n');
}

/** Top-level declaration lines (`class X`, `const X =`, …) and import bindings, to spot anything declared twice. */
function declaredTwice(text: string): string[] {
  const names = [...text.matchAll(/^(?:export )?(?:declare )?(?:abstract )?(?:const|let|var|function|class|interface|type|enum) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
  for (const match of text.matchAll(/^import (?:type )?(.*) from /gm)) {
    names.push(...match[1].replace(/[{}]/g, '').split(',').map((part) => part.trim().split(/\s+as\s+/).pop()?.replace(/^type /, '').replace(/^\* as /, '') ?? ''));
  }
  const seen = new Set<string>();
  return names.filter((name) => name !== '' && (seen.has(name) || !seen.add(name)));
}

/** What the editor ends up with: the file, the imports at their line, the body (defaults taken) at the end. */
function apply(file: string, composed: Awaited<ReturnType<PatternComposer['compose']>>): string {
  const lines = file.split('\n');
  if (composed.imports) lines.splice(composed.imports.line, 0, ...composed.imports.text.replace(/\n$/, '').split('\n'));
  return `${lines.join('\n')}\n${expandDefaults(composed.body)}\n`;
}

describe('composing a pattern into a file that has code', () => {
  let composer: PatternComposer;
  before(() => {
    composer = new PatternComposer(wasmLocationFromNodeModules());
  });
  after(() => composer.dispose());

  for (const client of ['ioredis', 'node-redis', 'node-redis-v4'] as const) {
    it(`${client}: a second pattern reuses the shared helpers and imports instead of declaring them twice`, async () => {
      const first = defaultText(body('lock', client));
      assert.deepEqual(declaredTwice(`${first}\n${defaultText(body('cache-warming', client))}`).length > 0, true, 'naive concatenation clashes');
      const composed = await composer.compose(first, 'typescript', body('cache-warming', client));
      assert.deepEqual(composed.clashes, []);
      assert.ok(composed.reused.includes('RELEASE_LOCK_LUA') && composed.reused.includes('EXTEND_LOCK_LUA'), composed.reused.join(', '));
      if (client !== 'ioredis') assert.ok(composed.reused.includes('LuaScript') && composed.reused.includes('RedisClient'));
      const merged = apply(first, composed);
      assert.deepEqual(declaredTwice(merged), []);
      assert.match(merged, /export class CacheWarmer/);
      assert.match(composed.body, /\$\{\d+:/, 'the inserted body keeps its tab stops');
      assert.doesNotMatch(composed.body, /^import /m);
    });
  }

  it('adds only the missing bindings of an import the file already has, after its last import', async () => {
    const file = "import { randomBytes } from 'node:crypto';\nimport type { createClient } from 'redis';\n\nconst x = randomBytes(1);\nexport { x };\n";
    const composed = await composer.compose(file, 'typescript', body('lock', 'node-redis'));
    assert.deepEqual(composed.imports, { line: 2, text: "import { createHash } from 'node:crypto';\nimport { setTimeout as sleep } from 'node:timers/promises';\n" });
    assert.deepEqual(composed.clashes, []);
  });

  it('reports a name the file binds differently as a clash', async () => {
    const file = "const LOCK_TTL_MS = 5;\nexport class RedisLock {}\nimport { sleep } from './util';\n";
    const composed = await composer.compose(file, 'typescript', body('lock', 'ioredis'));
    assert.deepEqual([...composed.clashes].sort(), ['LOCK_TTL_MS', 'RedisLock', 'sleep']);
  });

  it('into an empty file, inserts the whole snippet but its imports, which go to the top', async () => {
    const composed = await composer.compose('', 'typescript', body('semaphore', 'ioredis'));
    assert.equal(composed.imports?.line, 0);
    const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter((line) => line !== '').sort();
    assert.deepEqual(lines(`${composed.imports?.text ?? ''}${expandDefaults(composed.body)}`), lines(defaultText(body('semaphore', 'ioredis'))));
  });
});
