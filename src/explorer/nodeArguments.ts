// Pure (no vscode import): the one set of decoders for what a command receives — a node of the
// Redis view, an id or target given by code (tests, other commands, the key editor's toolbar).
import type { KeyTarget } from '../core/redis/values/keyTarget';
import type { DatabaseScope, ExplorerNode } from './explorerNode';

const KINDS = new Set<string>(['connection', 'database', 'message', 'folder', 'key', 'loadMore', 'notice', 'pattern', 'otherKeys']);

/** A node of the Redis view (shape-checked: command arguments come from anywhere). */
export function isExplorerNode(arg: unknown): arg is ExplorerNode {
  if (typeof arg !== 'object' || arg === null) return false;
  const node = arg as { kind?: unknown; connection?: unknown; scope?: unknown };
  if (typeof node.kind !== 'string' || !KINDS.has(node.kind)) return false;
  return isConnectionLike(node.connection) || (typeof node.scope === 'object' && node.scope !== null && isConnectionLike((node.scope as { connection?: unknown }).connection));
}

/**
 * The connection a command was invoked on: an id (API, tests), any node of the Redis view (its
 * connection, or its database's), a key target, or `{ connectionId }`.
 */
export function connectionIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg || undefined;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const record = arg as { connectionId?: unknown; connection?: { id?: unknown }; scope?: { connection?: { id?: unknown } } };
  if (typeof record.connectionId === 'string') return record.connectionId || undefined;
  if (typeof record.connection?.id === 'string') return record.connection.id || undefined;
  if (typeof record.scope?.connection?.id === 'string') return record.scope.connection.id || undefined;
  return undefined;
}

/**
 * The key a command was invoked on: a key node of the tree or a {@link KeyTarget} (the key
 * editor's toolbar, tests). Anything else is not a key.
 */
export function keyTargetOf(arg: unknown): KeyTarget | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as { kind?: unknown; scope?: DatabaseScope; key?: unknown; connection?: KeyTarget['connection']; db?: unknown };
  if (node.kind === 'key' && node.scope && Buffer.isBuffer(node.key)) return { connection: node.scope.connection, db: node.scope.db, key: node.key };
  if (node.kind === undefined && node.connection && typeof node.db === 'number' && Buffer.isBuffer(node.key)) return { connection: node.connection, db: node.db, key: node.key };
  return undefined;
}

/**
 * Where a command on a database, folder or key acts, and the folder's prefix (empty for a
 * database, a key, a notice, a pattern folder — whose keys share no prefix — and Other keys).
 */
export function databaseScopeOf(arg: unknown): { scope: DatabaseScope; prefix: Buffer } | undefined {
  if (!isExplorerNode(arg)) {
    const target = keyTargetOf(arg);
    return target && { scope: { connection: target.connection, db: target.db }, prefix: Buffer.alloc(0) };
  }
  switch (arg.kind) {
    case 'database':
      return { scope: { connection: arg.connection, db: arg.database.db }, prefix: Buffer.alloc(0) };
    case 'folder':
    case 'loadMore':
      return Buffer.isBuffer(arg.prefix) ? { scope: arg.scope, prefix: arg.prefix } : undefined;
    case 'key':
    case 'notice':
    case 'pattern':
    case 'otherKeys':
      return { scope: arg.scope, prefix: Buffer.alloc(0) };
    case 'connection':
    case 'message':
      return undefined;
  }
}

/**
 * The key pattern a command was invoked on, as a SCAN MATCH glob and where it applies: a pattern
 * folder of the key browser (its database), or a pattern of the Key Patterns view that carries the
 * connection it was analysed on (`live`: that connection's database). Anything else is no pattern.
 */
export function patternGlobOf(arg: unknown): { scope: DatabaseScope; glob: string } | undefined {
  if (isExplorerNode(arg)) return arg.kind === 'pattern' ? { scope: arg.scope, glob: arg.folder.glob } : undefined;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as { kind?: unknown; row?: { glob?: unknown }; live?: { connection?: DatabaseScope['connection'] } };
  const connection = node.live?.connection;
  if (node.kind !== 'pattern' || typeof node.row?.glob !== 'string' || !isConnectionLike(connection) || !connection) return undefined;
  return { scope: { connection, db: connection.db }, glob: node.row.glob };
}

/** Schemes of documents and editors that belong to one connection (key editors, string values). */
const CONNECTION_SCHEMES = new Set(['redis-key', 'redis-value']);

/** The connection a `redis-key:` or `redis-value:` URI belongs to (its `connection` query parameter). */
export function connectionIdOfUri(uri: { scheme: string; query: string } | undefined): string | undefined {
  if (!uri || !CONNECTION_SCHEMES.has(uri.scheme)) return undefined;
  return new URLSearchParams(uri.query).get('connection') || undefined;
}

function isConnectionLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}
