import Redis, { type RedisOptions } from 'ioredis';

// The project's own client class: it extends ioredis, and a static getter hands out one shared object of it.
export default class Connection extends Redis {
  private static shared: Connection | undefined;

  constructor(url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', options: RedisOptions = {}) {
    super(url, options);
  }

  static get defaultClient(): Connection {
    return this.shared ?? (this.shared = new this());
  }
}
