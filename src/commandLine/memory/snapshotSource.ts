import { formatBytes } from '../../core/memory';
import { unreachableMessage } from '../../core/memory/snapshot/dumpLocation';
import { describeSnapshotStatus, planSnapshot, saveSnapshot, SnapshotError } from '../../core/memory/snapshot/saveSnapshot';
import { isCluster } from '../../core/redis/cluster/clusterRouting';
import { userFacingMessage } from '../../core/redis/connection/connectionErrors';
import { ReadOnlyError, writeGuardFor } from '../../core/redis/safety/writeGuard';
import { openRedisTarget, TargetConnectError } from '../openRedisTarget';
import type { RedisTarget } from '../redisTargetArgs';

const EXIT_USAGE = 2;
/** 128 + SIGINT, as shells report a command stopped by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;
/** A status line on stderr at most about once a second. */
const STATUS_EVERY_MS = 1000;

/**
 * `memory --redis URL --bgsave` (or `--sentinel … --bgsave`, on the master): BGSAVE on the server, waited for through INFO persistence, then
 * the dump file's path when it is on this machine — or exit code 2 after one sentence on stderr
 * (the path where the server wrote it, CONFIG or BGSAVE refused, a failed save, a read-only URL,
 * a Cluster). Everything it does is said on stderr; nothing goes to stdout.
 */
export async function snapshotDumpFile(target: RedisTarget, io: { stderr(text: string): void }): Promise<{ file: string } | number> {
  let opened;
  try {
    opened = await openRedisTarget(target, { clientName: 'redis-specialist-memory' });
  } catch (error) {
    if (!(error instanceof TargetConnectError)) throw error;
    io.stderr(`${error.message}\n`);
    return EXIT_USAGE;
  }
  const { client, config, secrets, label: shown } = opened;
  try {
    if (isCluster(client)) {
      io.stderr(`--bgsave works on one server, and ${shown} is a Cluster whose masters each write their own dump file: analyse it live (without --bgsave), or each master's file with --rdb.\n`);
      return EXIT_USAGE;
    }
    const plan = await planSnapshot(client);
    io.stderr(`BGSAVE on ${shown} (Redis ${plan.version}, used_memory ${plan.usedMemoryHuman}): the server forks and writes its whole dataset to ${plan.location.path}.\n`);
    let last = 0;
    // Ctrl-C stops the waiting (not the server's save): the connection closes and the exit code is 130.
    const interrupt = new AbortController();
    const onSigint = (): void => interrupt.abort();
    process.once('SIGINT', onSigint);
    let outcome;
    try {
      outcome = await saveSnapshot(client, plan, {
        guard: writeGuardFor(config.readOnly, shown),
        signal: interrupt.signal,
        onStatus: (status) => {
          const now = Date.now();
          if (now - last < STATUS_EVERY_MS) return;
          last = now;
          io.stderr(`${describeSnapshotStatus(status)}\n`);
        },
      });
    } finally {
      process.off('SIGINT', onSigint);
    }
    if (outcome.kind === 'cancelled') {
      io.stderr(outcome.saveRequested ? `Interrupted: stopped waiting; the server's background save continues on its own and writes ${plan.location.path}.\n` : 'Interrupted before BGSAVE was sent: nothing was saved.\n');
      return EXIT_INTERRUPTED;
    }
    if (outcome.file.kind !== 'fresh') {
      io.stderr(`${unreachableMessage(outcome.file, shown)}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`${outcome.joinedRunningSave ? 'A save already in progress' : 'The save'} wrote ${outcome.file.path} (${formatBytes(outcome.file.bytes)}); analysing that file, without further load on the server.\n`);
    return { file: outcome.file.path };
  } catch (error) {
    if (error instanceof SnapshotError || error instanceof ReadOnlyError) io.stderr(`${error.message}\n`);
    else io.stderr(`BGSAVE on ${shown} failed: ${userFacingMessage(error, { secrets })}\n`);
    return EXIT_USAGE;
  } finally {
    client.disconnect();
  }
}
