import { createServer, Socket, type Server } from 'node:net';
import type { RedisFixture } from '../../fixtures/redis';

/** Freezes a server as a stalled VM would (SIGSTOP): the kernel still accepts connections, nothing answers. */
export function freeze(server: Pick<RedisFixture, 'pid'>): void {
  process.kill(server.pid, 'SIGSTOP');
}

/** Resumes a frozen server; also done before stopping one, because a stopped redis-server ignores SIGTERM. */
export function thaw(server: Pick<RedisFixture, 'pid'>): void {
  try {
    process.kill(server.pid, 'SIGCONT');
  } catch {
    // already gone
  }
}

/** Runs `body` with the server frozen, always resuming it afterwards. */
export async function whileFrozen<T>(server: Pick<RedisFixture, 'pid'>, body: () => Promise<T>): Promise<T> {
  freeze(server);
  try {
    return await body();
  } finally {
    thaw(server);
  }
}

/** Resolves with how `promise` settled, or 'pending' if it has not within `ms` (a hang shows as 'pending', not a mocha timeout). */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<{ state: 'fulfilled'; value: T } | { state: 'rejected'; error: Error } | { state: 'pending' }> {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<{ state: 'pending' }>((resolve) => (timer = setTimeout(() => resolve({ state: 'pending' }), ms)));
  const settled = promise.then(
    (value) => ({ state: 'fulfilled' as const, value }),
    (error: Error) => ({ state: 'rejected' as const, error }),
  );
  try {
    return await Promise.race([settled, pending]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A local TCP proxy in front of a server, to cut or stall connections as a flaky network does:
 * `stall()` stops forwarding in both directions (bytes pile up, nothing is closed), `resume()`
 * forwards again, `cut()` resets every open connection.
 */
export class FaultyProxy {
  private readonly server: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private stalled = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => this.pipe(client));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  stall(): void {
    this.stalled = true;
    for (const [a, b] of this.pairs) {
      a.unpipe(b);
      b.unpipe(a);
      a.pause();
      b.pause();
    }
  }

  resume(): void {
    this.stalled = false;
    for (const [a, b] of this.pairs) {
      a.pipe(b);
      b.pipe(a);
    }
  }

  cut(): void {
    for (const [a, b] of this.pairs) {
      a.resetAndDestroy();
      b.resetAndDestroy();
    }
    this.pairs.clear();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pipe(client: Socket): void {
    const upstream = new Socket();
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    const drop = (): void => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    upstream.connect(this.target.port, this.target.host);
    if (this.stalled) {
      // Like a partition: the connection opens (the kernel accepts it) but nothing gets through.
      client.pause();
      upstream.pause();
    } else {
      client.pipe(upstream);
      upstream.pipe(client);
    }
  }
}
