import { connectWithin, createRedisClient, handshakeDeadlineMs, type RedisClient } from '../../core/redis/connection/clientFactory';
import { parseConnectionUrl, redactUrl, type ConnectionConfig, type ConnectionSecrets } from '../../core/redis/connection/connectionConfig';
import { userFacingMessage } from '../../core/redis/connection/connectionErrors';
import { infoField, parseInfo } from '../../core/redis/server/info';

/** A connection problem, in one sentence, for stderr and exit code 2. */
export class UrlConnectError extends Error {}

export interface UrlConnection {
  client: RedisClient;
  config: ConnectionConfig;
  secrets: ConnectionSecrets;
}

/**
 * Connects a command-line run to `url`: standalone first; when the server answers
 * `cluster_enabled:1`, again as a Cluster client so that every master is read. One attempt, no
 * reconnect loop; problems become a {@link UrlConnectError} with the password redacted.
 */
export async function connectUrl(url: string, clientName: string): Promise<UrlConnection> {
  let parsed: ReturnType<typeof parseConnectionUrl>;
  try {
    parsed = parseConnectionUrl(url);
  } catch (error) {
    throw new UrlConnectError(error instanceof Error ? error.message : String(error));
  }
  const config: ConnectionConfig = { ...parsed.config, id: 'cli', name: redactUrl(url) };
  const open = async (c: ConnectionConfig): Promise<RedisClient> => {
    const client = createRedisClient(c, parsed.secrets, { lazyConnect: true, clientName });
    // Failures surface through the awaited calls; without a listener ioredis also prints each one.
    client.on('error', () => undefined);
    try {
      await connectWithin(client, handshakeDeadlineMs(c));
      return client;
    } catch (error) {
      client.disconnect();
      throw new UrlConnectError(`Cannot connect to ${redactUrl(url)}: ${userFacingMessage(error, { secrets: parsed.secrets })}`);
    }
  };
  const client = await open(config);
  let clustered: boolean;
  try {
    clustered = infoField(parseInfo(String(await client.info('cluster'))), 'cluster_enabled') === '1';
  } catch (error) {
    client.disconnect();
    throw new UrlConnectError(`Cannot read from ${redactUrl(url)}: ${userFacingMessage(error, { secrets: parsed.secrets })}`);
  }
  if (!clustered) return { client, config, secrets: parsed.secrets };
  client.disconnect();
  const cluster: ConnectionConfig = { ...config, kind: 'cluster', clusterNodes: [{ host: config.host, port: config.port }] };
  return { client: await open(cluster), config: cluster, secrets: parsed.secrets };
}
