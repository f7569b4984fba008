import Redis from 'ioredis';

/** ioredis defines `recordVisit` from its constructor's `scripts`: the Lua is checked like EVAL's. */
const activity = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  scripts: {
    recordVisit: {
      numberOfKeys: 1,
      // Writes `visits:total`, a key it was not given through KEYS: wrong slot on a Cluster.
      lua: "redis.call('INCR', KEYS[1]) return redis.call('INCR', 'visits:total')",
    },
  },
});

/** The feed is kept to its last 100 events where it is written: reading it whole is fine. */
export async function publish(event: string): Promise<string[]> {
  await activity.pipeline().lpush('activity:feed', event).ltrim('activity:feed', 0, 99).exec();
  return activity.lrange('activity:feed', 0, -1);
}

/** The audit stream is never trimmed: reading it from `-` to `+` brings it all back in one reply (a hint). */
export async function auditTrail(): Promise<Array<[string, string[]]>> {
  return activity.xrange('activity:audit', '-', '+');
}

/** A draft per page, with no TTL… */
export async function saveDraft(pageId: string, body: string): Promise<void> {
  await activity.set(`activity:draft:${pageId}`, body);
}

/** …deleted through an array of keys built alike when pages are published: a life cycle, so only info. */
export async function publishPages(pageIds: string[]): Promise<void> {
  const drafts = pageIds.map((id) => `activity:draft:${id}`);
  await activity.del(...drafts);
}
