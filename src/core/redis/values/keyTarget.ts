import type { ConnectionConfig } from '../connection/connectionConfig';

/** One key of one database of one connection: what every value command acts on. */
export interface KeyTarget {
  connection: ConnectionConfig;
  db: number;
  key: Buffer;
}

/** A stable id for maps of open editors: connection, database and the key's bytes. */
export function keyTargetId(target: KeyTarget): string {
  return `${target.connection.id}/db${target.db}/${target.key.toString('base64')}`;
}

export function sameKey(a: KeyTarget, b: KeyTarget): boolean {
  return a.connection.id === b.connection.id && a.db === b.db && a.key.equals(b.key);
}
