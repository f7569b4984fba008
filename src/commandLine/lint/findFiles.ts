/**
 * Expands the CLI's paths into the files to lint: skips node_modules, .git and .gitignored paths,
 * follows symbolic links (each real file once, directory cycles cut), and lists what it had to
 * skip (devices, FIFOs, broken links, unreadable directories) instead of failing the run.
 */
import { type Dirent, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { grammarForFile, isLuaFile, matchesAnyGlob, toPosixPath as toPosix } from '../../core/analysis';
import { type IgnoreFile, isIgnored, parseGitignore } from '../../core/workspace/gitignore';
import { fileTypeName, ioReason } from './fileProblems';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

export class MissingPathError extends Error {}

export interface SkippedPath {
  path: string;
  reason: string;
}

export interface FoundFiles {
  files: string[];
  skipped: SkippedPath[];
}

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

type EntryKind = { kind: 'file' } | { kind: 'directory' } | { kind: 'broken' } | { kind: 'special'; name: string };

/** What a directory entry is once symbolic links are followed. */
async function entryKind(full: string, entry: Dirent): Promise<EntryKind> {
  if (entry.isFile()) return { kind: 'file' };
  if (entry.isDirectory()) return { kind: 'directory' };
  if (!entry.isSymbolicLink()) return { kind: 'special', name: fileTypeName(entry) };
  const target = await fs.stat(full).catch(() => null);
  if (!target) return { kind: 'broken' };
  if (target.isFile()) return { kind: 'file' };
  return target.isDirectory() ? { kind: 'directory' } : { kind: 'special', name: fileTypeName(target) };
}

class FileCollector {
  readonly files = new Map<string, string>();
  readonly skipped: SkippedPath[] = [];
  private readonly visitedDirs = new Set<string>();

  constructor(
    private readonly cwd: string,
    private readonly exclude: readonly string[],
  ) {}

  private excluded(abs: string): boolean {
    return this.exclude.length > 0 && matchesAnyGlob(toPosix(path.relative(this.cwd, abs)), this.exclude);
  }

  /** Adds a file once, by its real path (a file reached through two links is linted once). */
  async addFile(abs: string, knownReal?: string): Promise<void> {
    const real = knownReal ?? (await fs.realpath(abs).catch(() => abs));
    if (!this.files.has(real)) this.files.set(real, abs);
  }

  async input(input: string): Promise<void> {
    const abs = path.resolve(this.cwd, input);
    const stat = await fs.stat(abs).catch((err: NodeJS.ErrnoException) => err);
    if (stat instanceof Error) {
      const link = await fs.lstat(abs).catch(() => null);
      if (link?.isSymbolicLink()) this.skipped.push({ path: abs, reason: 'broken symbolic link' });
      else if (stat.code === 'ENOENT' || stat.code === 'ENOTDIR') throw new MissingPathError(`No such file or directory: ${input}`);
      else this.skipped.push({ path: abs, reason: `cannot read it (${ioReason(stat)})` });
      return;
    }
    if (stat.isFile()) {
      if (analysed(abs)) await this.addFile(abs);
    } else if (stat.isDirectory()) {
      await this.walk(abs, await ancestorIgnores(abs));
    } else {
      this.skipped.push({ path: abs, reason: `not a regular file (${fileTypeName(stat)})` });
    }
  }

  private async walk(dir: string, ignores: IgnoreFile[]): Promise<void> {
    const real = await fs.realpath(dir).catch(() => dir);
    if (this.visitedDirs.has(real)) return; // a link back to a directory already walked
    this.visitedDirs.add(real);
    const own = await readIgnore(dir);
    const active = own ? [...ignores, own] : ignores;
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      this.skipped.push({ path: dir, reason: `cannot read the folder (${ioReason(err as NodeJS.ErrnoException)})` });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const child = path.join(dir, entry.name);
      const what = await entryKind(child, entry);
      const isDir = what.kind === 'directory';
      if ((isDir && ALWAYS_SKIPPED.has(entry.name)) || isIgnored(active, toPosix(child), isDir) || this.excluded(child)) continue;
      if (isDir) await this.walk(child, active);
      else if (!analysed(child)) continue; // not ours, whatever it is
      // A plain file's real path is its real folder's plus its name (no realpath call per file).
      else if (what.kind === 'file') await this.addFile(child, entry.isFile() ? path.join(real, entry.name) : undefined);
      else this.skipped.push({ path: child, reason: what.kind === 'broken' ? 'broken symbolic link' : `not a regular file (${what.name})` });
    }
  }
}

/**
 * Files given explicitly are always linted (if they are JS/TS); directories are walked.
 * `exclude` globs (from the config) are matched against paths relative to `cwd`.
 */
export async function findFiles(inputs: readonly string[], cwd: string, exclude: readonly string[]): Promise<FoundFiles> {
  const collector = new FileCollector(cwd, exclude);
  for (const input of inputs) await collector.input(input);
  return { files: [...collector.files.values()], skipped: collector.skipped };
}

/** Sources the analyzer has a grammar for, and Lua scripts (read for keys-in-lua). */
function analysed(fileName: string): boolean {
  return grammarForFile(fileName) !== undefined || isLuaFile(fileName);
}
