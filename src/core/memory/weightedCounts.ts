import type { Distribution, TtlDistribution } from './reportTypes';

const HOUR = 3_600_000;

/** Keys and memory per name (type, encoding); weighted sums, rounded when read. */
export class WeightedDistribution {
  private readonly map = new Map<string, Distribution>();

  add(name: string, keys: number, memoryBytes: number): void {
    const existing = this.map.get(name);
    if (existing) {
      existing.keys += keys;
      existing.memoryBytes += memoryBytes;
    } else {
      this.map.set(name, { name, keys, memoryBytes });
    }
  }

  /** Biggest memory first. */
  sorted(): Distribution[] {
    return [...this.map.values()].sort((a, b) => b.memoryBytes - a.memoryBytes).map((d) => ({ name: d.name, keys: Math.round(d.keys), memoryBytes: Math.round(d.memoryBytes) }));
  }
}

/** Keys per TTL bucket: no expiry, < 1 h, < 1 d, < 1 w, more. */
export class TtlCounter {
  private readonly buckets: TtlDistribution = { none: 0, under1h: 0, under1d: 0, under1w: 0, more: 0 };

  add(ttlMs: number | null, weight: number): void {
    const b = this.buckets;
    if (ttlMs === null) b.none += weight;
    else if (ttlMs < HOUR) b.under1h += weight;
    else if (ttlMs < 24 * HOUR) b.under1d += weight;
    else if (ttlMs < 7 * 24 * HOUR) b.under1w += weight;
    else b.more += weight;
  }

  rounded(): TtlDistribution {
    const b = this.buckets;
    return { none: Math.round(b.none), under1h: Math.round(b.under1h), under1d: Math.round(b.under1d), under1w: Math.round(b.under1w), more: Math.round(b.more) };
  }
}
