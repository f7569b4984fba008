import { formatKeyName } from '../redis/keyspace/keyName';
import type { KeyEntry, MemoryKeyInput } from './reportTypes';

/** A key's report entry, built (name escaped) only if some top list or finding keeps the key. */
export class LazyKeyEntry {
  private value: KeyEntry | null = null;
  private escaped: string | null = null;

  constructor(readonly input: MemoryKeyInput) {}

  /** The key as the key browser shows it. */
  get name(): string {
    this.escaped ??= formatKeyName(this.input.key);
    return this.escaped;
  }

  /** The entry of a key whose details were read (top lists only take those). */
  get(): KeyEntry {
    const input = this.input;
    this.value ??= {
      key: this.name,
      db: input.db,
      type: input.type,
      encoding: input.encoding ?? 'unknown',
      memoryBytes: input.memoryBytes,
      elements: input.elements ?? 0,
      ttlMs: input.ttlMs,
      ...(input.memoryEstimated ? { memoryEstimated: true as const } : {}),
    };
    return this.value;
  }
}
