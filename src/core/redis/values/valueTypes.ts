/** Shapes shared by the per-type value modules (`types/`); every key, field and member is raw bytes. */

/** What TYPE answers: the core types, a module type such as `ReJSON-RL`, or `none`. */
export type KeyType = 'string' | 'list' | 'set' | 'zset' | 'hash' | 'stream' | 'ReJSON-RL' | 'none' | (string & {});

export interface KeyHeader {
  key: Buffer;
  type: KeyType;
  /** Milliseconds left, or null when the key does not expire. */
  ttlMs: number | null;
  /** OBJECT ENCODING (listpack, hashtable, int, embstr, raw…); undefined when the server refuses it. */
  encoding?: string;
  /** Bytes for a string, elements for collections, entries for a stream; undefined for module types. */
  size?: number;
  /** MEMORY USAGE in bytes (sampled for big collections); undefined when unavailable or denied by ACL. */
  memoryBytes?: number;
}

/** One page of a SCAN-family walk. Pass `cursor` back to continue; `done` when the walk ended. */
export interface ScanPage<T> {
  items: T[];
  cursor: string;
  done: boolean;
}

export interface ScanOptions {
  /** '0' (or absent) starts a walk. */
  cursor?: string;
  /** A Redis glob on the field or member (`MATCH`); bytes are passed through unchanged. */
  match?: Buffer | string;
  /** Items to collect before returning a page (a page may be shorter at the end of the walk). */
  pageSize?: number;
}

export interface HashField {
  field: Buffer;
  value: Buffer;
}

export interface ScoredMember {
  member: Buffer;
  /** The score as Redis prints it ("1.5", "inf"), kept as text so no precision is lost. */
  score: string;
}

export interface StreamEntry {
  id: string;
  fields: [Buffer, Buffer][];
}
