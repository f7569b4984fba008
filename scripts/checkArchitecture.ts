// The layout limits of docs/architecture.md, checked in `npm run lint` so they keep holding as
// features land: no import cycle under src/ (type-only imports, re-exports and import() count), no
// file over 400 lines, at most 12 files directly in src/core/redis/, no TreeDataProvider<unknown>,
// src/core/ reaching only itself, Node's built-ins and npm packages, and webview panels built only
// by the one helper in src/webviewPanel/. Exits 1 and names each problem; prints one summary line
// when all hold.
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { buildImportGraph, cyclicComponents, findCycles, isRelative, moduleSpecifiers, resolveRelative } from './lib/importGraph';

const maxLines = 400;
const maxFilesInCoreRedis = 12;

const root = path.resolve(__dirname, '..');
const rel = (abs: string) => path.relative(root, abs).split(path.sep).join('/');

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => rel(path.join(e.parentPath, e.name)))
    .sort();
}

function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

const sources = new Map(listSources(path.join(root, 'src')).map((file) => [file, readFileSync(path.join(root, file), 'utf8')]));
const problems: string[] = [];

// (a) Import cycles: one problem per tangle of files, with chains that together use each of its edges.
const graph = buildImportGraph(sources);
const components = cyclicComponents(graph);
const cycles = findCycles(graph);
for (const component of components) {
  const chains = cycles.filter((cycle) => component.includes(cycle[0]));
  problems.push(`import cycle among ${component.length} file(s) — break one import in each chain:\n${chains.map((c) => `  ${c.join(' → ')}`).join('\n')}`);
}

// (b) File length.
const lines = [...sources].map(([file, text]) => ({ file, count: lineCount(text) }));
for (const { file, count } of lines.filter((l) => l.count > maxLines).sort((a, b) => b.count - a.count)) {
  problems.push(`${file} has ${count} lines (at most ${maxLines}): split it by job`);
}

// (c) src/core/redis/ stays grouped by concern.
const coreRedis = path.join(root, 'src/core/redis');
const flatFiles = readdirSync(coreRedis, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
if (flatFiles.length > maxFilesInCoreRedis) {
  problems.push(`src/core/redis/ holds ${flatFiles.length} files directly (at most ${maxFilesInCoreRedis}): move some into a sub-folder by concern`);
}

// (d) Tree providers say what their nodes are.
for (const [file, text] of sources) {
  if (/TreeDataProvider\s*<\s*unknown\s*>/.test(text)) problems.push(`${file}: TreeDataProvider<unknown> — give the provider its node type`);
}

// (f) Every webview panel is built by the one helper: only src/webviewPanel/ sets a webview's HTML or options.
for (const [file, text] of sources) {
  if (file.startsWith('src/webviewPanel/')) continue;
  if (/\bwebview\.(html|options)\s*=(?!=)/.test(text)) problems.push(`${file} sets a webview's HTML or options itself: build the panel with WebviewPanelHost (src/webviewPanel/)`);
}

// (e) src/core/ is the bottom floor: it imports only itself, Node's built-ins and npm packages.
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
const packages = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]);
const builtins = new Set(builtinModules);
const packageName = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
for (const [file, text] of sources) {
  if (!file.startsWith('src/core/')) continue;
  for (const spec of moduleSpecifiers(text)) {
    if (isRelative(spec)) {
      const target = resolveRelative(file, spec, (f) => sources.has(f)) ?? path.posix.join(path.posix.dirname(file), spec);
      if (!target.startsWith('src/core/')) problems.push(`${file} imports '${spec}' from outside src/core/: move the shared code into core`);
    } else if (!spec.startsWith('node:') && !builtins.has(spec) && !packages.has(packageName(spec))) {
      problems.push(`${file} imports '${spec}', which is neither a Node built-in nor a package.json dependency`);
    }
  }
}

const longest = lines.reduce((a, b) => (b.count > a.count ? b : a), { file: '', count: 0 });
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`checkArchitecture: ${problems.length} problem(s), ${components.length} of them import cycle(s)`);
  process.exitCode = 1;
} else {
  console.log(`checkArchitecture: ${sources.size} files under src/, no import cycle, longest ${longest.file} (${longest.count} lines), ${flatFiles.length} files directly in src/core/redis/`);
}
