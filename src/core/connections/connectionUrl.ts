import type { ConnectionConfig } from '../redis/connection/connectionConfig';

export class ConnectionUrlUnavailableError extends Error {
  override readonly name = 'ConnectionUrlUnavailableError';
}

/**
 * The `redis://` URL of a connection, as Add Connection and other clients read it:
 * `redis[s]://[user[:password]@]host:port[/db]`, user and password percent-encoded, an IPv6 host
 * in brackets, `rediss` for TLS, the database as the path when it is not 0. The password is only
 * included when given (the caller asks the user). SSH settings are not part of a URL.
 */
export function connectionUrl(config: Pick<ConnectionConfig, 'name' | 'kind' | 'host' | 'port' | 'db' | 'username' | 'tls' | 'socket'>, password?: string): string {
  if (config.socket) throw new ConnectionUrlUnavailableError(`"${config.name}" connects through the Unix socket ${config.socket}, which a redis:// URL cannot name.`);
  if (config.kind === 'sentinel') throw new ConnectionUrlUnavailableError(`"${config.name}" is a Sentinel connection: a redis:// URL names one server, not the sentinels and master group.`);
  const user = config.username ? encodeURIComponent(config.username) : '';
  const secret = password ? `:${encodeURIComponent(password)}` : '';
  const userInfo = user || secret ? `${user}${secret}@` : '';
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const db = config.db ? `/${config.db}` : '';
  return `${config.tls ? 'rediss' : 'redis'}://${userInfo}${host}:${config.port}${db}`;
}
