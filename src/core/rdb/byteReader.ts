import { Crc64 } from './crc64';
import { RdbError, truncatedError } from './rdbErrors';

/** Where the bytes come from: a positional read, like `fs.readSync(fd, …)`. */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Copies up to `length` bytes at `position` into `target`; returns how many it copied (0 at the end). */
  read(target: Buffer, targetOffset: number, length: number, position: number): number;
}

export function bufferSource(bytes: Buffer): ByteSource {
  return {
    size: bytes.length,
    read: (target, targetOffset, length, position) => bytes.copy(target, targetOffset, position, Math.min(bytes.length, position + length)),
  };
}

export interface ByteReaderOptions {
  /** Bytes read from the source at a time. */
  chunkSize: number;
  /** Largest contiguous span a caller may ask for; bigger values must be skipped. */
  maxSpan: number;
  /** Keep a CRC-64 of every byte consumed (then skips read through the data instead of seeking). */
  checksum: boolean;
}

/**
 * A window over the source that refills in chunks: memory stays at one chunk plus the largest
 * span asked for (bounded by `maxSpan`), whatever the file size. Views returned by {@link take}
 * are valid only until the next call.
 */
export class ByteReader {
  private buf: Buffer;
  private start = 0;
  private end = 0;
  /** File offset of buf[0]. */
  private base = 0;
  /** File offset up to which the CRC has been computed. */
  private crcPos = 0;
  readonly crc: Crc64 | null;

  constructor(
    private readonly source: ByteSource,
    private readonly options: ByteReaderOptions,
  ) {
    this.buf = Buffer.allocUnsafe(options.chunkSize);
    this.crc = options.checksum ? new Crc64() : null;
  }

  get position(): number {
    return this.base + this.start;
  }

  get size(): number {
    return this.source.size;
  }

  /** Makes `n` bytes available at the cursor; `what` names the field in a truncation error. */
  ensure(n: number, what: string): void {
    if (this.end - this.start >= n) return;
    if (n > this.options.maxSpan) throw new RdbError(`Internal limit: asked for ${n} contiguous bytes at byte ${this.position}, above ${this.options.maxSpan}.`, this.position);
    this.compact(n);
    while (this.end - this.start < n) {
      const got = this.source.read(this.buf, this.end, this.buf.length - this.end, this.base + this.end);
      if (got <= 0) throw truncatedError(this.base + this.end, what);
      this.end += got;
    }
  }

  u8(what: string): number {
    if (this.start >= this.end) this.ensure(1, what);
    return this.buf[this.start++];
  }

  /** A view of the next `n` bytes (valid until the next call on this reader). */
  take(n: number, what: string): Buffer {
    this.ensure(n, what);
    const view = this.buf.subarray(this.start, this.start + n);
    this.start += n;
    return view;
  }

  /** Moves past `n` bytes without holding them: seeks, or reads through when a checksum is kept. */
  skip(n: number, what: string): void {
    const buffered = this.end - this.start;
    if (n <= buffered) {
      this.start += n;
      return;
    }
    if (this.position + n > this.source.size) throw truncatedError(this.source.size, what);
    if (this.crc) {
      let left = n;
      while (left > 0) {
        const step = Math.min(left, this.options.chunkSize);
        this.take(step, what);
        left -= step;
      }
      return;
    }
    this.base = this.position + n;
    this.start = 0;
    this.end = 0;
    this.crcPos = this.base;
  }

  /** Folds every consumed byte into the CRC (call before reading the stored checksum). */
  checksumSoFar(): Crc64 | null {
    if (this.crc) this.foldCrc();
    return this.crc;
  }

  private foldCrc(): void {
    const from = this.crcPos - this.base;
    if (this.crc && this.start > from) this.crc.update(this.buf, from, this.start);
    this.crcPos = this.position;
  }

  /** Drops consumed bytes (after folding them into the CRC) and makes room for `n` more. */
  private compact(n: number): void {
    this.foldCrc();
    const kept = this.end - this.start;
    const needed = Math.max(n, this.options.chunkSize);
    if (needed > this.buf.length) {
      const bigger = Buffer.allocUnsafe(needed);
      this.buf.copy(bigger, 0, this.start, this.end);
      this.buf = bigger;
    } else if (this.start > 0) {
      this.buf.copy(this.buf, 0, this.start, this.end);
    }
    this.base += this.start;
    this.start = 0;
    this.end = kept;
    // A span that grew the window once is given back, so one big value does not pin memory.
    if (this.buf.length > this.options.chunkSize && n <= this.options.chunkSize && kept <= this.options.chunkSize) {
      const normal = Buffer.allocUnsafe(this.options.chunkSize);
      this.buf.copy(normal, 0, 0, kept);
      this.buf = normal;
    }
  }
}
