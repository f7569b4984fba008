// Session store: one hash per session with a sliding idle TTL; every access restarts the clock.
import { createHash, randomBytes } from 'node:crypto';
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

const SESSION_KEY_PREFIX = '${1:session:}';
const SESSION_IDLE_TTL_SECONDS = ${2:1800};

// Writes only to a live session: HSET on an expired or destroyed session would bring it back half-empty.
const UPDATE_SESSION_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
`;

// #include lua-script.node-redis

const updateSessionScript = new LuaScript(UPDATE_SESSION_LUA);

export type SessionData = Record<string, string>;

export interface SessionStoreOptions {
  keyPrefix?: string;
  idleTtlSeconds?: number;
}

export class SessionStore {
  private readonly keyPrefix: string;
  private readonly idleTtlSeconds: number;

  constructor(private readonly client: RedisClient, options: SessionStoreOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? SESSION_KEY_PREFIX;
    this.idleTtlSeconds = options.idleTtlSeconds ?? SESSION_IDLE_TTL_SECONDS;
  }

  /** Stores a new session (at least one field) and returns its unguessable id. */
  async create(data: SessionData): Promise<string> {
    if (Object.keys(data).length === 0) throw new RangeError('a session needs at least one field');
    const id = randomBytes(32).toString('base64url');
    const key = this.keyPrefix + id;
    await this.client.multi().hSet(key, data).expire(key, this.idleTtlSeconds).exec();
    return id;
  }

  /** The session's fields, refreshing its idle TTL; null once it expired or was destroyed. */
  async get(id: string): Promise<SessionData | null> {
    const key = this.keyPrefix + id;
    // A session hash holds a handful of fields, so reading it whole is bounded.
    // redis-specialist-disable-next-line unbounded-read
    const [reply] = await this.client.multi().hGetAll(key).expire(key, this.idleTtlSeconds).exec();
    // node-redis 4 types transaction replies loosely; HGETALL's reply is the field → value object.
    const fields = reply as unknown as Record<string, string>;
    return Object.keys(fields).length === 0 ? null : fields;
  }

  /** Sets fields on a live session and refreshes it; false when the session is gone. */
  async update(id: string, data: SessionData): Promise<boolean> {
    const fieldsAndValues = Object.entries(data).flat();
    if (fieldsAndValues.length === 0) return this.touch(id);
    const updated = await updateSessionScript.run(this.client, [this.keyPrefix + id], [this.idleTtlSeconds, ...fieldsAndValues]);
    return updated === 1;
  }

  /** Refreshes the idle TTL without reading; false when the session is gone. */
  async touch(id: string): Promise<boolean> {
    return this.client.expire(this.keyPrefix + id, this.idleTtlSeconds);
  }

  async destroy(id: string): Promise<void> {
    await this.client.unlink(this.keyPrefix + id);
  }
}
$0
