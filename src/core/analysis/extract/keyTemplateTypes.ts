/**
 * What the analyzer knows about a key built in code, closed over the scope it was built in (plain
 * data: it is cached in facts and published between modules by the project index).
 */

/** Literal text, a named variable part (`{id}`, `?` when nothing names it), or a helper's parameter. */
export type KeyPart = { lit: string } | { hole: string } | { param: number; name: string };

export type KeyValue =
  /** A key (or a piece of one): `session:{id}`. */
  | { k: 'template'; parts: KeyPart[] }
  /** A function returning a key from its parameters: `(id) => \`session:${id}\``. */
  | { k: 'helper'; params: string[]; parts: KeyPart[] }
  /** An array of keys built alike, each element of it such a key: `ids.map((id) => \`session:${id}\`)`. */
  | { k: 'elements'; parts: KeyPart[] }
  /** An object of key helpers or constants: `keys.session(id)`. */
  | { k: 'object'; props: Record<string, KeyValue> }
  /** A function sending key commands with keys built from its parameters: its callers name the keys (`cacheGet(\`user:${id}\`)`). */
  | { k: 'wrapper'; params: string[]; calls: WrapperCall[] };

/** One key command a wrapper sends: its key in the wrapper's parameters, the TTL policy its own arguments give. */
export interface WrapperCall {
  /** Lower-case command (`get`, `set`). */
  command: string;
  parts: KeyPart[];
  ttl: TtlPolicy | null;
  /** The body names the key itself (`'app:' + key`): a key site of its own, so its callers' sites only serve rules. */
  named?: true;
}

/** How a call site leaves the key's TTL: a SET option, a separate EXPIRE-family call, none, or unknown (options built at run time). */
export type TtlPolicy = 'EX' | 'PX' | 'EXAT' | 'PXAT' | 'KEEPTTL' | 'EXPIRE' | 'PEXPIRE' | 'EXPIREAT' | 'PEXPIREAT' | 'none' | 'unknown';

/** One key argument of one Redis call: the unit key patterns are built from. */
export interface KeySite {
  /** `session:{id}` (see extract/keyTemplates.ts). */
  template: string;
  /** Upper-case Redis command: `SET`, `HSET`. */
  command: string;
  access: 'read' | 'write';
  /** The Redis type the command implies, null for type-agnostic commands (DEL, EXPIRE, EXISTS). */
  type: string | null;
  /** TTL policy of a write that creates or replaces data; null for reads, deletes and renames. */
  ttl: TtlPolicy | null;
  confidence: 'certain' | 'likely';
  /** The call (0-based line and column, UTF-16 like the analyzer's ranges). */
  line: number;
  column: number;
  offset: number;
  endOffset: number;
}
