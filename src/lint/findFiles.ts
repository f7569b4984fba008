/** Expands the CLI's paths into the files to lint: skips node_modules, .git and .gitignored paths. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { grammarForFile, matchesAnyGlob, toPosixPath as toPosix } from '../core/analysis';
import { type IgnoreFile, isIgnored, parseGitignore } from './gitignore';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

export class MissingPathError extends Error {}

async function readIgnore(dir: string): Promise<IgnoreFile | null> {
  try {
    return parseGitignore(toPosix(dir), await fs.readFile(path.join(dir, '.gitignore'), 'utf8'));
  } catch {
    return null;
  }
}

/** `.gitignore` files of `dir`'s ancestors, up to the repository root (a directory with `.git`). */
async function ancestorIgnores(dir: string): Promise<IgnoreFile[]> {
  const chain: string[] = [];
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    chain.unshift(d);
    const isRoot = await fs.stat(path.join(d, '.git')).then(() => true, () => false);
    if (isRoot || path.dirname(d) === d) {
      if (!isRoot) return []; // not in a repository: only the walked directories' own files count
      break;
    }
  }
  const files = await Promise.all(chain.map(readIgnore));
  return files.filter((f): f is IgnoreFile => f !== null);
}

/**
 * Files given explicitly are always linted (if they are JS/TS); directories are walked.
 * `exclude` globs (from the config) are matched against paths relative to `cwd`.
 */
export async function findFiles(inputs: readonly string[], cwd: string, exclude: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  const excluded = (abs: string): boolean => exclude.length > 0 && matchesAnyGlob(toPosix(path.relative(cwd, abs)), exclude);
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const stat = await fs.stat(abs).catch(() => null);
    if (!stat) throw new MissingPathError(`No such file or directory: ${input}`);
    if (stat.isFile()) {
      if (grammarForFile(abs)) out.add(abs);
      continue;
    }
    const walk = async (dir: string, ignores: IgnoreFile[]): Promise<void> => {
      const own = await readIgnore(dir);
      const active = own ? [...ignores, own] : ignores;
      const entries = await fs.readdir(dir, { withFileTypes: true });
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        const child = path.join(dir, entry.name);
        const isDir = entry.isDirectory();
        if ((isDir && ALWAYS_SKIPPED.has(entry.name)) || isIgnored(active, toPosix(child), isDir) || excluded(child)) continue;
        if (isDir) await walk(child, active);
        else if (entry.isFile() && grammarForFile(child)) out.add(child);
      }
    };
    await walk(abs, await ancestorIgnores(abs));
  }
  return [...out];
}
