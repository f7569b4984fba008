import Redis from 'ioredis';
import type { Endpoint } from '../../fixtures/redis';
import { formatKeyName } from '../../../src/core/redis/keyspace/keyName';
import { globMatches } from '../../../src/core/redis/keyspace/globMatch';

const COUNT: Record<string, string> = { string: 'STRLEN', hash: 'HLEN', list: 'LLEN', set: 'SCARD', zset: 'ZCARD', stream: 'XLEN' };

/** What MEMORY USAGE says about one key, read key by key (the ground truth of the live report). */
export interface TruthKey {
  name: string;
  bytes: Buffer;
  type: string;
  /** MEMORY USAGE with the server's default sampling. */
  memory: number;
  /** MEMORY USAGE … SAMPLES 0 (every element). */
  exact: number;
  elements: number;
  ttlMs: number | null;
}

/** Every key of every master, one key at a time (no pipeline, no cleverness). */
export async function groundTruth(masters: readonly Endpoint[]): Promise<TruthKey[]> {
  const out: TruthKey[] = [];
  for (const endpoint of masters) {
    const redis = new Redis({ host: endpoint.host, port: endpoint.port });
    try {
      let cursor = '0';
      const keys: Buffer[] = [];
      do {
        const [next, page] = await redis.scanBuffer(cursor, 'COUNT', 500);
        cursor = String(next);
        keys.push(...page);
      } while (cursor !== '0');
      for (const key of new Map(keys.map((k) => [k.toString('base64'), k])).values()) {
        const type = await redis.type(key);
        const pttl = await redis.pttl(key);
        const memory = Number(await redis.call('MEMORY', 'USAGE', key));
        const exact = Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
        const elements = Number(await redis.call(COUNT[type], key));
        out.push({ name: formatKeyName(key), bytes: key, type, memory, exact, elements, ttlMs: pttl >= 0 ? pttl : null });
      }
    } finally {
      redis.disconnect();
    }
  }
  return out;
}

export function matching(truth: readonly TruthKey[], glob: string): TruthKey[] {
  const pattern = Buffer.from(glob);
  return truth.filter((k) => globMatches(pattern, k.bytes));
}

export const sum = (keys: readonly TruthKey[], pick: (k: TruthKey) => number): number => keys.reduce((n, k) => n + pick(k), 0);

/** A reproducible source of randomness in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
