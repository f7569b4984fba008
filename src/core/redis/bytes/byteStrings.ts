/**
 * An append-only list of byte strings packed into 1 MiB chunks. A million keys held as a million
 * Buffers would cost ~100 bytes of object overhead each (and every Buffer that ioredis hands out
 * pins its whole socket read chunk); here each string costs its bytes plus 12 bytes of index.
 */
const CHUNK_BYTES = 1 << 20;

export class ByteStrings {
  private chunks: Buffer[] = [];
  private current: Buffer = Buffer.alloc(0);
  private used = 0;
  private chunkOf: Uint32Array;
  private offsetOf: Uint32Array;
  private lengthOf: Uint32Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    this.chunkOf = new Uint32Array(initialCapacity);
    this.offsetOf = new Uint32Array(initialCapacity);
    this.lengthOf = new Uint32Array(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  /** Stores `source[start, end)` and returns its index. */
  add(source: Uint8Array, start = 0, end = source.length): number {
    const length = end - start;
    if (this.used + length > this.current.length) this.newChunk(length);
    const index = this.count++;
    if (index === this.chunkOf.length) this.reserve(index * 2);
    const target = this.current;
    let at = this.used;
    // A JS loop beats a native copy call for the short strings keys usually are.
    if (length <= 64) for (let i = start; i < end; i++) target[at++] = source[i];
    else target.set(source.subarray(start, end), at);
    this.chunkOf[index] = this.chunks.length - 1;
    this.offsetOf[index] = this.used;
    this.lengthOf[index] = length;
    this.used += length;
    return index;
  }

  length(index: number): number {
    return this.lengthOf[index];
  }

  /** Byte `at` of string `index` (no bounds check: callers stay below `length(index)`). */
  byteAt(index: number, at: number): number {
    return this.chunks[this.chunkOf[index]][this.offsetOf[index] + at];
  }

  /** True when the first `length` bytes of string `index` equal `source[0, length)`. */
  prefixEquals(index: number, source: Uint8Array, length: number): boolean {
    if (this.lengthOf[index] < length) return false;
    const chunk = this.chunks[this.chunkOf[index]];
    const offset = this.offsetOf[index];
    for (let i = 0; i < length; i++) if (chunk[offset + i] !== source[i]) return false;
    return true;
  }

  /** A view of bytes `[from, to)` of string `index`; valid as long as this store lives. */
  view(index: number, from = 0, to = this.lengthOf[index]): Buffer {
    const offset = this.offsetOf[index];
    return this.chunks[this.chunkOf[index]].subarray(offset + from, offset + to);
  }

  /** A copy of bytes `[from, to)` of string `index`, safe to keep after this store is dropped. */
  copy(index: number, from = 0, to = this.lengthOf[index]): Buffer {
    return Buffer.from(this.view(index, from, to));
  }

  /** Bytes held, including the unused tail of the current chunk and index slack. */
  get memoryBytes(): number {
    return this.chunks.reduce((sum, c) => sum + c.length, 0) + this.chunkOf.byteLength * 3;
  }

  private newChunk(atLeast: number): void {
    // A string longer than a chunk gets a chunk of its own size.
    this.current = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, atLeast));
    this.chunks.push(this.current);
    this.used = 0;
  }

  /** Makes room for `capacity` strings in the index (the bytes still go to chunks as they come). */
  reserve(capacity: number): void {
    if (capacity <= this.chunkOf.length) return;
    this.chunkOf = resized(this.chunkOf, capacity);
    this.offsetOf = resized(this.offsetOf, capacity);
    this.lengthOf = resized(this.lengthOf, capacity);
  }
}

export function resized<T extends Uint32Array | Int32Array | Uint8Array>(array: T, capacity: number): T {
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}
