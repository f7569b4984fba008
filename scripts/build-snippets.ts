// Compiles snippets/src/<pattern>.<client>.ts templates into snippets/redis-patterns.code-snippets, and the
// catalogue into docs/patterns.md (the README's pattern section), so neither can drift from the source.
//   npx tsx scripts/build-snippets.ts          write both files
//   npx tsx scripts/build-snippets.ts --check  exit 1 when a committed file differs from what would be written
// A template line `// #include <name>` is replaced by snippets/src/_fragments/<name>.ts, so helpers that every
// snippet of a client needs (e.g. the node-redis EVALSHA runner) are written once here but stay self-contained
// in what users insert.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLIENT_LABELS, PATTERNS, SNIPPET_CLIENTS, type PatternEntry, type SnippetClient } from '../src/core/snippets/catalog';
import { buildSnippetFile, serializeSnippetFile } from '../src/core/snippets/snippetFile';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const TEMPLATE_DIR = path.join(REPO_ROOT, 'snippets', 'src');
export const FRAGMENT_DIR = path.join(TEMPLATE_DIR, '_fragments');
export const SNIPPET_FILE = path.join(REPO_ROOT, 'snippets', 'redis-patterns.code-snippets');
export const PATTERNS_DOC = path.join(REPO_ROOT, 'docs', 'patterns.md');

const INCLUDE_LINE = /^\/\/ #include ([\w.-]+)\n/gm;

/**
 * snippets/src/<id>.<client>.ts. A node-redis v4 snippet whose code is the same as v5's has no file of its own: it
 * is built from the v5 template, and the tests type-check and run it against the real v4 client.
 */
export function templatePath(pattern: PatternEntry, client: SnippetClient): string {
  const own = path.join(TEMPLATE_DIR, `${pattern.id}.${client}.ts`);
  if (client === 'node-redis-v4' && !fs.existsSync(own)) return templatePath(pattern, 'node-redis');
  return own;
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
  const expected = new Set(PATTERNS.flatMap((pattern) => SNIPPET_CLIENTS.map((client) => `${pattern.id}.${client}.ts`)));
  return fs
    .readdirSync(TEMPLATE_DIR)
    .filter((name) => name.endsWith('.ts') && !expected.has(name));
}

export function generateSnippetFileText(): string {
  const orphans = orphanTemplates();
  if (orphans.length > 0) throw new Error(`templates without a catalogue entry (src/core/snippets/catalog.ts): ${orphans.join(', ')}`);
  return serializeSnippetFile(buildSnippetFile(readTemplate));
}

export const GUIDE_DIR = path.join(REPO_ROOT, 'snippets', 'guides');

/** The sections every pattern guide (snippets/guides/<id>.md) has, in this order: how a specialist explains a design. */
export const GUIDE_SECTIONS = ['When to use', 'Data structure and why', 'Guarantees and limits', 'Keys and TTLs', 'Monitoring', 'Alternatives'] as const;

const DOC_INTRO = `# Redis pattern snippets

Type \`redis-\` in a TypeScript or JavaScript file, or run **Redis: Insert Pattern…**, to insert a complete,
typed implementation of a Redis pattern, not a single command. Each pattern comes for ioredis (\`-ioredis\`),
node-redis v5 (\`-node-redis\`) and node-redis v4 (\`-node-redis-v4\`); **Insert Pattern…** picks the one that
matches the client and version your workspace installs. Press Tab to walk through the key prefix, TTLs and limits.

Every snippet is proven by the extension's tests on a real redis-server: the inserted code type-checks strictly
against the client's own type definitions (node-redis 4 and 5 both), our analyzer reports nothing in it, and the
guarantee below holds with many concurrent connections (and with killed consumers for the queue and stream
patterns; on a real Cluster for the sharded counter).

- Lua scripts are declared once per helper: ioredis \`defineCommand\`; node-redis runs EVALSHA with a SHA computed
  locally and falls back to EVAL after NOSCRIPT (a restart or failover empties the script cache).
- Everything a snippet creates expires, except data meant to live (leaderboards, queues, streams, counters).
- Keys that one command or script touches together share a \`{hash tag}\`, so every pattern works on Redis Cluster.
- Blocking reads (BLMOVE, XREADGROUP … BLOCK) run on a dedicated connection the helper duplicates from yours, so
  your connection stays free for other commands; call the helper's \`close()\` when the worker stops.
- Each pattern names the oldest Redis it runs on (the command that needs it) in the table below.
- Patterns compose: **Insert Pattern…**, and the \`redis-…\` completion items marked *merged into this file*, add only
  the imports a file lacks, reuse helpers it already declares identically (the EVALSHA runner, a shared Lua script,
  the client type) and pass your client in, so a second pattern never declares anything twice; when a name is
  already declared differently, they offer a new file instead.
`;

/** A guide's text, checked to have exactly the sections of GUIDE_SECTIONS (as ### headings, in order). */
export function readGuide(pattern: PatternEntry): string {
  const file = path.join(GUIDE_DIR, `${pattern.id}.md`);
  if (!fs.existsSync(file)) throw new Error(`missing guide ${path.relative(REPO_ROOT, file)} for pattern "${pattern.id}"`);
  return checkGuideSections(file, fs.readFileSync(file, 'utf8'));
}

/** The guide's text when its headings are exactly `### <section>` for GUIDE_SECTIONS, in order. */
export function checkGuideSections(file: string, text: string): string {
  const headings = [...text.matchAll(/^#+ .*$/gm)].map((match) => match[0]);
  if (headings.join('|') !== GUIDE_SECTIONS.map((section) => `### ${section}`).join('|')) {
    throw new Error(`${path.relative(REPO_ROOT, file)} must have the sections ${GUIDE_SECTIONS.map((s) => `"### ${s}"`).join(', ')} in this order, and no other headings`);
  }
  return text.trim();
}

/** docs/patterns.md: a prefix table, then every pattern with its guarantee and its guide. */
export function renderPatternsDoc(): string {
  const clients = SNIPPET_CLIENTS.map((client) => CLIENT_LABELS[client]);
  const lines = [DOC_INTRO, `| Pattern | Redis | ${clients.join(' | ')} |`, `|---|---|${clients.map(() => '---').join('|')}|`];
  for (const pattern of PATTERNS) {
    lines.push(`| [${pattern.title}](#${anchor(pattern.title)}) | ${pattern.minRedis} | ${SNIPPET_CLIENTS.map((client) => `\`${pattern.prefixes[client]}\``).join(' | ')} |`);
  }
  for (const pattern of PATTERNS) {
    lines.push('', `## ${pattern.title}`, '', pattern.description, '');
    lines.push(`- **Prefixes:** ${SNIPPET_CLIENTS.map((client) => `\`${pattern.prefixes[client]}\``).join(', ')}`);
    lines.push(`- **Needs:** Redis ${pattern.minRedis}`);
    lines.push(`- **Proven guarantee:** ${pattern.guarantees}`);
    lines.push('', readGuide(pattern));
  }
  return `${lines.join('\n')}\n`;
}

export const README = path.join(REPO_ROOT, 'README.md');
const README_START = '<!-- patterns:start (generated by scripts/build-snippets.ts) -->';
const README_END = '<!-- patterns:end -->';

/** The README's pattern table (prefix, guarantee, when to use), between markers in the README's own text. */
export function renderReadme(readme: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${README_START} … ${README_END}`);
  const rows = PATTERNS.map(
    (p) => `| [${p.title}](docs/patterns.md#${anchor(p.title)}) | \`${p.prefixes.ioredis.replace(/-ioredis$/, '')}-…\` | ${p.minRedis} | ${p.guarantees} | ${p.whenToUse} |`,
  );
  const header = '| Pattern | Prefix (`-ioredis` / `-node-redis` / `-node-redis-v4`) | Redis | Guarantees | When to use |';
  const table = [header, '|---|---|---|---|---|', ...rows].join('\n');
  return `${readme.slice(0, start + README_START.length)}\n${table}\n${readme.slice(end)}`;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchor(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

function main(): void {
  const outputs = [
    { file: SNIPPET_FILE, text: generateSnippetFileText() },
    { file: PATTERNS_DOC, text: renderPatternsDoc() },
    { file: README, text: renderReadme(fs.readFileSync(README, 'utf8')) },
  ];
  for (const { file, text } of outputs) {
    const relative = path.relative(REPO_ROOT, file);
    if (process.argv.includes('--check')) {
      const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      if (committed !== text) {
        console.error(`${relative} is out of date: run npx tsx scripts/build-snippets.ts`);
        process.exitCode = 1;
      }
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      console.log(`wrote ${relative}`);
    }
  }
}

if (require.main === module) main();
