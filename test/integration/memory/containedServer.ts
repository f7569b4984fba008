import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { requireBinary } from '../../fixtures/redis/binaries';
import { trackChild } from '../../fixtures/redis/cleanup';
import { freePort } from '../../fixtures/redis';
import { waitFor } from '../../fixtures/redis/wait';

/**
 * A redis-server whose data directory is a private tmpfs mounted in its own mount namespace
 * (`unshare -m`), as in a container: the server reports `dir` as a path that exists here, but the
 * dump file it writes there is invisible on this side. Needs root (or CAP_SYS_ADMIN);
 * {@link containedServerUnavailable} says why this machine does not allow it.
 */
export interface ContainedServer {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

export function containedServerUnavailable(): string | undefined {
  const probe = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs tmpfs /mnt'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : `unshare -m with a tmpfs mount is not allowed here (${(probe.stderr || probe.error?.message || '').trim()})`;
}

export async function startContainedServer(): Promise<ContainedServer> {
  const dir = mkdtempSync(join(tmpdir(), 'contained-redis-'));
  const port = await freePort();
  const script = 'mount -t tmpfs tmpfs "$1" && exec "$2" --port "$3" --bind 127.0.0.1 --dir "$1" --dbfilename dump.rdb --save "" --appendonly no';
  const child = spawn('unshare', ['-m', 'sh', '-c', script, 'sh', dir, requireBinary('redis-server'), String(port)], { stdio: 'ignore' });
  trackChild(child);
  const url = `redis://127.0.0.1:${port}`;
  await waitFor(`the contained redis-server on port ${port}`, async () => {
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => undefined); // Refused until the server listens: the rejection says so.
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG' || 'no PONG';
    } finally {
      probe.disconnect();
    }
  }, 10_000);
  return {
    url,
    dir,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
