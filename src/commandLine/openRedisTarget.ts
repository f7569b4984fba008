import type { Redis } from 'ioredis';
import { connectWithCause, createRedisClient, handshakeDeadlineMs, type RedisClient } from '../core/redis/connection/clientFactory';
import { parseConnectionUrl, redactUrl, type ConnectionConfig, type ConnectionSecrets, type ParsedConnectionUrl } from '../core/redis/connection/connectionConfig';
import { userFacingMessage } from '../core/redis/connection/connectionErrors';
import { redactSecrets } from '../core/redis/connection/redaction';
import { replicaOrMaster, replicaReadPlan } from '../core/redis/connection/replicaReads';
import { infoField, parseInfo } from '../core/redis/server/info';
import { chooseClusterReplicas } from '../core/redis/cluster/clusterReplicaReads';
import { isCluster } from '../core/redis/cluster/clusterRouting';
import { withPasswordFromEnv } from './passwordFromEnv';
import type { RedisTarget } from './redisTargetArgs';

/** A connection problem, in one sentence, for stderr and exit code 2. */
export class TargetConnectError extends Error {}

export interface OpenedTarget {
  client: RedisClient;
  config: ConnectionConfig;
  secrets: ConnectionSecrets;
  /** The server as reports and messages name it (its URL without secrets). */
  label: string;
  /** With --replica: the sentence for stderr saying which node is read, or why the master is. */
  readFrom?: string;
}

/** The server as reports and messages name it, before connecting. */
export function targetLabel(target: RedisTarget): string {
  return target.kind === 'url' ? redactUrl(target.url) : target.label;
}

/**
 * Connects a command-line run (one attempt, no reconnect loop) to the target: a URL standalone
 * first and, when the server answers `cluster_enabled:1`, again as a Cluster client so that every
 * master is read; a Sentinel target to the master the Sentinels name — or with `replica`, to a
 * replica through the editor's own {@link replicaOrMaster}; a Cluster with `replica` reads one
 * replica per master where one can be read (chooseClusterReplicas). A password the URL and flags
 * leave out comes from REDISCLI_AUTH, as in redis-cli (passwordFromEnv.ts). Problems become a
 * {@link TargetConnectError} with the passwords redacted.
 */
export async function openRedisTarget(target: RedisTarget, options: { clientName: string; replica?: boolean; env?: NodeJS.ProcessEnv }): Promise<OpenedTarget> {
  const label = targetLabel(target);
  let parsed: ParsedConnectionUrl;
  try {
    parsed = target.kind === 'url' ? parseConnectionUrl(target.url) : target.parsed;
  } catch (error) {
    throw new TargetConnectError(error instanceof Error ? error.message : String(error));
  }
  const secrets = withPasswordFromEnv(parsed.secrets, options.env ?? process.env);
  const config: ConnectionConfig = { ...parsed.config, id: 'cli', name: label };
  const open = async (c: ConnectionConfig, replica = false): Promise<RedisClient> => {
    const client = createRedisClient(c, secrets, { lazyConnect: true, clientName: options.clientName, replica });
    // Failures surface through the awaited calls; without a listener ioredis also prints each one.
    client.on('error', () => undefined);
    await connectWithCause(client, handshakeDeadlineMs(c));
    return client;
  };
  const openOrSay = async (c: ConnectionConfig): Promise<RedisClient> => {
    try {
      return await open(c);
    } catch (error) {
      throw new TargetConnectError(`Cannot connect to ${label}: ${userFacingMessage(error, { config: c, secrets })}`);
    }
  };
  if (config.kind === 'sentinel') {
    if (!options.replica) return { client: await openOrSay(config), config, secrets, label };
    const read = await replicaOrMaster({
      name: config.masterName ?? label,
      throughTunnel: false,
      replica: async () => (await open(config, true)) as Redis,
      master: () => openOrSay(config),
      redact: (text) => redactSecrets(text, secrets),
    });
    return { client: read.client, config, secrets, label, readFrom: read.fellBack ? read.readFrom : `${read.readFrom.charAt(0).toUpperCase()}${read.readFrom.slice(1)}.` };
  }
  const client = await openOrSay(config);
  let clustered: boolean;
  try {
    clustered = infoField(parseInfo(String(await client.info('cluster'))), 'cluster_enabled') === '1';
  } catch (error) {
    client.disconnect();
    throw new TargetConnectError(`Cannot read from ${label}: ${userFacingMessage(error, { config, secrets })}`);
  }
  const opened: OpenedTarget = { client, config, secrets, label };
  if (clustered) {
    client.disconnect();
    const cluster: ConnectionConfig = { ...config, kind: 'cluster', clusterNodes: [{ host: config.host, port: config.port }] };
    Object.assign(opened, { client: await openOrSay(cluster), config: cluster });
  }
  if (!options.replica) return opened;
  if (isCluster(opened.client)) {
    try {
      return { ...opened, readFrom: (await chooseClusterReplicas(opened.client)).join('\n') };
    } catch (error) {
      opened.client.disconnect();
      throw new TargetConnectError(`Cannot read the replicas of ${label}: ${userFacingMessage(error, { config: opened.config, secrets })}`);
    }
  }
  const plan = replicaReadPlan({ kind: opened.config.kind, readFromReplicas: true });
  return plan.replica || !plan.note ? opened : { ...opened, readFrom: plan.note };
}
