import type { RedisClient } from '../connection/clientFactory';
import { compareKeyNames } from '../keyspace/keyName';
import { prefixGlob } from '../keyspace/keyFilter';
import { KeyspaceScanner } from '../keyspace/keyspaceScanner';
import type { LoadBudget } from '../keyspace/loadBudget';

export interface KeySuggestionOptions {
  /** SCAN COUNT per round trip (the key browser's). */
  count: number;
  /** Keys the server may examine for one suggestion list (the key browser's keys per load). */
  maxKeys: number;
  /** Names to return at most. */
  limit: number;
  signal?: AbortSignal;
  /** Paces the suggestion walk's SCAN calls (one budget per walk). */
  budget?: LoadBudget;
}

/**
 * Key names that start with `prefix` (SCAN MATCH on every master, never KEYS), for a picker that
 * suggests as the user types. Bounded twice: it stops after `limit` names, and after the server
 * examined about `maxKeys` keys (`count` per round trip), so a rare prefix on a huge keyspace
 * returns what it found so far instead of walking everything. Sorted as the tree sorts.
 */
export async function suggestKeys(client: RedisClient, prefix: Buffer, options: KeySuggestionOptions): Promise<Buffer[]> {
  const scanner = new KeyspaceScanner(client, { match: prefixGlob(prefix), count: options.count });
  const found = new Map<string, Buffer>();
  for (let examined = 0; examined < options.maxKeys && found.size < options.limit && !scanner.done; examined += options.count) {
    const page = await scanner.nextPage({ signal: options.signal, ...(options.budget ? { budget: options.budget } : {}) });
    for (const key of page.keys) if (found.size < options.limit) found.set(key.toString('latin1'), key);
    if (page.done) break;
  }
  return [...found.values()].sort(compareKeyNames);
}
