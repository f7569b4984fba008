/** What the parser emits for every key of a dump file. */

export type RdbValueType = 'string' | 'list' | 'set' | 'zset' | 'hash' | 'stream' | 'module';

export interface RdbKeyRecord {
  db: number;
  /** The key name; when {@link keyTruncated}, its first `keyLimit` bytes (none if it was LZF-compressed). */
  key: Buffer;
  /** Length of the full key name in bytes. */
  keyLength: number;
  keyTruncated: boolean;
  type: RdbValueType;
  /** As `OBJECT ENCODING` names it on the server that wrote the file (int, embstr, raw, listpack, ziplist, quicklist, intset, hashtable, skiplist, stream; module values: the module type name). */
  encoding: string;
  /** Absolute expiry time (Unix ms), or null when the key does not expire. */
  expiresAtMs: number | null;
  /** LRU idle seconds (maxmemory-policy *-lru), when the file has them. */
  idleSeconds: number | null;
  /** LFU counter (maxmemory-policy *-lfu), when the file has it. */
  lfuFreq: number | null;
  /** STRLEN / LLEN / SCARD / ZCARD / HLEN / XLEN; for a module value, 0. */
  elements: number;
  /** Estimate of `MEMORY USAGE key SAMPLES 0` on the server that wrote the file. */
  memoryBytes: number;
  /** Largest element (member, field or value) in bytes, for hashtable/skiplist encodings; 0 otherwise. */
  maxElementBytes: number;
  /** Bytes the value takes in the file. */
  serializedBytes: number;
  /** File offset of the record (its first opcode). */
  offset: number;
  /** Stream-only: consumer groups and pending entries. */
  stream?: { groups: number; pending: number; consumers: number };
  /** Module-only: the module type name (from the 64-bit module id). */
  moduleType?: string;
}

/** What a value reader returns; the parser adds key, db and expiry. */
export interface ValueShape {
  type: RdbValueType;
  encoding: string;
  elements: number;
  memoryBytes: number;
  maxElementBytes: number;
  stream?: { groups: number; pending: number; consumers: number };
  moduleType?: string;
}

/** File-level facts: version, aux fields, functions, module aux data. */
export interface RdbFileInfo {
  version: number;
  /** AUX fields (redis-ver, redis-bits, ctime, used-mem, aof-base, …) as text. */
  aux: Record<string, string>;
  /** Function libraries (FUNCTION2 records). */
  functionLibraries: number;
  /** Module type names that stored aux data. */
  moduleAux: string[];
  /** RESIZEDB hints per db: keys and keys with an expiry. */
  resizeHints: Record<number, { keys: number; expires: number }>;
  /** "verified", "absent" (written with rdbchecksum no) or "not checked". */
  checksum: 'verified' | 'absent' | 'not checked';
}
