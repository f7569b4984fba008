import assert from 'node:assert/strict';
import { exported, type PatternProof, type ProofContext } from '../harness/proof';
import { range } from '../harness/util';

interface Bitmaps {
  markActive(userId: number, day: string): Promise<boolean>;
  dailyCount(day: string): Promise<number>;
  isActive(userId: number, day: string): Promise<boolean>;
  activeInAny(days: string[]): Promise<number>;
  activeOnAll(days: string[]): Promise<number>;
}
type BitmapsClass = new (client: object, metric: string, options?: { dayTtlSeconds?: number; reportTtlSeconds?: number }) => Bitmaps;

const bitmapsClass = (ctx: ProofContext) => exported<BitmapsClass>(ctx, 'ActivityBitmaps');
const DAYS = range(7).map((i) => `2024-05-0${i + 1}`);

function randomUsers(count: number, maxId: number): Set<number> {
  const users = new Set<number>();
  while (users.size < count) users.add(Math.floor(Math.random() * maxId));
  return users;
}

export const bitmapAnalyticsProof: PatternProof = {
  checks: {
    'daily, weekly (OR) and cohort (AND) counts equal set computations, with concurrent writers': async (ctx) => {
      const Bitmaps = bitmapsClass(ctx);
      const writers = (await ctx.connectMany(4)).map((client) => new Bitmaps(client, 'logins', { dayTtlSeconds: 86_400, reportTtlSeconds: 600 }));
      const activity = new Map(DAYS.map((day) => [day, randomUsers(150, 5000)]));
      const marks = [...activity].flatMap(([day, users]) => [...users].map((user) => ({ day, user })));
      const firsts = await Promise.all(marks.map(({ day, user }, i) => writers[i % writers.length].markActive(user, day)));
      assert.ok(firsts.every(Boolean), 'each first activity of a day is reported as first');
      assert.equal(await writers[0].markActive(marks[0].user, marks[0].day), false, 'a repeat is not');

      const reader = writers[1];
      for (const [day, users] of activity) assert.equal(await reader.dailyCount(day), users.size);
      const union = new Set(DAYS.flatMap((day) => [...(activity.get(day) ?? [])]));
      assert.equal(await reader.activeInAny(DAYS), union.size);
      const [cohortDay, laterDay] = [DAYS[0], DAYS[6]];
      const cohort = activity.get(cohortDay) ?? new Set<number>();
      const returned = [...cohort].filter((user) => activity.get(laterDay)?.has(user));
      assert.equal(await reader.activeOnAll([cohortDay, laterDay]), returned.length);
      assert.equal(await reader.isActive(marks[3].user, marks[3].day), true);
    },

    'every day bitmap and every combined bitmap carries a TTL': async (ctx) => {
      const bitmaps = new (bitmapsClass(ctx))(await ctx.connect(), 'logins', { dayTtlSeconds: 86_400, reportTtlSeconds: 600 });
      for (const day of DAYS.slice(0, 3)) await bitmaps.markActive(42, day);
      await bitmaps.activeInAny(DAYS.slice(0, 3));
      await bitmaps.activeOnAll(DAYS.slice(0, 2));
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await ctx.admin.scan(cursor, 'MATCH', 'active:*', 'COUNT', 100);
        cursor = next;
        keys.push(...batch);
      } while (cursor !== '0');
      assert.equal(keys.length, 5, keys.join(', '));
      for (const key of keys) {
        const ttl = await ctx.admin.ttl(key);
        assert.ok(ttl > 0 && ttl <= (key.includes(':or:') || key.includes(':and:') ? 600 : 86_400), `${key} TTL ${ttl}`);
      }
      assert.ok(keys.every((key) => key.startsWith('active:{logins}:')), 'one hash tag per metric');
      await assert.rejects(bitmaps.markActive(-1, DAYS[0]), RangeError);
    },
  },
};
