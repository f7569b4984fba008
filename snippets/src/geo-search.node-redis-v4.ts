// Geospatial index: positions in a geo set (a sorted set scored by geohash), searched with GEOSEARCH by radius
// or box, nearest first, with distances and paging. Ephemeral positions (couriers, vehicles) record when they
// were last seen in a second sorted set; prune() drops the stale ones atomically. Both keys share a {hash tag}.
import { createHash } from 'node:crypto';
import { GeoReplyWith, type createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

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

// #include lua-script.node-redis

const pruneScript = new LuaScript(PRUNE_LUA);

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

  constructor(private readonly client: RedisClient, name: string, options: GeoIndexOptions = {}) {
    this.positionsKey = `${options.keyPrefix ?? GEO_KEY_PREFIX}{${name}}`;
    this.seenKey = `${this.positionsKey}:seen`;
    this.positionTtlMs = options.positionTtlMs ?? GEO_POSITION_TTL_MS;
    this.idleTtlMs = options.idleTtlMs ?? GEO_IDLE_TTL_MS;
    this.pageSize = options.pageSize ?? GEO_PAGE_SIZE;
  }

  /** Adds or moves places and marks them seen now, in one transaction. */
  async upsert(places: Place[], now = Date.now()): Promise<void> {
    if (places.length === 0) return;
    await this.client
      .multi()
      .geoAdd(this.positionsKey, places)
      .zAdd(this.seenKey, places.map((place) => ({ score: now, value: place.member })))
      .pExpire(this.positionsKey, this.idleTtlMs)
      .pExpire(this.seenKey, this.idleTtlMs)
      .exec();
  }

  /** Places within radiusM of a point, nearest first; page 0 is the first pageSize hits. */
  async searchRadius(longitude: number, latitude: number, radiusM: number, page = 0): Promise<Hit[]> {
    return this.search({ longitude, latitude }, { radius: radiusM, unit: 'm' }, page);
  }

  /** Places inside a box of widthM × heightM centred on a point, nearest first. */
  async searchBox(longitude: number, latitude: number, widthM: number, heightM: number, page = 0): Promise<Hit[]> {
    return this.search({ longitude, latitude }, { width: widthM, height: heightM, unit: 'm' }, page);
  }

  /** Metres between two places; null when either is unknown. */
  async distance(a: string, b: string): Promise<number | null> {
    const metres = await this.client.geoDist(this.positionsKey, a, b, 'm');
    return metres === null ? null : Number(metres);
  }

  /** Removes positions not updated within positionTtlMs; returns how many (call it periodically). */
  async prune(now = Date.now()): Promise<number> {
    let removed = 0;
    for (;;) {
      const batch = Number(await pruneScript.run(this.client, [this.positionsKey, this.seenKey], [now - this.positionTtlMs, GEO_PRUNE_BATCH]));
      removed += batch;
      if (batch < GEO_PRUNE_BATCH) return removed;
    }
  }

  private async search(
    from: { longitude: number; latitude: number },
    by: { radius: number; unit: 'm' } | { width: number; height: number; unit: 'm' },
    page: number,
  ): Promise<Hit[]> {
    // GEOSEARCH has no offset: ask for the hits up to the end of the page and keep the page's slice.
    const hits = await this.client.geoSearchWith(this.positionsKey, from, by, [GeoReplyWith.DISTANCE], {
      SORT: 'ASC',
      COUNT: (page + 1) * this.pageSize,
    });
    return hits.slice(page * this.pageSize).map((hit) => ({ member: hit.member, distanceM: Number(hit.distance) }));
  }
}
$0
