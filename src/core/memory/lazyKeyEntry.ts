import { formatKeyName } from '../redis/keyspace/keyName';
import type { KeyEntry, MemoryKeyInput } from './reportTypes';

/** A key's report entry, built (name escaped) only if some top list or finding keeps the key. */
export class LazyKeyEntry {
  private value: KeyEntry | null = null;

  constructor(readonly input: MemoryKeyInput) {}

  get(): KeyEntry {
    const input = this.input;
    this.value ??= { key: formatKeyName(input.key), db: input.db, type: input.type, encoding: input.encoding, memoryBytes: input.memoryBytes, elements: input.elements, ttlMs: input.ttlMs };
    return this.value;
  }
}
