import { analyzeLiveMemory, type LiveMemoryAnalysis, type LiveMemoryOptions } from '../../core/memory/live/liveMemoryAnalysis';
import { connectWithin, createRedisClient, handshakeDeadlineMs, type RedisClient } from '../../core/redis/connection/clientFactory';
import { parseConnectionUrl, redactUrl, type ConnectionConfig, type ConnectionSecrets } from '../../core/redis/connection/connectionConfig';
import { userFacingMessage } from '../../core/redis/connection/connectionErrors';
import { infoField, parseInfo } from '../../core/redis/server/info';

/** A connection problem, in one sentence, for stderr and exit code 2. */
export class RedisConnectError extends Error {}

/**
 * Connects to `url` for the CLI: standalone first; when the server answers `cluster_enabled:1`,
 * again as a Cluster client so that every master is read. One-shot: no reconnect loop.
 */
async function connect(url: string, parsed: ReturnType<typeof parseConnectionUrl>): Promise<OpenedUrl> {
  const config: ConnectionConfig = { ...parsed.config, id: 'cli', name: redactUrl(url) };
  const open = async (c: ConnectionConfig): Promise<RedisClient> => {
    const client = createRedisClient(c, parsed.secrets, { lazyConnect: true, clientName: 'redis-specialist-memory' });
    // Failures reach us through the commands' rejections; without a listener ioredis prints each one.
    client.on('error', () => undefined);
    await connectWithin(client, handshakeDeadlineMs(c));
    return client;
  };
  const client = await open(config);
  const info = parseInfo(String(await client.info('cluster')));
  if (infoField(info, 'cluster_enabled') !== '1') return { client, config, secrets: parsed.secrets };
  client.disconnect();
  const cluster = { ...config, kind: 'cluster' as const, clusterNodes: [{ host: config.host, port: config.port }] };
  return { client: await open(cluster), config: cluster, secrets: parsed.secrets };
}

export interface RedisAnalysis extends LiveMemoryAnalysis {
  config: ConnectionConfig;
}

export interface OpenedUrl {
  client: RedisClient;
  config: ConnectionConfig;
  secrets: ConnectionSecrets;
}

/** Parses and connects to `url` (a Cluster client when the server is one); problems become a {@link RedisConnectError}. */
export async function openRedisUrl(url: string): Promise<OpenedUrl> {
  let parsed: ReturnType<typeof parseConnectionUrl>;
  try {
    parsed = parseConnectionUrl(url);
  } catch (error) {
    throw new RedisConnectError(error instanceof Error ? error.message : String(error));
  }
  try {
    return await connect(url, parsed);
  } catch (error) {
    throw new RedisConnectError(`Cannot connect to ${redactUrl(url)}: ${userFacingMessage(error, { secrets: parsed.secrets })}`);
  }
}

/** Runs the live analysis of `url`; connection problems become a {@link RedisConnectError}. */
export async function analyzeRedisUrl(url: string, options: LiveMemoryOptions): Promise<RedisAnalysis> {
  const { client, config, secrets } = await openRedisUrl(url);
  try {
    return { ...(await analyzeLiveMemory(client, { ...options, db: config.db })), config };
  } catch (error) {
    throw new RedisConnectError(`The analysis of ${redactUrl(url)} failed: ${userFacingMessage(error, { secrets })}`);
  } finally {
    client.disconnect();
  }
}
