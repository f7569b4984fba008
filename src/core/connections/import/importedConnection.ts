import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_DELIMITER,
  DEFAULT_PORT,
  defaultConnectionName,
  type ConnectionConfig,
  type ConnectionSecrets,
} from '../../redis/connection/connectionConfig';

/** The tools whose connection files Import Connections… reads. */
export type ImportFormat = 'redisinsight' | 'another-redis-desktop-manager' | 'tiny-rdm' | 'url-list' | 'redis-specialist';

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  redisinsight: 'RedisInsight',
  'another-redis-desktop-manager': 'Another Redis Desktop Manager',
  'tiny-rdm': 'Tiny RDM',
  'url-list': 'a list of Redis URLs',
  'redis-specialist': 'Redis Specialist',
};

/** One connection read from another tool's file: settings, the secrets to put in SecretStorage, and what could not be carried over. */
export interface ImportedConnection {
  config: Omit<ConnectionConfig, 'id'>;
  secrets: ConnectionSecrets;
  /** Settings of the source that have no equivalent here, one short sentence each. */
  notes: string[];
}

/** What is wrong with a file, without the file name (the caller adds it); nothing of the file is imported. */
export class ConnectionImportError extends Error {
  override readonly name = 'ConnectionImportError';
}

export type Entry = Record<string, unknown>;

/** The n-th entry (1-based) of a file, named for error messages: `entry 2 ("cache")`. */
export function entryLabel(index: number, entry: Entry, nameKeys: string[] = ['name']): string {
  const name = nameKeys.map((key) => entry[key]).find((value) => typeof value === 'string' && value.trim());
  return `entry ${index + 1}${name ? ` (${JSON.stringify(name)})` : ''}`;
}

export function isEntry(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A nested object such as `sshOptions`; absent, null and empty strings read as absent. */
export function objectField(entry: Entry, key: string, where: string): Entry | undefined {
  const value = entry[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (!isEntry(value)) throw new ConnectionImportError(`${where}: "${key}" must be an object, not ${JSON.stringify(value)}`);
  return value;
}

/** A text field; numbers are accepted as text (some tools write ports and passwords as either). Empty is absent. */
export function textField(entry: Entry | undefined, key: string, where: string): string | undefined {
  const value = entry?.[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new ConnectionImportError(`${where}: "${key}" must be text, not ${JSON.stringify(value)}`);
  return value === '' ? undefined : value;
}

export function boolField(entry: Entry | undefined, key: string, where: string): boolean {
  const value = entry?.[key];
  if (value === undefined || value === null || value === '') return false;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 1) return true;
  if (value === 'false' || value === 0) return false;
  throw new ConnectionImportError(`${where}: "${key}" must be true or false, not ${JSON.stringify(value)}`);
}

/** A whole number ≥ `min` given as a number or as digits; undefined when absent or empty. */
export function intField(entry: Entry | undefined, key: string, where: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const value = entry?.[key];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw new ConnectionImportError(`${where}: "${key}" ${JSON.stringify(value)} is not a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'up' : max}`);
  }
  return number;
}

export function portField(entry: Entry | undefined, key: string, where: string): number | undefined {
  return intField(entry, key, where, 1, 65535);
}

export interface BaseFields {
  name?: string;
  host?: string;
  port?: number;
  db?: number;
  username?: string;
  readOnly?: boolean;
  keyDelimiter?: string;
  connectTimeoutMs?: number;
}

/** A standalone connection with this extension's defaults, the name defaulting to `host:port[/db]` as the Add wizard does. */
export function baseConfig(fields: BaseFields): Omit<ConnectionConfig, 'id'> {
  const host = fields.host?.trim() || '127.0.0.1';
  const port = fields.port ?? DEFAULT_PORT;
  const db = fields.db ?? 0;
  return {
    name: fields.name?.trim() || defaultConnectionName({ host, port, db }),
    kind: 'standalone',
    host,
    port,
    ...(fields.username ? { username: fields.username } : {}),
    db,
    connectTimeoutMs: fields.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    keyDelimiter: fields.keyDelimiter ?? DEFAULT_DELIMITER,
    readOnly: fields.readOnly ?? false,
  };
}

/** Secrets without the empty ones, so that nothing empty is stored. */
export function presentSecrets(secrets: ConnectionSecrets): ConnectionSecrets {
  return Object.fromEntries(Object.entries(secrets).filter(([, value]) => typeof value === 'string' && value !== ''));
}

/** The top-level list of a JSON file, or a clear error. */
export function entriesOf(value: unknown, what: string): Entry[] {
  if (!Array.isArray(value)) throw new ConnectionImportError(`${what} must be a list of connections`);
  return value.map((entry, index) => {
    if (!isEntry(entry)) throw new ConnectionImportError(`entry ${index + 1} must be an object with a host and a port, not ${JSON.stringify(entry)}`);
    return entry;
  });
}
