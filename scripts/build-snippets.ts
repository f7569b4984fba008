// Compiles snippets/src/<pattern>.<client>.ts templates into snippets/redis-patterns.code-snippets.
//   npx tsx scripts/build-snippets.ts          write the file
//   npx tsx scripts/build-snippets.ts --check  exit 1 when the committed file differs from the templates
// A template line `// #include <name>` is replaced by snippets/src/_fragments/<name>.ts, so helpers that every
// snippet of a client needs (e.g. the node-redis EVALSHA runner) are written once here but stay self-contained
// in what users insert.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PATTERNS, SNIPPET_CLIENTS, type PatternEntry, type SnippetClient } from '../src/core/snippets/catalog';
import { buildSnippetFile, serializeSnippetFile } from '../src/core/snippets/snippetFile';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const TEMPLATE_DIR = path.join(REPO_ROOT, 'snippets', 'src');
export const FRAGMENT_DIR = path.join(TEMPLATE_DIR, '_fragments');
export const SNIPPET_FILE = path.join(REPO_ROOT, 'snippets', 'redis-patterns.code-snippets');

const INCLUDE_LINE = /^\/\/ #include ([\w.-]+)\n/gm;

export function templatePath(pattern: PatternEntry, client: SnippetClient): string {
  return path.join(TEMPLATE_DIR, `${pattern.id}.${client}.ts`);
}

/** A template with its `// #include` lines expanded (one level: fragments do not include others). */
export function readTemplate(pattern: PatternEntry, client: SnippetClient): string {
  const file = templatePath(pattern, client);
  if (!fs.existsSync(file)) throw new Error(`missing template ${path.relative(REPO_ROOT, file)} for pattern "${pattern.id}"`);
  return fs.readFileSync(file, 'utf8').replace(INCLUDE_LINE, (_line, name: string) => {
    const fragment = path.join(FRAGMENT_DIR, `${name}.ts`);
    if (!fs.existsSync(fragment)) throw new Error(`${path.relative(REPO_ROOT, file)} includes unknown fragment "${name}"`);
    return fs.readFileSync(fragment, 'utf8');
  });
}

/** Template files that no catalogue entry claims: a snippet without a catalogue entry would ship without a proof. */
export function orphanTemplates(): string[] {
  const expected = new Set(PATTERNS.flatMap((pattern) => SNIPPET_CLIENTS.map((client) => path.basename(templatePath(pattern, client)))));
  return fs
    .readdirSync(TEMPLATE_DIR)
    .filter((name) => name.endsWith('.ts') && !expected.has(name));
}

export function generateSnippetFileText(): string {
  const orphans = orphanTemplates();
  if (orphans.length > 0) throw new Error(`templates without a catalogue entry (src/core/snippets/catalog.ts): ${orphans.join(', ')}`);
  return serializeSnippetFile(buildSnippetFile(readTemplate));
}

function main(): void {
  const text = generateSnippetFileText();
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(SNIPPET_FILE) ? fs.readFileSync(SNIPPET_FILE, 'utf8') : '';
    if (committed !== text) {
      console.error(`${path.relative(REPO_ROOT, SNIPPET_FILE)} is out of date: run npx tsx scripts/build-snippets.ts`);
      process.exitCode = 1;
    }
    return;
  }
  fs.writeFileSync(SNIPPET_FILE, text);
  console.log(`wrote ${path.relative(REPO_ROOT, SNIPPET_FILE)} (${Object.keys(JSON.parse(text) as object).length} snippets)`);
}

if (require.main === module) main();
