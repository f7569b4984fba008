import type { ConnectionConfig } from '../connection/connectionConfig';
import type { ConnectionsTreeNode } from '../../../connections/connectionsTree';
import type { DatabaseScope, KeyTreeNode } from '../../../keys/keyNodes';

/** One key of one database of one connection: what every value command acts on. */
export interface KeyTarget {
  connection: ConnectionConfig;
  db: number;
  key: Buffer;
}

/**
 * The key a command was invoked on: a key item of the tree (`{ kind: 'key', scope, key }`) or a
 * {@link KeyTarget} (the key editor's toolbar, tests). Anything else is not a key.
 */
export function keyTargetOf(arg: unknown): KeyTarget | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as Partial<KeyTreeNode> & Partial<KeyTarget>;
  if (node.kind === 'key' && node.scope && Buffer.isBuffer(node.key)) return { connection: node.scope.connection, db: node.scope.db, key: node.key };
  if (node.connection && typeof node.db === 'number' && Buffer.isBuffer(node.key)) return { connection: node.connection, db: node.db, key: node.key };
  return undefined;
}

/** Where a command on a database or folder item acts, and the folder's prefix (empty for the database). */
export function databaseScopeOf(arg: unknown): { scope: DatabaseScope; prefix: Buffer } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as Partial<KeyTreeNode> | Partial<ConnectionsTreeNode>;
  if (node.kind === 'database' && 'database' in node && node.connection && node.database) {
    return { scope: { connection: node.connection, db: node.database.db }, prefix: Buffer.alloc(0) };
  }
  if ((node.kind === 'folder' || node.kind === 'loadMore') && 'scope' in node && node.scope && Buffer.isBuffer(node.prefix)) {
    return { scope: node.scope, prefix: node.prefix };
  }
  const target = keyTargetOf(arg);
  if (target) return { scope: { connection: target.connection, db: target.db }, prefix: Buffer.alloc(0) };
  return undefined;
}

/** A stable id for maps of open editors: connection, database and the key's bytes. */
export function keyTargetId(target: KeyTarget): string {
  return `${target.connection.id}/db${target.db}/${target.key.toString('base64')}`;
}

export function sameKey(a: KeyTarget, b: KeyTarget): boolean {
  return a.connection.id === b.connection.id && a.db === b.db && a.key.equals(b.key);
}
