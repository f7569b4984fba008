import { ByteReader, type ByteSource } from './byteReader';
import { keyOverhead } from './memoryModel';
import { moduleTypeName, skipModuleOpcodes } from './moduleValues';
import { MAX_RDB_VERSION, MIN_RDB_VERSION, RdbOpcode, RdbType } from './rdbFormat';
import { corruptedError, RdbError } from './rdbErrors';
import { RdbPrimitives } from './rdbPrimitives';
import { readStream } from './streamValues';
import { readHash, readList, readSet, readString, readZset, type ValueContext } from './valueReaders';
import type { RdbFileInfo, RdbKeyRecord, ValueShape } from './valueTypes';

export interface RdbParserOptions {
  /** Bytes read at a time (default 1 MiB). */
  chunkSize?: number;
  /** Largest blob (listpack, ziplist, intset) read whole; bigger ones are counted from their header or estimated (default 64 MiB). */
  blobLimit?: number;
  /** Key names longer than this keep only their first bytes (default 1 MiB). */
  keyLimit?: number;
  /** Verify the CRC-64 at the end (default true; false lets big values be skipped without reading them). */
  verifyChecksum?: boolean;
}

const AUX_VALUE_LIMIT = 64 * 1024;
// Module-local copies: an imported object's properties cost an accessor call per read when the
// code runs unbundled (tsx, tests), and this switch runs once per record.
const { EXPIRETIME_MS, EXPIRETIME, IDLE, FREQ, SELECTDB, RESIZEDB, AUX, MODULE_AUX, FUNCTION2, FUNCTION_PRE_GA, EOF } = RdbOpcode;
const RDB_12_MESSAGE = 'RDB 12 (Redis 7.4+) is not supported yet';

/**
 * Streams the keys of an RDB dump, one {@link RdbKeyRecord} per {@link next} call, in constant
 * memory: values are measured, never held (only blobs up to `blobLimit` are read whole to count
 * their entries). Opcodes per Redis's `rdb.c`; the code is our own.
 */
export class RdbParser {
  readonly info: RdbFileInfo = { version: 0, aux: {}, functionLibraries: 0, moduleAux: [], resizeHints: {}, checksum: 'not checked' };
  private readonly p: RdbPrimitives;
  private readonly ctx: ValueContext;
  private readonly keyLimit: number;
  private db = 0;
  private done = false;

  constructor(source: ByteSource, options: RdbParserOptions = {}) {
    const blobLimit = options.blobLimit ?? 64 * 1024 * 1024;
    this.keyLimit = options.keyLimit ?? 1024 * 1024;
    const reader = new ByteReader(source, {
      chunkSize: options.chunkSize ?? 1024 * 1024,
      maxSpan: Math.max(blobLimit, this.keyLimit, AUX_VALUE_LIMIT) + 16,
      checksum: options.verifyChecksum ?? true,
    });
    this.p = new RdbPrimitives(reader);
    this.info.version = this.readHeader(reader);
    this.ctx = { p: this.p, version: this.info.version, blobLimit };
  }

  /** Bytes consumed so far (for progress). */
  get position(): number {
    return this.p.position;
  }

  get size(): number {
    return this.p.reader.size;
  }

  private readHeader(reader: ByteReader): number {
    if (reader.size < 9) throw new RdbError(`This is not an RDB file: it is ${reader.size} bytes long, shorter than the 9-byte header.`, 0);
    const header = reader.take(9, 'the header').toString('latin1');
    if (!header.startsWith('REDIS')) throw new RdbError('This is not an RDB file: it does not start with "REDIS".', 0);
    const digits = header.slice(5);
    if (!/^\d{4}$/.test(digits)) throw new RdbError(`This is not an RDB file: the version "${digits}" after "REDIS" is not a number.`, 5);
    const version = Number(digits);
    if (version === 12) throw new RdbError(RDB_12_MESSAGE, 5);
    if (version < MIN_RDB_VERSION || version > MAX_RDB_VERSION) {
      throw new RdbError(`RDB version ${version} is not supported: this reader handles versions 9 to 11 (Redis 5.0 to 7.2).`, 5);
    }
    return version;
  }

  /** The next key, or null after the EOF opcode (the checksum verified when one was written). */
  next(): RdbKeyRecord | null {
    if (this.done) return null;
    const p = this.p;
    let expiresAtMs: number | null = null;
    let idleSeconds: number | null = null;
    let lfuFreq: number | null = null;
    for (;;) {
      const offset = p.position;
      const type = p.reader.u8('the next record');
      switch (type) {
        case EXPIRETIME_MS:
          expiresAtMs = p.readMillis('an expiry time');
          continue;
        case EXPIRETIME:
          expiresAtMs = p.reader.take(4, 'an expiry time').readInt32LE(0) * 1000;
          continue;
        case IDLE:
          idleSeconds = p.readLength('an LRU idle time');
          continue;
        case FREQ:
          lfuFreq = p.reader.u8('an LFU frequency');
          continue;
        case SELECTDB:
          this.db = p.readLength('a database number');
          continue;
        case RESIZEDB:
          this.info.resizeHints[this.db] = { keys: p.readLength('a RESIZEDB hint'), expires: p.readLength('a RESIZEDB hint') };
          continue;
        case AUX:
          this.readAux();
          continue;
        case MODULE_AUX:
          this.readModuleAux();
          continue;
        case FUNCTION2:
          p.skipString('a function library');
          this.info.functionLibraries++;
          continue;
        case FUNCTION_PRE_GA:
          throw new RdbError(`Byte ${offset} holds functions in the format of Redis 7.0 release candidates, which is not supported.`, offset);
        case EOF:
          this.finish();
          return null;
        default:
          return this.readKey(type, offset, expiresAtMs, idleSeconds, lfuFreq);
      }
    }
  }

  private readKey(type: number, offset: number, expiresAtMs: number | null, idleSeconds: number | null, lfuFreq: number | null): RdbKeyRecord {
    const p = this.p;
    const read = readerFor(type);
    if (!read) throw corruptedError(offset, `value type ${type} is unknown to RDB version ${this.info.version}`);
    const { bytes: key, length, truncated } = p.readOwnedString(this.keyLimit, 'a key name');
    const valueStart = p.position;
    const value = read(this.ctx, type);
    return {
      db: this.db,
      key,
      keyLength: length,
      keyTruncated: truncated,
      type: value.type,
      encoding: value.encoding,
      expiresAtMs,
      idleSeconds,
      lfuFreq,
      elements: value.elements,
      memoryBytes: Math.round(value.memoryBytes + keyOverhead(length)),
      maxElementBytes: value.maxElementBytes,
      serializedBytes: p.position - valueStart,
      offset,
      ...(value.stream ? { stream: value.stream } : {}),
      ...(value.moduleType ? { moduleType: value.moduleType } : {}),
    };
  }

  private readAux(): void {
    const name = this.p.readOwnedString(AUX_VALUE_LIMIT, 'an AUX field name');
    const value = this.p.readOwnedString(AUX_VALUE_LIMIT, 'an AUX field value');
    if (!name.truncated && !value.truncated) this.info.aux[name.bytes.toString('utf8')] = value.bytes.toString('utf8');
  }

  private readModuleAux(): void {
    const name = moduleTypeName(this.p.readLengthBig('a module id'));
    this.p.readLength('a module aux when-opcode');
    this.p.readLength('a module aux when');
    skipModuleOpcodes(this.p, name);
    this.info.moduleAux.push(name);
  }

  private finish(): void {
    this.done = true;
    const crc = this.p.reader.checksumSoFar();
    const at = this.p.position;
    const stored = this.p.reader.take(8, 'the checksum');
    if (stored.every((b) => b === 0)) {
      this.info.checksum = 'absent';
      return;
    }
    if (!crc) return;
    if (!crc.equalsLittleEndian(stored)) {
      throw corruptedError(at, `the checksum ${Buffer.from(stored).reverse().toString('hex')} does not match the content (CRC-64 ${crc.toHex()})`);
    }
    this.info.checksum = 'verified';
  }
}

function readModule(ctx: ValueContext, type: number): ValueShape {
  if (type === RdbType.MODULE_PRE_GA) throw ctx.p.error('a module value of Redis 4.0 release candidates cannot be skipped');
  const start = ctx.p.position;
  const name = moduleTypeName(ctx.p.readLengthBig('a module id'));
  skipModuleOpcodes(ctx.p, name);
  // Unknown layout: the serialized size is the best available estimate of its memory.
  return { type: 'module', encoding: name, elements: 0, memoryBytes: ctx.p.position - start, maxElementBytes: 0, moduleType: name };
}

type ValueReader = (ctx: ValueContext, type: number) => ValueShape;

function readerFor(type: number): ValueReader | null {
  switch (type) {
    case RdbType.STRING:
      return readString;
    case RdbType.LIST:
    case RdbType.LIST_ZIPLIST:
    case RdbType.LIST_QUICKLIST:
    case RdbType.LIST_QUICKLIST_2:
      return readList;
    case RdbType.SET:
    case RdbType.SET_INTSET:
    case RdbType.SET_LISTPACK:
      return readSet;
    case RdbType.ZSET:
    case RdbType.ZSET_2:
    case RdbType.ZSET_ZIPLIST:
    case RdbType.ZSET_LISTPACK:
      return readZset;
    case RdbType.HASH:
    case RdbType.HASH_ZIPMAP:
    case RdbType.HASH_ZIPLIST:
    case RdbType.HASH_LISTPACK:
      return readHash;
    case RdbType.STREAM_LISTPACKS:
    case RdbType.STREAM_LISTPACKS_2:
    case RdbType.STREAM_LISTPACKS_3:
      return readStream;
    case RdbType.MODULE_PRE_GA:
    case RdbType.MODULE_2:
      return readModule;
    default:
      return null;
  }
}
