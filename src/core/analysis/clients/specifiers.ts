/**
 * Which import specifiers may name a module of the project, and which module: relative ones
 * (`./redis`, `../db`) by their path; path aliases (`@/lib/redis`, `~/redis`, `#src/caches`,
 * `src/modules/redis`) and a monorepo's own packages (`@acme/shared/redis`, `api-shared/utils`, also kept in a folder
 * `acme-shared/`) by the analysed module whose path ends with what they name. Neither tsconfig `paths` nor package.json
 * files are read: the files linted are often a part of a project, and a module found by a unique
 * path suffix is the same either way. A package the project does not contain names no module.
 */
import * as path from 'node:path';
import { clientFamilyOf } from './packages';

/** `@/x`, `~/x`, `~~/x`, `~x/y`, `@@/x`, `#x` (Node subpath imports), `src/x`: group 1 is the path after the alias. */
const ALIAS = /^(?:@\/|~~?\/|~(?=\w)|@@\/|#\/?|(?=src\/))([\w$.@-][^\s'"`]*)$/;

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

/** The path an alias specifier names inside the project (`@/lib/redis` → `lib/redis`), or undefined for packages. */
export function aliasPath(specifier: string): string | undefined {
  return ALIAS.exec(specifier)?.[1];
}

/** Relative, alias and package specifiers other than Node's own modules and client packages: any may name a module of the project. */
export function isProjectSpecifier(specifier: string): boolean {
  if (isRelativeSpecifier(specifier) || aliasPath(specifier) !== undefined) return true;
  const name = PACKAGE.exec(specifier)?.[2];
  return name !== undefined && !NODE_MODULES.has(name) && clientFamilyOf(specifier) === undefined;
}

/** `name/sub/path`, `@scope/name/sub/path` (not `node:fs`, not a URL): group 1 is the name (without scope), 2 the sub path, 3 the scope. */
const PACKAGE = /^(?:@([\w.-]+)\/)?([\w.-]+)(?:\/([^\s'"`:]+))?$/;
/** Where a monorepo package keeps its modules, besides its root. */
const SOURCE_FOLDERS = ['', 'src/', 'lib/'];

/**
 * The paths (module keys, possibly preceded by more folders) a specifier may name: the alias's path,
 * or a package's folder with its sub path under the package root, `src/` or `lib/`.
 */
export function suffixesOf(specifier: string, keyOf: (path: string) => string): Suffix[] {
  const alias = aliasPath(specifier);
  if (alias !== undefined) return [{ key: keyOf(alias) }];
  const m = PACKAGE.exec(specifier);
  if (!m) return [];
  const [, scope, name, sub] = m;
  // Node's modules and the client packages are never the project's.
  if (NODE_MODULES.has(name) || name.startsWith('.') || clientFamilyOf(specifier) !== undefined) return [];
  // `@server/storage/redis` as a tsconfig alias of `server/…`: the scope is a folder too (tried first, most specific).
  const scoped = scope ? [{ key: keyOf(`${scope}/${name}${sub ? `/${sub}` : ''}`) }] : [];
  // A bare name only matches a package's `src/` or `lib/` entry: `config` is no project's `src/config.ts`. A scoped
  // one (`@overleaf/redis-wrapper`) names nothing else, so its folder's own index counts too (a folder, not `redis.ts`).
  // `@civitai/redis` kept in `packages/civitai-redis/`: a scoped package's folder may carry its scope in its name (tried
  // first, as it says more than `redis/client`, which an app's own `server/redis/client.ts` may end with too).
  const folders = scope ? [`${scope}-${name}`, name] : [name];
  if (sub === undefined) {
    const entries = folders.flatMap((f) => ['src', 'lib'].map((folder) => ({ key: keyOf(`${f}/${folder}/index`) })));
    return scope ? [...scoped, ...folders.map((f) => ({ key: keyOf(`${f}/index`), folder: true as const })), ...entries] : entries;
  }
  return [...scoped, ...folders.flatMap((f) => SOURCE_FOLDERS.map((folder) => ({ key: keyOf(`${f}/${folder}${sub}`) })))];
}

/** A path a specifier may name; `folder`: only a folder's index file is that module (`pkg/index.ts`, not `x/pkg.ts`). */
export interface Suffix {
  key: string;
  folder?: true;
}

/** `src/db/index.ts`: a folder's index file (its module key is the folder). */
export function isIndexFile(fileName: string): boolean {
  return /(?:^|\/)index\.[cm]?[jt]sx?$/.test(fileName);
}

/** Node's own modules, imported without `node:`: never a module of the project. */
const NODE_MODULES = new Set(['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dns', 'events', 'fs', 'http', 'http2', 'https', 'net', 'os', 'path', 'process', 'querystring', 'readline', 'stream', 'string_decoder', 'timers', 'tls', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib']);

/**
 * The module (a moduleKeyOf key) an alias names, among `modules`: the one whose key is the alias's
 * path or ends with `/` and it; when several do, the one sharing the longest directory prefix with
 * the importing file (its own package in a monorepo), and none when that still leaves a tie.
 */
export function aliasTarget(fromFile: string, aliasKey: string, modules: Iterable<string>): string | undefined {
  const fromDir = path.posix.dirname(fromFile.replace(/\\/g, '/'));
  let best: string | undefined;
  let bestShared = -1;
  let tie = false;
  for (const key of modules) {
    if (key !== aliasKey && !key.endsWith(`/${aliasKey}`)) continue;
    const shared = sharedSegments(fromDir, key);
    if (shared > bestShared) {
      [best, bestShared, tie] = [key, shared, false];
    } else if (shared === bestShared) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}

function sharedSegments(dir: string, key: string): number {
  const a = dir.split('/');
  const b = key.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return i;
}

/**
 * The module (a `keyOf` key) `specifier` names from `fromFile`: a relative one by its path, any other among
 * `byName`'s modules (see nonRelativeTarget; `byName` may be built on first use); undefined when it names none.
 */
export function moduleTarget(fromFile: string, specifier: string, byName: ModulesByName | (() => ModulesByName), keyOf: (path: string) => string): string | undefined {
  if (isRelativeSpecifier(specifier)) return keyOf(path.posix.join(path.posix.dirname(fromFile.replace(/\\/g, '/')), specifier));
  if (!isProjectSpecifier(specifier)) return undefined;
  return nonRelativeTarget(fromFile, specifier, typeof byName === 'function' ? byName() : byName, keyOf);
}

/** The module a non-relative specifier names among `byName`'s, trying each suffix in turn (see suffixesOf). */
export function nonRelativeTarget(fromFile: string, specifier: string, byName: ModulesByName, keyOf: (path: string) => string): string | undefined {
  for (const suffix of suffixesOf(specifier, keyOf)) {
    const found = aliasTarget(fromFile, suffix.key, byName.candidates(suffix.key, suffix.folder));
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Module keys grouped by their last path segment, so that an alias is matched against the few
 * modules whose name it ends with, not every module of the project.
 */
export class ModulesByName {
  private readonly byName = new Map<string, Set<string>>();
  /** Keys of modules that are a folder's index file. */
  private readonly folders = new Set<string>();

  /** `fileName`: the module's file, to tell a folder's index (`db/index.ts`) from a file (`db.ts`). */
  add(key: string, fileName?: string): void {
    const name = lastSegment(key);
    let keys = this.byName.get(name);
    if (!keys) this.byName.set(name, (keys = new Set()));
    keys.add(key);
    if (fileName !== undefined && isIndexFile(fileName)) this.folders.add(key);
  }

  /** The modules an alias key may name (see aliasTarget); `foldersOnly`: only folders' index files. */
  candidates(aliasKey: string, foldersOnly = false): Iterable<string> {
    const keys = this.byName.get(lastSegment(aliasKey)) ?? [];
    return foldersOnly ? [...keys].filter((k) => this.folders.has(k)) : keys;
  }
}

function lastSegment(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}
