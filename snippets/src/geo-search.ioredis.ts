// Geospatial index: positions in a geo set (a sorted set scored by geohash), searched with GEOSEARCH by radius
// or box, nearest first, with distances and paging. Ephemeral positions (couriers, vehicles) record when they
// were last seen in a second sorted set; prune() drops the stale ones atomically. Both keys share a {hash tag}.
import type { Cluster, Redis, Result } from 'ioredis';

const GEO_KEY_PREFIX = '${1:geo:}';
const GEO_POSITION_TTL_MS = ${2:300000};
const GEO_IDLE_TTL_MS = ${3:86400000};
const GEO_PAGE_SIZE = ${4:20};
const GEO_PRUNE_BATCH = 500;

// KEYS: positions, last-seen. ARGV: oldest last-seen to keep, batch size. Returns how many were removed.
const PRUNE_LUA = `
local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
if #stale > 0 then
  redis.call('ZREM', KEYS[1], unpack(stale))
  redis.call('ZREM', KEYS[2], unpack(stale))
end
return #stale
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    pruneStalePositions(positionsKey: string, seenKey: string, oldest: number, batch: number): Result<number, Context>;
  }
}

export interface Place {
  member: string;
  longitude: number;
  latitude: number;
}

export interface Hit {
  member: string;
  distanceM: number;
}

export interface GeoIndexOptions {
  keyPrefix?: string;
  /** A position not updated for this long is removed by prune(). */
  positionTtlMs?: number;
  /** The whole index expires after this long without updates. */
  idleTtlMs?: number;
  pageSize?: number;
}

export class GeoIndex {
  private readonly positionsKey: string;
  private readonly seenKey: string;
  private readonly positionTtlMs: number;
  private readonly idleTtlMs: number;
  private readonly pageSize: number;

  constructor(private readonly redis: Redis | Cluster, name: string, options: GeoIndexOptions = {}) {
    this.positionsKey = `${options.keyPrefix ?? GEO_KEY_PREFIX}{${name}}`;
    this.seenKey = `${this.positionsKey}:seen`;
    this.positionTtlMs = options.positionTtlMs ?? GEO_POSITION_TTL_MS;
    this.idleTtlMs = options.idleTtlMs ?? GEO_IDLE_TTL_MS;
    this.pageSize = options.pageSize ?? GEO_PAGE_SIZE;
    redis.defineCommand('pruneStalePositions', { numberOfKeys: 2, lua: PRUNE_LUA });
  }

  /** Adds or moves places and marks them seen now, in one transaction. */
  async upsert(places: Place[], now = Date.now()): Promise<void> {
    if (places.length === 0) return;
    const replies = await this.redis
      .multi()
      .geoadd(this.positionsKey, ...places.flatMap((place) => [place.longitude, place.latitude, place.member]))
      .zadd(this.seenKey, ...places.flatMap((place) => [now, place.member]))
      .pexpire(this.positionsKey, this.idleTtlMs)
      .pexpire(this.seenKey, this.idleTtlMs)
      .exec();
    for (const [error] of replies ?? []) if (error) throw error;
  }

  /** Places within radiusM of a point, nearest first; page 0 is the first pageSize hits. */
  async searchRadius(longitude: number, latitude: number, radiusM: number, page = 0): Promise<Hit[]> {
    const count = (page + 1) * this.pageSize;
    const hits = await this.redis.geosearch(this.positionsKey, 'FROMLONLAT', longitude, latitude, 'BYRADIUS', radiusM, 'm', 'ASC', 'COUNT', count, 'WITHDIST');
    return this.page(hits, page);
  }

  /** Places inside a box of widthM × heightM centred on a point, nearest first. */
  async searchBox(longitude: number, latitude: number, widthM: number, heightM: number, page = 0): Promise<Hit[]> {
    const count = (page + 1) * this.pageSize;
    const hits = await this.redis.geosearch(this.positionsKey, 'FROMLONLAT', longitude, latitude, 'BYBOX', widthM, heightM, 'm', 'ASC', 'COUNT', count, 'WITHDIST');
    return this.page(hits, page);
  }

  /** Metres between two places; null when either is unknown. */
  async distance(a: string, b: string): Promise<number | null> {
    const metres = await this.redis.geodist(this.positionsKey, a, b, 'M');
    return metres === null ? null : Number(metres);
  }

  /** Removes positions not updated within positionTtlMs; returns how many (call it periodically). */
  async prune(now = Date.now()): Promise<number> {
    let removed = 0;
    for (;;) {
      const batch = await this.redis.pruneStalePositions(this.positionsKey, this.seenKey, now - this.positionTtlMs, GEO_PRUNE_BATCH);
      removed += batch;
      if (batch < GEO_PRUNE_BATCH) return removed;
    }
  }

  /** GEOSEARCH has no offset: the searches ask for the hits up to the end of the page, and this keeps the page. */
  private page(hits: unknown[], page: number): Hit[] {
    return (hits as [string, string][]).slice(page * this.pageSize).map(([member, distance]) => ({ member, distanceM: Number(distance) }));
  }
}
$0
