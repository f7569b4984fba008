import { ByteStrings, resized } from '../bytes/byteStrings';
import { startsWith } from './keyFilter';
import { compareKeyNames } from './keyName';

/**
 * The loaded part of a keyspace, grouped into folders by a delimiter (`user:42:name` lives in
 * folder `user:` → `user:42:`). Built for a million keys and more: keys are packed in one
 * {@link ByteStrings}, every per-key and per-folder field is a slot in a typed array, and the
 * two hash indexes (key → index, folder prefix → folder) are open-addressing Int32Arrays holding
 * `[hash, index + 1]` pairs, so a probe touches one cache line instead of jumping to a per-key
 * hash array. No object is allocated per key; objects exist only for the items a view asks for.
 *
 * Counts are of keys loaded so far; a folder is "complete" once a scan covering it finished,
 * until then its count reads "≥ N".
 */

export interface FolderEntry {
  /** The segment between the parent's prefix and the delimiter (may be empty: `a::b`). */
  name: Buffer;
  /** The folder's full prefix, delimiter included; pass it to {@link KeyspaceTree.level}. */
  prefix: Buffer;
  keyCount: number;
  complete: boolean;
}

export interface LeafEntry {
  key: Buffer;
  /** The key without its folder's prefix. */
  name: Buffer;
}

export interface FolderLevel {
  prefix: Buffer;
  /** Keys loaded anywhere below this folder. */
  keyCount: number;
  complete: boolean;
  /** Child folders, sorted by name. */
  folders: FolderEntry[];
  /** One page of the keys directly in this folder. */
  leaves: LeafEntry[];
  /** Keys directly in this folder (all pages). */
  leafCount: number;
  /** Leaves are sorted by name up to `sortLimit`; beyond it they stay in load order, which is stable as more load. */
  leavesSorted: boolean;
}

export interface LevelOptions {
  leafOffset?: number;
  /** Page size for leaves (default 1000): a tree view with more children becomes unusable anyway. */
  leafLimit?: number;
  /** Sort leaves by name when the folder has at most this many (default 10,000). */
  sortLimit?: number;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const ROOT = 0;
const NONE = -1;
const DELETED = 1;
/** Reserving more than this is left to growth as keys really arrive. */
const MAX_RESERVE = 1 << 24;

export class KeyspaceTree {
  readonly delimiter: Buffer;
  private readonly strings: ByteStrings;
  /** Live keys. */
  private liveKeys = 0;

  // Per key (index = ByteStrings index).
  private keyFolder: Int32Array;
  private keyNext: Int32Array;
  private keyFlags: Uint8Array;
  private keySlots: Int32Array;

  // Per folder; folder 0 is the root. A folder's prefix is the first `folderLength` bytes of key `folderKey`.
  private folderCount = 1;
  private folderKey: Int32Array = Int32Array.of(NONE, 0, 0, 0, 0, 0, 0, 0);
  private folderLength: Int32Array = new Int32Array(8);
  private folderParent: Int32Array = Int32Array.of(NONE, 0, 0, 0, 0, 0, 0, 0);
  private folderKeys: Int32Array = new Int32Array(8);
  private folderLeaves: Int32Array = new Int32Array(8);
  private folderLeafHead: Int32Array = Int32Array.of(NONE, 0, 0, 0, 0, 0, 0, 0);
  private folderLeafTail: Int32Array = Int32Array.of(NONE, 0, 0, 0, 0, 0, 0, 0);
  private folderChildHead: Int32Array = Int32Array.of(NONE, 0, 0, 0, 0, 0, 0, 0);
  private folderChildTail: Int32Array = Int32Array.of(NONE, 0, 0, 0, 0, 0, 0, 0);
  private folderSibling: Int32Array = Int32Array.of(NONE, 0, 0, 0, 0, 0, 0, 0);
  private folderSlots: Int32Array = new Int32Array(2 * 16);

  /** Where the delimiter ends inside the key being added, and the hash of the bytes before it. */
  private cutEnds: Int32Array = new Int32Array(64);
  private cutHashes: Int32Array = new Int32Array(64);
  /** Hash of the whole key last seen by `findCuts`. */
  private lastHash = 0;
  private readonly completePrefixes: Buffer[] = [];

  constructor(delimiter: string | Uint8Array) {
    this.delimiter = Buffer.from(typeof delimiter === 'string' ? Buffer.from(delimiter, 'utf8') : delimiter);
    const capacity = 1024;
    this.strings = new ByteStrings(capacity);
    this.keyFolder = new Int32Array(capacity);
    this.keyNext = new Int32Array(capacity);
    this.keyFlags = new Uint8Array(capacity);
    this.keySlots = new Int32Array(2 * 2 * capacity);
  }

  /**
   * Makes room for `totalKeys` keys at once, before a bulk load whose size is known (the
   * database's key count from INFO keyspace), instead of doubling every array as keys arrive.
   */
  reserve(totalKeys: number): void {
    const capacity = powerOfTwoAtLeast(Math.min(totalKeys, MAX_RESERVE));
    while (this.keyFolder.length < capacity) this.growKeys();
    while (this.keySlots.length < 4 * capacity) this.keySlots = doubled(this.keySlots);
  }

  /** Live keys loaded. */
  get size(): number {
    return this.liveKeys;
  }

  /** Adds keys (duplicates from SCAN are ignored) and returns how many were new. */
  addAll(keys: readonly Uint8Array[]): number {
    let added = 0;
    for (const key of keys) if (this.add(key)) added++;
    return added;
  }

  /** Adds one key; false when it was already there (SCAN may return a key more than once). */
  add(key: Uint8Array): boolean {
    const cuts = this.findCuts(key);
    const hash = this.lastHash;
    const found = this.findKey(key, hash);
    if (found !== NONE) {
      if (this.keyFlags[found] !== DELETED) return false;
      this.keyFlags[found] = 0;
      this.adjustCounts(this.keyFolder[found], +1);
      return true;
    }
    if (this.strings.size === this.keyFolder.length) this.growKeys();
    const index = this.strings.add(key);
    this.keyNext[index] = NONE;
    insertSlot(this.keySlots, index, hash);
    // Keep the table at most half full (in entries: slots.length / 2), so probes stay short.
    if ((index + 1) * 4 > this.keySlots.length) this.keySlots = doubled(this.keySlots);
    let folder = ROOT;
    for (let c = 0; c < cuts; c++) folder = this.folderFor(folder, key, this.cutEnds[c], this.cutHashes[c], index);
    this.keyFolder[index] = folder;
    this.appendLeaf(folder, index);
    this.adjustCounts(folder, +1);
    return true;
  }

  /** Forgets a key (after a delete); false when it was not loaded. */
  remove(key: Uint8Array): boolean {
    this.findCuts(key);
    const found = this.findKey(key, this.lastHash);
    if (found === NONE || this.keyFlags[found] === DELETED) return false;
    this.keyFlags[found] = DELETED;
    this.adjustCounts(this.keyFolder[found], -1);
    return true;
  }

  has(key: Uint8Array): boolean {
    this.findCuts(key);
    const found = this.findKey(key, this.lastHash);
    return found !== NONE && this.keyFlags[found] !== DELETED;
  }

  /** Records that a scan of every key starting with `prefix` finished (empty prefix: everything). */
  markComplete(prefix: Uint8Array): void {
    if (!this.isComplete(prefix)) this.completePrefixes.push(Buffer.from(prefix));
  }

  isComplete(prefix: Uint8Array): boolean {
    return this.completePrefixes.some((done) => startsWith(prefix, done));
  }

  /** Keys loaded below `prefix` and directly in it, without building the folder list {@link level} returns. */
  counts(prefix: Uint8Array): { keyCount: number; leafCount: number } {
    const folder = this.findFolder(prefix);
    return folder === NONE ? { keyCount: 0, leafCount: 0 } : { keyCount: this.folderKeys[folder], leafCount: this.folderLeaves[folder] };
  }

  /** The folders and a page of keys directly under `prefix` ('' or a folder prefix ending with the delimiter). */
  level(prefix: Uint8Array, options: LevelOptions = {}): FolderLevel {
    const folder = this.findFolder(prefix);
    const complete = this.isComplete(prefix);
    const result: FolderLevel = { prefix: Buffer.from(prefix), keyCount: 0, complete, folders: [], leaves: [], leafCount: 0, leavesSorted: true };
    if (folder === NONE) return result;
    result.keyCount = this.folderKeys[folder];
    result.leafCount = this.folderLeaves[folder];
    const length = this.folderLength[folder];
    for (let child = this.folderChildHead[folder]; child !== NONE; child = this.folderSibling[child]) {
      if (this.folderKeys[child] === 0) continue;
      const key = this.folderKey[child];
      const childLength = this.folderLength[child];
      const childPrefix = this.strings.copy(key, 0, childLength);
      result.folders.push({
        name: childPrefix.subarray(length, childLength - this.delimiter.length),
        prefix: childPrefix,
        keyCount: this.folderKeys[child],
        complete: complete || this.isComplete(childPrefix),
      });
    }
    result.folders.sort((a, b) => compareKeyNames(a.name, b.name));
    const offset = options.leafOffset ?? 0;
    const limit = options.leafLimit ?? 1000;
    const sortLimit = options.sortLimit ?? 10_000;
    result.leavesSorted = result.leafCount <= sortLimit;
    const page = result.leavesSorted ? this.sortedLeaves(folder).slice(offset, offset + limit) : this.leavesInLoadOrder(folder, offset, limit);
    result.leaves = page.map((index) => {
      const key = this.strings.copy(index);
      return { key, name: key.subarray(length) };
    });
    return result;
  }

  /** Calls `visit` with a view of every live key (valid only during the call), in load order. */
  forEachKey(visit: (key: Buffer) => void): void {
    for (let index = 0; index < this.strings.size; index++) if (this.keyFlags[index] !== DELETED) visit(this.strings.view(index));
  }

  /** Bytes held by this tree's arrays (for benchmarks and the load guard). */
  get memoryBytes(): number {
    const keyArrays = this.keyFolder.byteLength * 2 + this.keyFlags.byteLength + this.keySlots.byteLength;
    const folderArrays = this.folderKey.byteLength * 11 + this.folderSlots.byteLength;
    return this.strings.memoryBytes + keyArrays + folderArrays;
  }

  private sortedLeaves(folder: number): number[] {
    const leaves = this.leavesInLoadOrder(folder, 0, Number.MAX_SAFE_INTEGER);
    return leaves.sort((a, b) => compareKeyNames(this.strings.view(a), this.strings.view(b)));
  }

  private leavesInLoadOrder(folder: number, offset: number, limit: number): number[] {
    const out: number[] = [];
    let skipped = 0;
    for (let index = this.folderLeafHead[folder]; index !== NONE && out.length < limit; index = this.keyNext[index]) {
      if (this.keyFlags[index] === DELETED) continue;
      if (skipped++ >= offset) out.push(index);
    }
    return out;
  }

  /**
   * One pass over the key: its FNV-1a hash (left in `lastHash`) and, for each delimiter that is
   * not at the very end, the prefix length up to and including it with the hash of that prefix.
   */
  private findCuts(key: Uint8Array): number {
    const delimiter = this.delimiter;
    const dl = delimiter.length;
    const d0 = dl > 0 ? delimiter[0] : -1;
    const n = key.length;
    let hash = FNV_OFFSET;
    let cuts = 0;
    for (let i = 0; i < n; i++) {
      const byte = key[i];
      hash = Math.imul(hash ^ byte, FNV_PRIME);
      if (byte !== d0) continue;
      if (dl > 1) {
        if (i + dl > n || !delimiterAt(key, i, delimiter)) continue;
        for (let k = 1; k < dl; k++) hash = Math.imul(hash ^ key[i + k], FNV_PRIME);
        i += dl - 1;
      }
      // A key that ends with the delimiter ("a:") is a key, not a folder holding an empty name.
      if (i + 1 === n) continue;
      if (cuts === this.cutEnds.length) {
        this.cutEnds = resized(this.cutEnds, cuts * 2);
        this.cutHashes = resized(this.cutHashes, cuts * 2);
      }
      this.cutEnds[cuts] = i + 1;
      this.cutHashes[cuts] = hash;
      cuts++;
    }
    this.lastHash = hash;
    return cuts;
  }

  private findKey(key: Uint8Array, hash: number): number {
    const slots = this.keySlots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot + 1];
      if (entry === 0) return NONE;
      if (slots[2 * slot] !== hash) continue;
      const index = entry - 1;
      if (this.strings.length(index) === key.length && this.strings.prefixEquals(index, key, key.length)) return index;
    }
  }

  private findFolder(prefix: Uint8Array): number {
    if (prefix.length === 0) return ROOT;
    let hash = FNV_OFFSET;
    for (let i = 0; i < prefix.length; i++) hash = Math.imul(hash ^ prefix[i], FNV_PRIME);
    return this.lookupFolder(prefix, prefix.length, hash);
  }

  private lookupFolder(bytes: Uint8Array, length: number, hash: number): number {
    const slots = this.folderSlots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot + 1];
      if (entry === 0) return NONE;
      if (slots[2 * slot] !== hash) continue;
      const folder = entry - 1;
      if (this.folderLength[folder] === length && this.strings.prefixEquals(this.folderKey[folder], bytes, length)) return folder;
    }
  }

  /** The child folder of `parent` for `key[0, end)`, created (with key `index` as its name holder) if new. */
  private folderFor(parent: number, key: Uint8Array, end: number, hash: number, index: number): number {
    const existing = this.lookupFolder(key, end, hash);
    if (existing !== NONE) return existing;
    const folder = this.folderCount++;
    if (folder === this.folderKey.length) this.growFolders();
    this.folderKey[folder] = index;
    this.folderLength[folder] = end;
    this.folderParent[folder] = parent;
    this.folderKeys[folder] = 0;
    this.folderLeaves[folder] = 0;
    this.folderLeafHead[folder] = NONE;
    this.folderLeafTail[folder] = NONE;
    this.folderChildHead[folder] = NONE;
    this.folderChildTail[folder] = NONE;
    this.folderSibling[folder] = NONE;
    if (this.folderChildTail[parent] === NONE) this.folderChildHead[parent] = folder;
    else this.folderSibling[this.folderChildTail[parent]] = folder;
    this.folderChildTail[parent] = folder;
    insertSlot(this.folderSlots, folder, hash);
    if (this.folderCount * 4 > this.folderSlots.length) this.folderSlots = doubled(this.folderSlots);
    return folder;
  }

  private appendLeaf(folder: number, index: number): void {
    if (this.folderLeafTail[folder] === NONE) this.folderLeafHead[folder] = index;
    else this.keyNext[this.folderLeafTail[folder]] = index;
    this.folderLeafTail[folder] = index;
  }

  /** Adds `delta` to the key count of `folder` and every ancestor, and to its direct-leaf count. */
  private adjustCounts(folder: number, delta: number): void {
    this.liveKeys += delta;
    this.folderLeaves[folder] += delta;
    for (let f = folder; f !== NONE; f = this.folderParent[f]) this.folderKeys[f] += delta;
  }

  private growKeys(): void {
    const capacity = this.keyFolder.length * 2;
    this.strings.reserve(capacity);
    this.keyFolder = resized(this.keyFolder, capacity);
    this.keyNext = resized(this.keyNext, capacity);
    this.keyFlags = resized(this.keyFlags, capacity);
  }

  private growFolders(): void {
    const capacity = this.folderKey.length * 2;
    this.folderKey = resized(this.folderKey, capacity);
    this.folderLength = resized(this.folderLength, capacity);
    this.folderParent = resized(this.folderParent, capacity);
    this.folderKeys = resized(this.folderKeys, capacity);
    this.folderLeaves = resized(this.folderLeaves, capacity);
    this.folderLeafHead = resized(this.folderLeafHead, capacity);
    this.folderLeafTail = resized(this.folderLeafTail, capacity);
    this.folderChildHead = resized(this.folderChildHead, capacity);
    this.folderChildTail = resized(this.folderChildTail, capacity);
    this.folderSibling = resized(this.folderSibling, capacity);
  }
}

/** Puts `[hash, index + 1]` in the first free pair at or after the hash's home slot. */
function insertSlot(slots: Int32Array, index: number, hash: number): void {
  const mask = (slots.length >> 1) - 1;
  let slot = hash & mask;
  while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
  slots[2 * slot] = hash;
  slots[2 * slot + 1] = index + 1;
}

/** The same entries in a table twice as large (hashes are stored, so no key is rehashed). */
function doubled(old: Int32Array): Int32Array {
  const slots = new Int32Array(old.length * 2);
  for (let pair = 0; pair < old.length; pair += 2) if (old[pair + 1] !== 0) insertSlot(slots, old[pair + 1] - 1, old[pair]);
  return slots;
}

function powerOfTwoAtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function delimiterAt(key: Uint8Array, at: number, delimiter: Uint8Array): boolean {
  for (let k = 1; k < delimiter.length; k++) if (key[at + k] !== delimiter[k]) return false;
  return true;
}
