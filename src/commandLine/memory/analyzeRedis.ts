import { analyzeLiveMemory, type LiveMemoryAnalysis, type LiveMemoryOptions } from '../../core/memory/live/liveMemoryAnalysis';
import type { ConnectionConfig } from '../../core/redis/connection/connectionConfig';
import { userFacingMessage } from '../../core/redis/connection/connectionErrors';
import { openRedisTarget, TargetConnectError } from '../openRedisTarget';
import type { RedisTarget } from '../redisTargetArgs';

export interface RedisAnalysis extends LiveMemoryAnalysis {
  config: ConnectionConfig;
  /** The server as the report names it (its URL without secrets). */
  label: string;
  /** With --replica: which node was read, or why the master was. */
  readFrom?: string;
}

/**
 * Runs the live analysis of the target (with `replica`, on a replica where one can be read:
 * `onReadFrom` gets the sentence saying which node is read); connection problems become a
 * {@link TargetConnectError}.
 */
export async function analyzeRedisTarget(target: RedisTarget, options: LiveMemoryOptions & { replica?: boolean; onReadFrom?: (sentence: string) => void }): Promise<RedisAnalysis> {
  const { client, config, secrets, label, readFrom } = await openRedisTarget(target, { clientName: 'redis-specialist-memory', replica: options.replica });
  if (readFrom) options.onReadFrom?.(readFrom);
  try {
    const analysis = await analyzeLiveMemory(client, { ...options, db: config.db });
    // One note per sentence (a Cluster has one per master read instead of its replica).
    if (readFrom) analysis.report.notes.push(...readFrom.split('\n'));
    return { ...analysis, config, label, ...(readFrom ? { readFrom } : {}) };
  } catch (error) {
    throw new TargetConnectError(`The analysis of ${label} failed: ${userFacingMessage(error, { secrets })}`);
  } finally {
    client.disconnect();
  }
}
