/**
 * What each module of the project exports that is a Redis client (or a function returning one),
 * so that `import { redis } from './redis'`, `require('../db').client` and `getRedis()` from
 * another file resolve. Each analysed file updates its own entry; lookups follow relative
 * specifiers, re-exports and `export *` barrels.
 */
import * as path from 'node:path';
import type { ClientKind } from '../extract/facts';
import type { KeyValue } from '../extract/keyTemplateTypes';
import type { ClassShape } from './classShape';
import { KeyUseIndex } from './keyUse';
import { type ExportRef, ListenerIndex } from './listenerIndex';
import { type Resolved, UNKNOWN, instanceOf } from './resolve';
import { ModulesByName, moduleTarget } from './specifiers';
import { clientFamilyOf, familyOfExport } from './packages';

export type ExportEntry =
  | { as: 'client'; kind: ClientKind }
  /** `fresh`: each call creates a new client (a factory); `listens`: the factory attaches its own error listener. */
  | { as: 'returns'; kind: ClientKind; fresh?: true; listens?: true }
  /** A class or interface (its shape says which members hold clients), or an object of one. */
  | { as: 'class'; shape: ClassShape }
  | { as: 'instance'; shape: ClassShape }
  /** A function returning an object of such a class (a service factory). */
  | { as: 'makes'; shape: ClassShape }
  /** A string constant worth reading in another file (a Lua script). */
  | { as: 'string'; value: string }
  /** An object of such strings (`SCRIPTS.release`). */
  | { as: 'scripts'; scripts: Record<string, string> }
  /** A value that is certainly no client (an LRU map, a literal). */
  | { as: 'not-redis' }
  /** `export { redis } from './client'` */
  | { as: 'from'; specifier: string; name: string };

export interface ModuleExports {
  /** Export name → entry; `default` and `module` (CommonJS `module.exports = …`) included. */
  names: Map<string, ExportEntry>;
  /** `export * from '…'` specifiers. */
  stars: string[];
  /** Exported key templates and key helpers (key patterns resolve through them). */
  keys?: Map<string, KeyValue>;
  /** Local name → the names it is exported under (for listeners attached in other modules). */
  exportedAs?: Map<string, string[]>;
}

const EXTENSION = /\.(?:d\.)?[cm]?[jt]sx?$/;
const MAX_HOPS = 8;

/** `src/db/index.ts` and `src/db.js` are both the module `src/db`. */
export function moduleKeyOf(fileName: string): string {
  return path.posix.normalize(fileName.replace(/\\/g, '/')).replace(EXTENSION, '').replace(/\/index$/, '');
}

export class ProjectIndex {
  private readonly modules = new Map<string, { fileName: string; exports: ModuleExports; serialized: string }>();
  /** Keys each module shrinks, and the growing collections it was warned about (unbounded-growth across files). */
  readonly keyUse = new KeyUseIndex();
  /** Error listeners attached to other modules' clients (missing-error-listener across files). */
  readonly listeners = new ListenerIndex();
  /** Bumped whenever some module's exports change (open documents then re-resolve their imports). */
  version = 0;

  update(fileName: string, exports: ModuleExports): void {
    const key = moduleKeyOf(fileName);
    const serialized = JSON.stringify([[...exports.names], exports.stars, [...(exports.keys ?? [])]]);
    if (this.modules.get(key)?.serialized === serialized) return;
    if (!this.modules.has(key)) this.byName.add(key, fileName);
    this.modules.set(key, { fileName, exports, serialized });
    this.version++;
  }

  /** Forgets `fileName`'s module (the file was deleted); true when it was known. */
  remove(fileName: string): boolean {
    const key = moduleKeyOf(fileName);
    if (!this.modules.delete(key)) return false;
    this.keyUse.update(key, { shrunk: [], growing: new Map() });
    this.listeners.forget(key);
    this.version++;
    return true;
  }

  /** True when the index has an entry for `fileName`'s module. */
  has(fileName: string): boolean {
    return this.modules.has(moduleKeyOf(fileName));
  }

  /** True when `specifier`, imported from `fromFile`, names a module in the index. */
  knows(fromFile: string, specifier: string): boolean {
    return this.modules.has(this.target(fromFile, specifier));
  }

  /** What `specifier`, imported from `fromFile`, exports as `exportName` ('module': the module itself). */
  resolve(fromFile: string, specifier: string, exportName: string): Resolved {
    return this.resolveIn(this.target(fromFile, specifier), exportName, 0);
  }

  /** The key template or helper `specifier` exports as `exportName`, following re-exports and barrels. */
  resolveKey(fromFile: string, specifier: string, exportName: string): KeyValue | undefined {
    return this.keyIn(this.target(fromFile, specifier), exportName, 0);
  }

  private keyIn(key: string, name: string, hops: number): KeyValue | undefined {
    const module = this.modules.get(key);
    if (!module || hops > MAX_HOPS) return undefined;
    const own = module.exports.keys?.get(name);
    if (own) return own;
    // `module.exports = { … }` of helpers: `require('./keys').session(id)`.
    const whole = module.exports.keys?.get('module');
    if (whole?.k === 'object' && Object.prototype.hasOwnProperty.call(whole.props, name)) return whole.props[name];
    const entry = module.exports.names.get(name);
    if (entry?.as === 'from') return this.keyIn(this.target(module.fileName, entry.specifier), entry.name, hops + 1);
    for (const star of module.exports.stars) {
      const found = this.keyIn(this.target(module.fileName, star), name, hops + 1);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * The module and name that define what `specifier` (imported from `fromFile`) exports as `exportName`,
   * through re-exports and `export *` barrels; the named module itself when it is not analysed.
   */
  originOf(fromFile: string, specifier: string, exportName: string): ExportRef {
    let ref: ExportRef = { key: this.target(fromFile, specifier), name: exportName };
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      const module = this.modules.get(ref.key);
      const entry = module?.exports.names.get(ref.name);
      if (!module || (entry && entry.as !== 'from')) return ref;
      if (entry?.as === 'from') {
        ref = { key: this.target(module.fileName, entry.specifier), name: entry.name };
        continue;
      }
      const star = module.exports.stars.map((s) => this.target(module.fileName, s)).find((key) => this.modules.get(key)?.exports.names.has(ref.name));
      if (!star) return ref;
      ref = { key: star, name: ref.name };
    }
    return ref;
  }

  /** The functions `specifier`'s module exports that create a new client per call (`connection.connect()`). */
  factoriesOf(fromFile: string, specifier: string): string[] {
    const names = this.modules.get(this.target(fromFile, specifier))?.exports.names;
    return names ? [...names].filter(([, entry]) => entry.as === 'returns' && entry.fresh).map(([name]) => name) : [];
  }

  private target(fromFile: string, specifier: string): string {
    // `./db` by path; `@/lib/redis`, `@acme/shared/redis`: the analysed module whose path ends so (none: a key no module has).
    return moduleTarget(fromFile, specifier, this.byName, moduleKeyOf) ?? `\0unresolved:${specifier}`;
  }

  /** Module keys by last path segment, to find the module an alias names. */
  private readonly byName = new ModulesByName();

  private resolveIn(key: string, name: string, hops: number): Resolved {
    const module = this.modules.get(key);
    if (!module || hops > MAX_HOPS) return UNKNOWN;
    const entry = module.exports.names.get(name);
    if (entry) return this.fromEntry(module.fileName, entry, hops);
    if (name === 'module') return { r: 'namespace', member: (member) => this.resolveIn(key, member, hops + 1) };
    for (const star of module.exports.stars) {
      const found = this.resolveIn(this.target(module.fileName, star), name, hops + 1);
      if (found.r !== 'unknown') return found;
    }
    return UNKNOWN;
  }

  private fromEntry(fileName: string, entry: ExportEntry, hops: number): Resolved {
    switch (entry.as) {
      case 'client':
        return { r: 'client', kind: entry.kind, via: 'client', chainKey: null };
      case 'returns':
        return { r: 'returns', kind: entry.kind, ...(entry.fresh ? { fresh: true as const } : {}), ...(entry.listens ? { listens: true as const } : {}) };
      case 'class':
        return { r: 'class', shape: entry.shape };
      case 'instance':
        return instanceOf(entry.shape);
      case 'makes':
        return { r: 'makes', shape: entry.shape };
      case 'string':
        return { r: 'string', value: entry.value };
      case 'scripts': {
        const props = Object.entries(entry.scripts).map(([key, value]) => ({ key, value: { v: 'string' as const, value }, shorthand: false }));
        return { r: 'object', props, env: { lookup: () => UNKNOWN, thisMember: () => UNKNOWN } };
      }
      case 'not-redis':
        return { r: 'not-redis' };
      case 'from': {
        // `export { Redis } from 'ioredis'` in a project package: the client package's own export.
        const family = familyOfExport(clientFamilyOf(entry.specifier) ?? null, entry.name);
        if (family) return { r: 'export', family, exportName: entry.name };
        return this.resolveIn(this.target(fileName, entry.specifier), entry.name, hops + 1);
      }
    }
  }
}
