import { readFileSync } from 'node:fs';
import Redis, { Cluster, type ClusterOptions, type RedisOptions } from 'ioredis';
import { applyDeadlines, DEFAULT_DEADLINES, ServerNotAnsweringError, type CommandDeadlines } from './commandDeadline';
import { tunnelConnector, tunnelSentinelConnector } from '../../ssh/sshConnectors';
import type { SshTunnel } from '../../ssh/sshTunnel';
import type { ConnectionConfig, ConnectionSecrets, TlsSettings } from './connectionConfig';

/** Either kind of ioredis client; Sentinel connections are a `Redis` that follows the master. */
export type RedisClient = Redis | Cluster;

export interface ClientFactoryOptions {
  /** Reconnect automatically with capped exponential backoff (the tree's live connection); off for one-shot probes. */
  reconnect?: boolean;
  /** Connection name shown by CLIENT LIST on the server. */
  clientName?: string;
  /** Defer the TCP connection until `connect()` is called. */
  lazyConnect?: boolean;
  /** How long each command (and each handshake step) may wait for its reply; defaults to {@link DEFAULT_DEADLINES}. */
  deadlines?: CommandDeadlines;
  /** The open SSH tunnel of a connection with `ssh` settings: every node connection goes through it. */
  tunnel?: SshTunnel;
  /** Sentinel: connect to one of the master's replicas (ioredis `role: 'slave'`) instead of the master; for reads only. */
  replica?: boolean;
}

export class ConnectionSettingsError extends Error {
  override readonly name = 'ConnectionSettingsError';
}

/** Reconnect delays: 200 ms doubling to 10 s. Returning null stops retrying. */
export function backoffDelay(attempt: number): number {
  return Math.min(200 * 2 ** Math.max(0, attempt - 1), 10_000);
}

function readPem(path: string | undefined, what: string): Buffer | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ConnectionSettingsError(`Cannot read the TLS ${what} file "${path}": ${(error as NodeJS.ErrnoException).code ?? String(error)}. Check the path in the connection's TLS settings.`);
  }
}

export function tlsOptions(tls: TlsSettings | undefined, host: string): RedisOptions['tls'] {
  if (!tls) return undefined;
  return {
    ca: readPem(tls.caFile, 'CA'),
    cert: readPem(tls.certFile, 'client certificate'),
    key: readPem(tls.keyFile, 'client key'),
    servername: tls.serverName ?? (isIpAddress(host) ? undefined : host),
    rejectUnauthorized: !tls.allowSelfSigned,
  };
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

/** Options shared by every node connection of this config. */
function nodeOptions(config: ConnectionConfig, secrets: ConnectionSecrets, options: ClientFactoryOptions): RedisOptions {
  return {
    username: config.username,
    password: secrets.password,
    db: config.kind === 'cluster' ? 0 : config.db,
    tls: tlsOptions(config.tls, config.tls?.serverName ?? config.host),
    connectTimeout: config.connectTimeoutMs,
    connectionName: options.clientName ?? 'redis-specialist',
    lazyConnect: options.lazyConnect ?? false,
    // Commands fail fast while disconnected instead of queueing forever behind a dead server.
    enableOfflineQueue: false,
    // A command in flight when the connection drops fails instead of running again on the next
    // connection, which after a failover is another server: a write is applied once or refused.
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 1,
    retryStrategy: options.reconnect ? backoffDelay : () => null,
    // Keys travel as Buffers where the caller asks; replies stay strings otherwise.
    enableAutoPipelining: false,
  };
}

/**
 * Builds an ioredis client for a saved connection: standalone (TCP, TLS or Unix socket),
 * Sentinel (follows failovers) or Cluster (spans every master).
 */
export function createRedisClient(config: ConnectionConfig, secrets: ConnectionSecrets, options: ClientFactoryOptions = {}): RedisClient {
  const client = buildClient(config, secrets, options);
  applyDeadlines(client, options.deadlines ?? DEFAULT_DEADLINES);
  return client;
}

/**
 * Routes every connection of the client through the SSH tunnel: the configured address, each
 * Cluster node and each Sentinel-named master or discovered Sentinel gets a local forward.
 */
function viaTunnel(config: ConnectionConfig, options: ClientFactoryOptions): Pick<RedisOptions, 'Connector'> {
  if (!options.tunnel) {
    if (config.ssh) throw new ConnectionSettingsError(`The connection "${config.name}" goes through SSH: its tunnel must be open before a client is created.`);
    return {};
  }
  if (config.socket) throw new ConnectionSettingsError('A Unix socket connection cannot go through an SSH tunnel: use the host and port as the SSH server sees them.');
  return { Connector: config.kind === 'sentinel' ? tunnelSentinelConnector(options.tunnel) : tunnelConnector(options.tunnel) };
}

function buildClient(config: ConnectionConfig, secrets: ConnectionSecrets, options: ClientFactoryOptions): RedisClient {
  const base = { ...nodeOptions(config, secrets, options), ...viaTunnel(config, options) };
  if (config.kind === 'cluster') {
    const seeds = config.clusterNodes?.length ? config.clusterNodes : [{ host: config.host, port: config.port }];
    const clusterOptions: ClusterOptions = {
      // Node connections queue until their socket is up (the cluster's ready check runs on one that is still
      // connecting); failing fast while the whole cluster is down is the Cluster's own enableOfflineQueue below.
      redisOptions: { ...base, retryStrategy: undefined, enableOfflineQueue: true } as ClusterOptions['redisOptions'],
      // Even a one-shot client retries its start a few times: ioredis' ready check can hit a node
      // connection that its own slot refresh is replacing ("Ready check failed: Connection is closed").
      clusterRetryStrategy: options.reconnect ? backoffDelay : (attempt: number) => (attempt <= 3 ? 100 * attempt : null),
      enableOfflineQueue: false,
      lazyConnect: base.lazyConnect,
      slotsRefreshTimeout: config.connectTimeoutMs,
      natMap: config.natMap,
      enableReadyCheck: true,
    };
    return new Cluster(seeds, clusterOptions);
  }
  if (config.kind === 'sentinel') {
    if (!config.masterName) throw new ConnectionSettingsError('A Sentinel connection needs the master group name (as in `sentinel monitor <name> …`).');
    const sentinels = config.sentinels?.length ? config.sentinels : [{ host: config.host, port: config.port }];
    return new Redis({
      ...base,
      sentinels,
      name: config.masterName,
      sentinelUsername: config.sentinelUsername,
      sentinelPassword: secrets.sentinelPassword,
      sentinelTLS: base.tls,
      enableTLSForSentinelMode: Boolean(config.tls),
      sentinelRetryStrategy: options.reconnect ? backoffDelay : () => null,
      sentinelMaxConnections: 3,
      // A frozen sentinel accepts the connection and never names the master.
      sentinelCommandTimeout: (options.deadlines ?? DEFAULT_DEADLINES).commandTimeoutMs,
      ...(options.replica
        ? { role: 'slave' as const }
        : {
            // Without it the client stays on the demoted master after a failover and every write fails with READONLY.
            failoverDetector: true,
            reconnectOnError: (error: Error) => (error.message.startsWith('READONLY') ? 2 : false),
          }),
    });
  }
  if (config.socket) return new Redis({ ...base, path: config.socket });
  return new Redis({ ...base, host: config.host, port: config.port });
}

/**
 * The handshake's own deadline. ioredis' connectTimeout ends at the TCP (or TLS) connection, but a
 * frozen server's kernel accepts connections from its backlog; AUTH, SELECT, CLIENT SETNAME and
 * the ready check then wait for replies that never come. Each step has its command deadline;
 * this bounds the whole: TCP, then two rounds of handshake commands.
 */
export function handshakeDeadlineMs(config: ConnectionConfig, deadlines: CommandDeadlines = DEFAULT_DEADLINES): number {
  return config.connectTimeoutMs + 2 * deadlines.commandTimeoutMs;
}

/** `client.connect()`, or a {@link ServerNotAnsweringError} (and a closed client) once the handshake deadline passes. */
export async function connectWithin(client: RedisClient, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ServerNotAnsweringError(timeoutMs)), timeoutMs);
  });
  try {
    await Promise.race([client.connect(), deadline]);
  } catch (error) {
    client.disconnect();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * {@link connectWithin}, failing with the first error the client emitted while connecting (the
 * replica's ECONNREFUSED or WRONGPASS) instead of ioredis' own "Connection is closed".
 */
export async function connectWithCause(client: RedisClient, timeoutMs: number): Promise<void> {
  const emitted: unknown[] = [];
  const collect = (error: unknown): void => void emitted.push(error);
  client.on('error', collect);
  try {
    await connectWithin(client, timeoutMs);
  } catch (error) {
    throw emitted[0] ?? error;
  } finally {
    client.off('error', collect);
  }
}
