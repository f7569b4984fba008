import type { ConnectionConfig } from '../core/redis/connection/connectionConfig';
import type { KeyMetadata } from '../core/redis/keyspace/keyMetadata';

/** One database of one connection: where every key-tree node lives. */
export interface DatabaseScope {
  connection: ConnectionConfig;
  db: number;
}

export type KeyTreeNode =
  /** `expand`: shown open (a filtered tree reveals the few matches inside folders). */
  | { kind: 'folder'; id: string; scope: DatabaseScope; prefix: Buffer; name: Buffer; count: number; complete: boolean; expand?: boolean }
  | { kind: 'key'; id: string; scope: DatabaseScope; key: Buffer; name: Buffer; meta?: KeyMetadata }
  | { kind: 'loadMore'; id: string; scope: DatabaseScope; prefix: Buffer }
  | { kind: 'notice'; id: string; scope: DatabaseScope; text: string; icon: string };

export function isKeyTreeNode(node: unknown): node is KeyTreeNode {
  return typeof node === 'object' && node !== null && 'kind' in node && ['folder', 'key', 'loadMore', 'notice'].includes((node as { kind: string }).kind) && 'scope' in node;
}

export function scopeId(scope: DatabaseScope): string {
  return `${scope.connection.id}/db${scope.db}`;
}

/** Codicons per Redis type, so a key's type reads at a glance. */
export const TYPE_ICONS: Record<string, string> = {
  string: 'symbol-string',
  hash: 'symbol-object',
  list: 'list-unordered',
  set: 'symbol-array',
  zset: 'list-ordered',
  stream: 'pulse',
  'ReJSON-RL': 'json',
  none: 'circle-slash',
};
