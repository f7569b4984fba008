// Moves TypeScript modules and rewrites every relative import that points at them (and the moved
// files' own relative imports). Usage: tsx scripts/moveModules.ts <old> <new> [<old> <new> …]
// Each pair is a file or a folder. Plain-string path mentions (configs, docs) are listed, not edited.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const scanned = ['src', 'test', 'bench', 'scripts'];
const specifier = /((?:from|import|require)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*)\2/g;

function listSources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mts|mjs|js)$/.test(e.name) && !e.parentPath.includes('node_modules') && !e.parentPath.includes('fixtures'))
    .map((e) => path.resolve(e.parentPath, e.name));
}

function resolveImport(fromFile: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts'), base.replace(/\.js$/, '.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const pairs = process.argv.slice(2);
if (pairs.length === 0 || pairs.length % 2 !== 0) throw new Error('usage: moveModules <old> <new> …');
const moves = new Map<string, string>();
for (let i = 0; i < pairs.length; i += 2) {
  const from = path.resolve(root, pairs[i]);
  const to = path.resolve(root, pairs[i + 1]);
  if (statSync(from).isDirectory()) {
    for (const file of readdirSync(from, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
      const abs = path.resolve(file.parentPath, file.name);
      moves.set(abs, path.join(to, path.relative(from, abs)));
    }
  } else {
    moves.set(from, to);
  }
}
const newPath = (file: string) => moves.get(file) ?? file;

// Compute every rewrite before touching the disk, while the old layout still resolves.
const rewrites = new Map<string, string>();
for (const file of scanned.flatMap((d) => listSources(path.join(root, d)))) {
  const text = readFileSync(file, 'utf8');
  const fileAfter = newPath(file);
  const updated = text.replace(specifier, (whole, lead: string, quote: string, spec: string) => {
    const target = resolveImport(file, spec);
    if (!target) return whole;
    const targetAfter = newPath(target);
    if (targetAfter === target && fileAfter === file) return whole;
    const hadExtension = path.extname(spec) !== '' && path.extname(spec) !== '.js';
    let rel = path.relative(path.dirname(fileAfter), targetAfter);
    if (!hadExtension) rel = rel.replace(/\.ts$/, '').replace(/\/index$/, spec.endsWith('/index') ? '/index' : '');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return `${lead}${quote}${rel}${quote}`;
  });
  if (updated !== text) rewrites.set(file, updated);
}
for (const [from, to] of moves) {
  mkdirSync(path.dirname(to), { recursive: true });
  execFileSync('git', ['mv', from, to]);
}
for (const [file, text] of rewrites) writeFileSync(newPath(file), text);
console.log(`moved ${moves.size} files, rewrote imports in ${rewrites.size} files`);
for (const [from] of moves) {
  const rel = path.relative(root, from).replace(/\.ts$/, '');
  try {
    const hits = execFileSync('git', ['grep', '-n', '--', rel, ':!*.md', ':!CHANGELOG.md'], { encoding: 'utf8' });
    if (hits.trim()) console.log(`string mentions of ${rel}:\n${hits}`);
  } catch {
    // git grep exits 1 when nothing matches
  }
}
