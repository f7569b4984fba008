import { tlsOptions } from '../redis/connection/clientFactory';
import { DEFAULT_DEADLINES, type CommandDeadlines } from '../redis/connection/commandDeadline';
import type { ConnectionConfig, ConnectionSecrets, HostPort } from '../redis/connection/connectionConfig';
import { respItems, respText } from './resp';
import { RespConnection, RespConnectionError, type RespEndpoint, type RespHandshake } from './respConnection';

/**
 * How the CLI terminal reaches a saved connection with its own raw connections: the address to
 * start with (for Sentinel, the master the sentinels name now), the address of any Cluster node
 * a redirect points to (NAT map applied), and the handshake (credentials, database).
 */
export interface CliTarget {
  config: ConnectionConfig;
  handshake: RespHandshake;
  /** The node to connect to first; `signal` abandons asking the sentinels. */
  resolve(signal?: AbortSignal): Promise<RespEndpoint>;
  /** A node named by a MOVED/ASK redirect. */
  endpointFor(host: string, port: number): RespEndpoint;
}

/**
 * `route` maps each address to the local end of the connection's SSH tunnel (sentinels, the
 * master they name and every Cluster node alike); without it the terminal connects directly.
 */
export function cliTargetFor(config: ConnectionConfig, secrets: ConnectionSecrets, deadlines: CommandDeadlines = DEFAULT_DEADLINES, route?: RespEndpoint['route']): CliTarget {
  const endpointFor = (host: string, port: number): RespEndpoint => {
    const mapped = config.natMap?.[`${host}:${port}`] ?? { host, port };
    return {
      host: mapped.host,
      port: mapped.port,
      connectTimeoutMs: config.connectTimeoutMs,
      deadlines,
      ...(route ? { route } : {}),
      ...(config.tls ? { tls: tlsOptions(config.tls, config.tls.serverName ?? mapped.host) } : {}),
    };
  };
  const handshake: RespHandshake = {
    ...(config.username ? { username: config.username } : {}),
    ...(secrets.password !== undefined ? { password: secrets.password } : {}),
    db: config.kind === 'cluster' ? 0 : config.db,
    clientName: 'redis-specialist-cli',
  };
  return {
    config,
    handshake,
    endpointFor,
    async resolve(signal) {
      if (config.kind === 'sentinel') return endpointFor(...(await askSentinels(config, secrets, deadlines, route, signal)));
      if (config.socket && config.kind === 'standalone') return { ...endpointFor(config.host, config.port), path: config.socket };
      return endpointFor(config.host, config.port);
    },
  };
}

/** Asks each sentinel in turn for the current master of the group (SENTINEL GET-MASTER-ADDR-BY-NAME). */
async function askSentinels(config: ConnectionConfig, secrets: ConnectionSecrets, deadlines: CommandDeadlines, route: RespEndpoint['route'], signal?: AbortSignal): Promise<[string, number]> {
  if (!config.masterName) throw new RespConnectionError('A Sentinel connection needs the master group name (as in `sentinel monitor <name> …`).');
  const sentinels: HostPort[] = config.sentinels?.length ? config.sentinels : [{ host: config.host, port: config.port }];
  const failures: string[] = [];
  for (const sentinel of sentinels) {
    let connection: RespConnection | undefined;
    try {
      connection = await RespConnection.open(
        {
          host: sentinel.host,
          port: sentinel.port,
          connectTimeoutMs: config.connectTimeoutMs,
          deadlines,
          ...(route ? { route } : {}),
          ...(config.tls ? { tls: tlsOptions(config.tls, config.tls.serverName ?? sentinel.host) } : {}),
        },
        {
          ...(config.sentinelUsername ? { username: config.sentinelUsername } : {}),
          ...(secrets.sentinelPassword !== undefined ? { password: secrets.sentinelPassword } : {}),
        },
        signal,
      );
      const reply = await connection.send(['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', config.masterName]);
      const [host, port] = respItems(reply).map(respText);
      if (host && port) return [host, Number(port)];
      failures.push(`${sentinel.host}:${sentinel.port} does not know master "${config.masterName}"`);
    } catch (error) {
      failures.push((error as Error).message);
    } finally {
      connection?.close();
    }
  }
  throw new RespConnectionError(`No sentinel named the master "${config.masterName}": ${failures.join('; ')}`);
}
