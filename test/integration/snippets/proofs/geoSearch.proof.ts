import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { range } from '../harness/util';

interface Place {
  member: string;
  longitude: number;
  latitude: number;
}
interface Hit {
  member: string;
  distanceM: number;
}
interface GeoIndex {
  upsert(places: Place[], now?: number): Promise<void>;
  searchRadius(longitude: number, latitude: number, radiusM: number, page?: number): Promise<Hit[]>;
  searchBox(longitude: number, latitude: number, widthM: number, heightM: number, page?: number): Promise<Hit[]>;
  distance(a: string, b: string): Promise<number | null>;
  prune(now?: number): Promise<number>;
}
type GeoIndexClass = new (client: object, name: string, options?: { positionTtlMs?: number; idleTtlMs?: number; pageSize?: number }) => GeoIndex;

const geoClass = (ctx: ProofContext) => exported<GeoIndexClass>(ctx, 'GeoIndex');
/** The earth radius Redis uses for its haversine distances. */
const EARTH_RADIUS_M = 6372797.560856;
const CENTRE = { longitude: 13.405, latitude: 52.52 };
/** Geohash quantisation moves a stored position by well under a metre. */
const PRECISION_M = 1;

function haversine(a: { longitude: number; latitude: number }, b: { longitude: number; latitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

function randomPlaces(count: number, prefix: string): Place[] {
  return range(count).map((i) => ({ member: `${prefix}${i}`, longitude: CENTRE.longitude + (Math.random() - 0.5) * 0.12, latitude: CENTRE.latitude + (Math.random() - 0.5) * 0.08 }));
}

export const geoSearchProof: PatternProof = {
  checks: {
    'radius search returns exactly the places a haversine reference puts inside, nearest first, with the same distances': async (ctx) => {
      const index = new (geoClass(ctx))(await ctx.connect(), 'couriers', { pageSize: 500 });
      const places = randomPlaces(400, 'courier-');
      await index.upsert(places);
      const radius = 2500;
      const reference = places.map((place) => ({ member: place.member, distanceM: haversine(CENTRE, place) }));
      const hits = await index.searchRadius(CENTRE.longitude, CENTRE.latitude, radius);
      const found = new Set(hits.map((hit) => hit.member));
      for (const { member, distanceM } of reference) {
        if (Math.abs(distanceM - radius) <= PRECISION_M) continue; // on the edge: either answer is right
        assert.equal(found.has(member), distanceM < radius, `${member} at ${distanceM.toFixed(1)} m`);
      }
      for (const hit of hits) {
        const expected = reference.find((r) => r.member === hit.member)?.distanceM ?? NaN;
        assert.ok(Math.abs(hit.distanceM - expected) <= PRECISION_M, `${hit.member}: ${hit.distanceM} vs ${expected}`);
      }
      assert.ok(hits.every((hit, i) => i === 0 || hits[i - 1].distanceM <= hit.distanceM), 'nearest first');
      const [a, b] = places;
      assert.ok(Math.abs(((await index.distance(a.member, b.member)) ?? NaN) - haversine(a, b)) <= PRECISION_M);
      assert.equal(await index.distance(a.member, 'nobody'), null);
    },

    'pages follow each other without gaps or repeats, and a box search returns exactly the places inside the box': async (ctx) => {
      const index = new (geoClass(ctx))(await ctx.connect(), 'couriers', { pageSize: 15 });
      const sample = randomPlaces(200, 'p-');
      await index.upsert(sample);
      const all = new (geoClass(ctx))(await ctx.connect(), 'couriers', { pageSize: 1000 });
      const everything = await all.searchRadius(CENTRE.longitude, CENTRE.latitude, 3000);
      const paged = [...(await index.searchRadius(CENTRE.longitude, CENTRE.latitude, 3000, 0)), ...(await index.searchRadius(CENTRE.longitude, CENTRE.latitude, 3000, 1))];
      assert.deepEqual(paged.map((hit) => hit.member), everything.slice(0, 30).map((hit) => hit.member));

      // Redis keeps a point in a box when its north-south distance from the centre is within height/2 and its
      // east-west distance, measured along the point's latitude, within width/2.
      const [width, height] = [3000, 2000];
      const box = new Set((await all.searchBox(CENTRE.longitude, CENTRE.latitude, width, height)).map((hit) => hit.member));
      assert.ok(box.size > 0);
      for (const place of sample) {
        const northSouth = haversine(CENTRE, { longitude: CENTRE.longitude, latitude: place.latitude });
        const eastWest = haversine(place, { longitude: CENTRE.longitude, latitude: place.latitude });
        const margin = Math.min(Math.abs(northSouth - height / 2), Math.abs(eastWest - width / 2));
        if (margin <= PRECISION_M) continue; // on an edge: either answer is right
        assert.equal(box.has(place.member), northSouth < height / 2 && eastWest < width / 2, `${place.member} (${northSouth.toFixed(0)} m N/S, ${eastWest.toFixed(0)} m E/W)`);
      }
    },

    'positions not updated within their TTL are pruned from both keys, which carry an idle TTL': async (ctx) => {
      const now = Date.now();
      const index = new (geoClass(ctx))(await ctx.connect(), 'couriers', { positionTtlMs: 5 * 60_000, idleTtlMs: 3_600_000 });
      const stale = randomPlaces(30, 'stale-');
      const fresh = randomPlaces(20, 'fresh-');
      await index.upsert(stale, now - 10 * 60_000);
      await index.upsert(fresh, now - 60_000);
      assert.equal(await index.prune(now), stale.length);
      const hits = await index.searchRadius(CENTRE.longitude, CENTRE.latitude, 10_000);
      assert.deepEqual(hits.map((hit) => hit.member).sort(), fresh.map((place) => place.member).sort());
      assert.equal(await ctx.admin.zcard('geo:{couriers}:seen'), fresh.length);
      for (const key of ['geo:{couriers}', 'geo:{couriers}:seen']) {
        const ttl = await ctx.admin.pttl(key);
        assert.ok(ttl > 0 && ttl <= 3_600_000, `${key} TTL ${ttl}`);
      }
    },
  },
};
