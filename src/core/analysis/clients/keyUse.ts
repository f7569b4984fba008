/**
 * Which keys each module of the workspace shrinks (trims, pops, deletes, expires), as key templates
 * (`queue:{name}`), so that unbounded-growth can ask whether a collection one file only adds to is
 * consumed in another. Templates are compared as globs: `{…}` parts match anything.
 */
import type { CallFact } from '../extract/facts';
import { EXPIRE_COMMANDS } from '../extract/commands';
import { SHRINKING_COMMANDS } from '../extract/ruleCommands';

export interface ModuleKeyUse {
  /** The file the module was read from (named in messages). */
  fileName?: string;
  /** Globs of the keys the module shrinks or expires. */
  shrunk: string[];
  /**
   * Kinds of collection the module trims or pops by a key it does not spell out (`xdel(this.streamKey, …)`
   * in a consumer class given the key): any collection of that kind may be the one it consumes.
   */
  unread?: Collection[];
  /** unbounded-growth findings of the module, by the start offset of the report: their key's glob and kind. */
  growing: Map<number, { glob: string; collection: Collection }>;
  /** set-without-ttl warnings of the module, by the start offset of the report: the globs of the keys written. */
  unkept?: Map<number, string[]>;
  /** Globs of the keys the module deletes or expires (DEL/UNLINK/GETDEL, EXPIRE, a script given them): not a ZREM's. */
  cleaned?: string[];
}

export type Collection = 'list' | 'zset' | 'stream';

const COLLECTION_COMMANDS: ReadonlyArray<[Collection, readonly string[]]> = [
  ['list', ['lpush', 'rpush', 'ltrim', 'lpop', 'rpop', 'lmove', 'blmove', 'rpoplpush', 'brpoplpush', 'lrem', 'blpop', 'brpop', 'lmpop', 'blmpop']],
  ['zset', ['zadd', 'zrem', 'zremrangebyscore', 'zremrangebyrank', 'zremrangebylex', 'zpopmin', 'zpopmax', 'bzpopmin', 'bzpopmax', 'zmpop', 'bzmpop']],
  ['stream', ['xadd', 'xtrim', 'xdel']],
];
const COLLECTION_OF = new Map(COLLECTION_COMMANDS.flatMap(([collection, commands]) => commands.map((c) => [c, collection] as const)));

/** The kind of collection a command adds to or shrinks (undefined for commands of any type: DEL, EXPIRE). */
export function collectionOf(command: string): Collection | undefined {
  return COLLECTION_OF.get(command);
}

/** `queue:{name}:jobs` → `queue:*:jobs` (an escaped `\{` is a literal brace). */
export function templateGlob(template: string): string {
  return template.replace(/(?<!\\)\{[^}]*\}/g, '*').replace(/\*+/g, '*');
}

/**
 * Does the glob name keys specifically — three letters or digits before its first wildcard (`import:*`,
 * `doc:*:lines`) — not anything at all (`*`, `*:*`) nor any key with some suffix (`*:ctype`)? Globs that
 * may merely intersect (`session:*:*` and `*:ctype`) are not the same keys.
 */
export function specificGlob(glob: string): boolean {
  const head = glob.includes('*') ? glob.slice(0, glob.indexOf('*')) : glob;
  return head.replace(/[^A-Za-z0-9]/g, '').length >= 3;
}

/**
 * Can the keys a write's glob names be ones a delete's or expire's glob names? A fixed key (`storedfiles.`, a bare
 * prefix) is one key, not every key built on it (`storedfiles.{id}`).
 */
export function coversKeys(cleaned: string, written: string): boolean {
  if (!cleaned.includes('*') && written.includes('*')) return false;
  return globsOverlap(written, cleaned);
}

/** Could some key match both globs (only `*` wildcards)? Compares literal heads and tails. */
export function globsOverlap(a: string, b: string): boolean {
  const wild = (g: string): boolean => g.includes('*');
  if (!wild(a) && !wild(b)) return a === b;
  if (!wild(a)) return globMatches(b, a);
  if (!wild(b)) return globMatches(a, b);
  const headA = a.slice(0, a.indexOf('*'));
  const headB = b.slice(0, b.indexOf('*'));
  const tailA = a.slice(a.lastIndexOf('*') + 1);
  const tailB = b.slice(b.lastIndexOf('*') + 1);
  return (headA.startsWith(headB) || headB.startsWith(headA)) && (tailA.endsWith(tailB) || tailB.endsWith(tailA));
}

function globMatches(glob: string, key: string): boolean {
  const re = new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(key);
}

/**
 * What `calls` shrink or expire: the globs of the keys they name (keys the code says nothing about are
 * left out), and the kinds of collection they trim or pop by such a key (see ModuleKeyUse.unread). One
 * pass: this runs after every analysis, keystrokes included.
 */
export function shrinksOf(calls: readonly CallFact[]): { shrunk: string[]; unread: Collection[] } {
  const shrunk = new Set<string>();
  const unread = new Set<Collection>();
  for (const call of calls) {
    const shrinks = SHRINKING_COMMANDS.has(call.command);
    if (!shrinks && !EXPIRE_COMMANDS.has(call.command)) continue;
    for (const key of call.keys ?? []) {
      if (key.template !== null) shrunk.add(templateGlob(key.template));
      else if (shrinks) {
        const collection = collectionOf(call.command);
        if (collection) unread.add(collection);
      }
    }
  }
  return { shrunk: [...shrunk], unread: [...unread] };
}

export class KeyUseIndex {
  private readonly modules = new Map<string, ModuleKeyUse>();
  private updates = 0;
  private readonly updatesBy = new Map<string, number>();
  private epoch = 0;

  /** Forgets every module (a new, unrelated set of files follows). */
  clear(): void {
    this.modules.clear();
    this.updatesBy.clear();
    this.updates = 0;
    this.epoch++;
  }

  update(moduleKey: string, use: ModuleKeyUse): void {
    this.modules.set(moduleKey, use);
    this.updates++;
    this.updatesBy.set(moduleKey, (this.updatesBy.get(moduleKey) ?? 0) + 1);
  }

  /** What `moduleKey` published (plain data: a lint worker sends it to the run's last pass). */
  entryOf(moduleKey: string): ModuleKeyUse | undefined {
    return this.modules.get(moduleKey);
  }

  /** Changes whenever a module other than `moduleKey` publishes, or all are forgotten. */
  versionExcept(moduleKey: string): string {
    return `${this.epoch}:${this.updates - (this.updatesBy.get(moduleKey) ?? 0)}`;
  }

  /** Does a module other than `moduleKey` shrink or expire a key that `glob` may name (or any `collection` it cannot name)? */
  shrunkElsewhere(moduleKey: string, glob: string, collection?: Collection): boolean {
    for (const [key, use] of this.modules) {
      if (key === moduleKey) continue;
      if (use.shrunk.some((other) => globsOverlap(glob, other))) return true;
      if (collection && use.unread?.includes(collection)) return true;
    }
    return false;
  }

  /**
   * A module other than `moduleKey` that deletes or expires keys `glob` may name, both specific
   * (see specificGlob): that module's file, or undefined.
   */
  cleanedElsewhere(moduleKey: string, glob: string): string | undefined {
    if (!specificGlob(glob)) return undefined;
    for (const [key, use] of this.modules) {
      if (key !== moduleKey && use.cleaned?.some((other) => specificGlob(other) && coversKeys(other, glob))) return use.fileName ?? key;
    }
    return undefined;
  }

  /** The globs of the keys of a set-without-ttl warning of `moduleKey` reported at `offset`. */
  unkeptAt(moduleKey: string, offset: number): readonly string[] | undefined {
    return this.modules.get(moduleKey)?.unkept?.get(offset);
  }

  /** The key glob and kind of an unbounded-growth finding of `moduleKey` reported at `offset`. */
  growingAt(moduleKey: string, offset: number): { glob: string; collection: Collection } | undefined {
    return this.modules.get(moduleKey)?.growing.get(offset);
  }
}
