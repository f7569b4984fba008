import { ByteStrings } from './byteStrings';

/**
 * A set of byte strings (key names) for de-duplicating SCAN output: SCAN may return a key more
 * than once while the server resizes its table. Bytes are packed in {@link ByteStrings} and found
 * through an open-addressing table of FNV-1a hashes, so a million keys cost their bytes plus ~20
 * bytes each, with no string or object per key.
 */
export class ByteStringSet {
  private readonly strings = new ByteStrings();
  /** Slot → 1 + index in `strings` (0 = empty). */
  private slots = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 12);

  get size(): number {
    return this.strings.size;
  }

  /** Adds `key`; false when it was already there. */
  add(key: Uint8Array): boolean {
    const hash = fnv1a(key);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === 0) {
        this.slots[slot] = this.strings.add(key) + 1;
        this.hashes[slot] = hash;
        if (this.strings.size * 2 > this.slots.length) this.grow();
        return true;
      }
      if (this.hashes[slot] === hash && this.equals(entry - 1, key)) return false;
    }
  }

  private equals(index: number, key: Uint8Array): boolean {
    return this.strings.length(index) === key.length && this.strings.prefixEquals(index, key, key.length);
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const hashes = new Int32Array(slots.length);
    const mask = slots.length - 1;
    for (let old = 0; old < this.slots.length; old++) {
      const entry = this.slots[old];
      if (entry === 0) continue;
      let slot = this.hashes[old] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry;
      hashes[slot] = this.hashes[old];
    }
    this.slots = slots;
    this.hashes = hashes;
  }
}

function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash | 0;
}
