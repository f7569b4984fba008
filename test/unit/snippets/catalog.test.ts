import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { PATTERNS, SNIPPET_CLIENTS, defaultText, findPattern, snippetName } from '../../../src/core/snippets/catalog';
import { findSnippet, minRedisComment, parseSnippetFile, SNIPPET_SCOPE } from '../../../src/core/snippets/snippetFile';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  checkGuideSections,
  generateSnippetFileText,
  orphanTemplates,
  PATTERNS_DOC,
  readGuide,
  README,
  renderPatternsDoc,
  renderReadme,
  SNIPPET_FILE,
} from '../../../scripts/build-snippets';

/** Every unescaped `$` must start `$N`, `${N:text}` without nesting, or `${N|a,b|}`; anything else (variables, nesting) is listed. */
function unsupportedSnippetSyntax(body: string): string[] {
  const allowed = /^\$(?:\d+|\{\d+:[^$}]*\}|\{\d+\|[^$}|]*(?:,[^$}|]*)*\|\})/;
  const bad: string[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') i++;
    else if (body[i] === '$' && !allowed.test(body.slice(i))) bad.push(body.slice(i, i + 20));
  }
  return bad;
}

describe('pattern catalogue', () => {
  it('has at least 22 patterns with unique ids, prefixes and names, each naming its minimum Redis version', () => {
    assert.ok(PATTERNS.length >= 22, `${PATTERNS.length} patterns`);
    const ids = PATTERNS.map((pattern) => pattern.id);
    assert.equal(new Set(ids).size, ids.length);
    const prefixes = PATTERNS.flatMap((pattern) => SNIPPET_CLIENTS.map((client) => pattern.prefixes[client]));
    assert.equal(new Set(prefixes).size, prefixes.length);
    const names = PATTERNS.flatMap((pattern) => SNIPPET_CLIENTS.map((client) => snippetName(pattern, client)));
    assert.equal(new Set(names).size, names.length);
    for (const pattern of PATTERNS) {
      assert.equal(pattern.prefixes.ioredis, `redis-${pattern.id}-ioredis`);
      assert.equal(pattern.prefixes['node-redis'], `redis-${pattern.id}-node-redis`);
      assert.equal(pattern.prefixes['node-redis-v4'], `redis-${pattern.id}-node-redis-v4`);
      assert.match(pattern.minRedis, /^\d+\.\d+(\.\d+)? \(.+\)$/, `${pattern.id}: "version (the command that needs it)"`);
      for (const text of [pattern.title, pattern.description, pattern.guarantees, pattern.whenToUse]) {
        assert.ok(text.length > 0 && !text.includes('\n'), `${pattern.id}: one-line texts`);
      }
      assert.ok(pattern.description.length <= 120, `${pattern.id}: description fits the snippet picker`);
      assert.doesNotMatch(pattern.description, /`/, `${pattern.id}: the picker shows descriptions as plain text`);
    }
    assert.equal(findPattern('lock')?.title, 'Distributed lock');
    assert.equal(findPattern('nope'), undefined);
  });

  it('the committed snippet file and docs/patterns.md equal the generator output (run npx tsx scripts/build-snippets.ts)', () => {
    assert.equal(fs.readFileSync(SNIPPET_FILE, 'utf8'), generateSnippetFileText());
    assert.equal(fs.readFileSync(PATTERNS_DOC, 'utf8'), renderPatternsDoc());
    const readme = fs.readFileSync(README, 'utf8');
    assert.equal(readme, renderReadme(readme), 'the README pattern table is current');
    assert.deepEqual(orphanTemplates(), []);
  });

  it('every pattern has a guide with the sections a specialist explains, and docs/patterns.md carries them', () => {
    const doc = fs.readFileSync(PATTERNS_DOC, 'utf8');
    for (const pattern of PATTERNS) {
      const guide = readGuide(pattern);
      assert.ok(doc.includes(guide), `${pattern.id}: guide in docs/patterns.md`);
      for (const section of guide.split(/^### .*$/m).slice(1)) assert.ok(section.trim().length > 40, `${pattern.id}: every section says something`);
    }
  });

  it('a guide without the required sections is refused with a one-sentence reason', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guide-'));
    try {
      const file = path.join(dir, 'x.md');
      fs.writeFileSync(file, '### When to use\ntext\n### Alternatives\ntext\n');
      assert.throws(() => checkGuideSections(file, fs.readFileSync(file, 'utf8')), /must have the sections "### When to use", "### Data structure and why"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every catalogue entry ships one snippet per client, scoped to TS/JS, with a default text free of tab stops', () => {
    const file = parseSnippetFile(fs.readFileSync(SNIPPET_FILE, 'utf8'));
    assert.equal(Object.keys(file).length, PATTERNS.length * SNIPPET_CLIENTS.length);
    for (const pattern of PATTERNS) {
      for (const client of SNIPPET_CLIENTS) {
        const snippet = findSnippet(file, pattern, client);
        assert.equal(snippet.scope, SNIPPET_SCOPE);
        assert.equal(snippet.description, pattern.description);
        const text = defaultText(snippet.body);
        assert.equal(text.split('\n')[0], minRedisComment(pattern), `${pattern.id}.${client}: states its minimum Redis version first`);
        assert.doesNotMatch(text, /\$\{?\d/, `${pattern.id}.${client}: no tab stop left`);
        assert.deepEqual(unsupportedSnippetSyntax(snippet.body.join('\n')), [], `${pattern.id}.${client}: tab stops, flat placeholders and choices only`);
        assert.match(text, client === 'ioredis' ? /from 'ioredis'/ : /from 'redis'/);
        assert.doesNotMatch(text, /(?<!Object)\.keys\(|['"]KEYS['"]/i, `${pattern.id}.${client}: never KEYS`);
      }
    }
  });
});

describe('snippet file parsing', () => {
  it('rejects files that are not VS Code snippet objects, and names a missing prefix', () => {
    assert.throws(() => parseSnippetFile('[]'), /JSON object of snippets/);
    assert.throws(() => parseSnippetFile('{"x": {"body": []}}'), /snippet "x" needs a string prefix/);
    assert.throws(() => parseSnippetFile('{"x": {"prefix": "p", "body": [1]}}'), /body of strings/);
    const [lock] = PATTERNS;
    assert.throws(() => findSnippet(parseSnippetFile('{}'), lock, 'ioredis'), /no snippet with prefix "redis-lock-ioredis"/);
  });
});
