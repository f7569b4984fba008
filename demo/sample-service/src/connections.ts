import Redis from 'ioredis';
import { redis } from './redis';

// One-command helpers over the shared client, each naming its key.
export function increment(ip: string): Promise<number> {
  return redis.incr(`rate:${ip}`);
}

export function expireIn(ip: string, seconds: number): Promise<number> {
  return redis.expire(`rate:${ip}`, seconds);
}

export async function hit(ip: string): Promise<number> {
  const count = await increment(ip);
  // INCR and EXPIRE through the helpers: a crash in between leaves the counter without a TTL, so it never resets.
  await expireIn(ip, 60);
  return count;
}

export class ReportQueries {
  // A connection per query: run() asks getConnection() for a new client every time and never closes it.
  async run(query: string): Promise<unknown> {
    const client = this.getConnection();
    const [command, ...args] = query.split(' ');
    return client.call(command, ...args);
  }

  getConnection(): any {
    return new Redis(process.env.REPORTS_URL ?? 'redis://localhost:6379');
  }
}
