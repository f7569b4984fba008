import { sshSettingsProblem, type SshSecrets, type SshSettings } from '../../ssh/sshRoute';
import { redactUrl } from './redaction';
import { isCeiling } from '../keyspace/scanBudgetOptions';

export { redactUrl };

/**
 * A saved connection, as stored in the `redisSpecialist.connections` setting. Secrets (passwords)
 * are never part of it: they live in VS Code's SecretStorage, keyed by the connection id.
 */
export type ConnectionKind = 'standalone' | 'sentinel' | 'cluster';

export interface HostPort {
  host: string;
  port: number;
}

export interface TlsSettings {
  /** Path of a PEM CA bundle; the system store is used when absent. */
  caFile?: string;
  /** Client certificate and key (PEM paths) for servers that require one. */
  certFile?: string;
  keyFile?: string;
  /** SNI / name to verify; defaults to the host. */
  serverName?: string;
  /** Accept self-signed or untrusted certificates (never the default). */
  allowSelfSigned?: boolean;
}

export interface ConnectionConfig {
  id: string;
  name: string;
  kind: ConnectionKind;
  host: string;
  port: number;
  /** Unix socket path; used instead of host/port when set (standalone only). */
  socket?: string;
  username?: string;
  db: number;
  tls?: TlsSettings;
  /** Sentinel: the sentinels to ask and the master group name. */
  sentinels?: HostPort[];
  masterName?: string;
  sentinelUsername?: string;
  /** Cluster: seed nodes (host/port above is the first one) and an optional NAT map. */
  clusterNodes?: HostPort[];
  natMap?: Record<string, HostPort>;
  connectTimeoutMs: number;
  keyDelimiter: string;
  readOnly: boolean;
  /** A label such as "production" and a colour shown on the tree item. */
  label?: string;
  color?: string;
  /** Reach the server through an SSH tunnel (src/core/ssh/): every node address is forwarded through it. */
  ssh?: SshSettings;
  /** This connection's own ceilings of SCAN calls / keys per second (0 = none), over the `scan.*` settings. */
  maxScansPerSecond?: number;
  maxKeysPerSecond?: number;
  /** Live analyses (Key Patterns statistics, Analyze Memory…) read a replica: Sentinel's or one per Cluster shard. */
  readFromReplicas?: boolean;
}

/** What a connection needs from SecretStorage (the SSH password and key passphrase too). */
export interface ConnectionSecrets extends SshSecrets {
  password?: string;
  sentinelPassword?: string;
}

export const DEFAULT_PORT = 6379;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** The smallest `connectTimeoutMs` a saved connection may set (package.json's minimum). */
export const MIN_CONNECT_TIMEOUT_MS = 100;
export const DEFAULT_DELIMITER = ':';

export class ConnectionUrlError extends Error {
  override readonly name = 'ConnectionUrlError';
}

export interface ParsedConnectionUrl {
  config: Omit<ConnectionConfig, 'id' | 'name'>;
  secrets: ConnectionSecrets;
}

/**
 * Parses `redis://[user[:password]@]host[:port][/db]` and `rediss://…` (TLS). Query parameters
 * understood: `timeout` (ms), `readonly`, `insecure` (allow self-signed), `servername`.
 * The password is returned separately so that callers can store it as a secret.
 */
export function parseConnectionUrl(input: string): ParsedConnectionUrl {
  const text = input.trim();
  if (!text) throw new ConnectionUrlError('Enter a Redis URL such as redis://localhost:6379/0.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    const hint = /^[a-z]+:\/\/[^@]*[/?#][^@]*@/i.test(text) ? ' Write "/", "?" and "#" in a user name or password as %2F, %3F and %23.' : '';
    throw new ConnectionUrlError(`"${redactUrl(text)}" is not a valid URL. Use redis://[user[:password]@]host[:port][/db] or rediss:// for TLS.${hint}`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme !== 'redis' && scheme !== 'rediss') {
    throw new ConnectionUrlError(`Unsupported scheme "${scheme}://". Use redis:// or rediss:// (TLS).`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new ConnectionUrlError('The URL has no host. Example: redis://localhost:6379.');
  const port = url.port ? Number(url.port) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConnectionUrlError(`Port "${url.port}" is out of range (1–65535).`);
  }
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!/^\d*$/.test(dbText) || !Number.isInteger(db) || db < 0) {
    throw new ConnectionUrlError(`Database "${dbText}" must be a non-negative number, as in redis://host:6379/2.`);
  }
  const params = url.searchParams;
  const timeout = params.get('timeout');
  const connectTimeoutMs = timeout === null ? DEFAULT_CONNECT_TIMEOUT_MS : Number(timeout);
  if (!Number.isFinite(connectTimeoutMs) || connectTimeoutMs <= 0) {
    throw new ConnectionUrlError(`timeout=${timeout} must be a positive number of milliseconds.`);
  }
  const flag = (name: string): boolean => params.has(name) && params.get(name) !== 'false' && params.get(name) !== '0';
  // As ioredis reads them: WHATWG URL fields, percent-decoded.
  const username = url.username ? decodeUserInfo(url.username) : undefined;
  const password = url.password ? decodeUserInfo(url.password) : undefined;
  const tls: TlsSettings | undefined =
    scheme === 'rediss'
      ? {
          ...(flag('insecure') ? { allowSelfSigned: true } : {}),
          ...(params.get('servername') ? { serverName: params.get('servername') as string } : {}),
        }
      : undefined;
  return {
    config: {
      kind: 'standalone',
      host,
      port,
      ...(username ? { username } : {}),
      db,
      ...(tls ? { tls } : {}),
      connectTimeoutMs,
      keyDelimiter: DEFAULT_DELIMITER,
      readOnly: flag('readonly'),
    },
    secrets: password ? { password } : {},
  };
}

function decodeUserInfo(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ConnectionUrlError('The user name or password in the URL has a "%" that does not start a %XX code: write a "%" as %25.');
  }
}

/** A readable default name: `host:port` plus `/db` when not 0. */
export function defaultConnectionName(config: Pick<ConnectionConfig, 'host' | 'port' | 'db' | 'socket'>): string {
  const where = config.socket ?? `${config.host}:${config.port}`;
  return config.db ? `${where}/${config.db}` : where;
}

/** Checks a config read from settings (which a user may have hand-edited) and fills defaults. */
export function normalizeConnectionConfig(raw: unknown): ConnectionConfig | { error: string } {
  if (!raw || typeof raw !== 'object') return { error: 'a connection entry must be an object' };
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string' || !r.id) return { error: 'a connection entry has no "id"' };
  const kind = (r.kind ?? 'standalone') as ConnectionKind;
  if (!['standalone', 'sentinel', 'cluster'].includes(kind)) return { error: `connection "${r.id}": unknown kind "${String(r.kind)}"` };
  const host = typeof r.host === 'string' && r.host ? r.host : '127.0.0.1';
  const port = typeof r.port === 'number' ? r.port : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { error: `connection "${r.id}": port ${String(r.port)} is out of range` };
  const db = typeof r.db === 'number' && r.db >= 0 ? r.db : 0;
  const sshProblem = r.ssh === undefined ? undefined : sshSettingsProblem(r.ssh);
  if (sshProblem) return { error: `connection "${r.id}": ${sshProblem}` };
  const config: ConnectionConfig = {
    ...(r as Partial<ConnectionConfig>),
    id: r.id,
    name: typeof r.name === 'string' && r.name ? r.name : defaultConnectionName({ host, port, db }),
    kind,
    host,
    port,
    db,
    connectTimeoutMs: typeof r.connectTimeoutMs === 'number' && r.connectTimeoutMs >= MIN_CONNECT_TIMEOUT_MS ? r.connectTimeoutMs : DEFAULT_CONNECT_TIMEOUT_MS,
    keyDelimiter: typeof r.keyDelimiter === 'string' ? r.keyDelimiter : DEFAULT_DELIMITER,
    readOnly: r.readOnly === true,
  };
  // A hand-edited ceiling that is not a whole number ≥ 0 is dropped: the setting applies instead.
  for (const name of ['maxScansPerSecond', 'maxKeysPerSecond'] as const) if (!isCeiling(config[name])) delete config[name];
  // Opt-in only: anything but `true` (a hand-typed "yes", 1) reads the master.
  if (r.readFromReplicas !== true) delete config.readFromReplicas;
  return config;
}
