import type { ConnectionConfig } from '../core/redis/connection/connectionConfig';
import type { DatabaseSummary } from '../core/redis/keyspace/keyspaceInfo';
import type { KeyMetadata } from '../core/redis/keyspace/keyMetadata';
import type { PatternFolder } from '../core/patterns/patternFolders';

/** One database of one connection: where every key-tree node lives. */
export interface DatabaseScope {
  connection: ConnectionConfig;
  db: number;
}

/**
 * Every node of the Redis view: the Connections tree owns connection, database and message nodes;
 * the key browser fills each database with folder, key, "Load more…" and notice nodes. Commands
 * receive these nodes as arguments and decode them with `nodeArguments.ts`.
 */
export type ExplorerNode =
  | { kind: 'connection'; connection: ConnectionConfig }
  | { kind: 'database'; connection: ConnectionConfig; database: DatabaseSummary }
  /** Why a connection shows no databases (it cannot connect). */
  | { kind: 'message'; connection: ConnectionConfig; text: string; icon: string }
  /** `expand`: shown open (a filtered tree reveals the few matches inside folders). */
  | { kind: 'folder'; id: string; scope: DatabaseScope; prefix: Buffer; name: Buffer; count: number; complete: boolean; expand?: boolean }
  | { kind: 'key'; id: string; scope: DatabaseScope; key: Buffer; name: Buffer; meta?: KeyMetadata }
  /** `pattern`: the glob of the pattern folder it continues (its keys are not in delimiter folders). */
  | { kind: 'loadMore'; id: string; scope: DatabaseScope; prefix: Buffer; pattern?: string }
  /**
   * A key pattern from the workspace's code as a folder, shown before any SCAN and scanned
   * (`MATCH glob`) when expanded; `count` once loaded.
   */
  | { kind: 'pattern'; id: string; scope: DatabaseScope; folder: PatternFolder; count?: number; complete?: boolean }
  /** Below the pattern folders: every key by delimiter folder, as without them; `tooBroad`: templates that are no folder. */
  | { kind: 'otherKeys'; id: string; scope: DatabaseScope; tooBroad: readonly string[] }
  /** Why a database or folder shows no keys (empty, stopped, an error). */
  | { kind: 'notice'; id: string; scope: DatabaseScope; text: string; icon: string };

export type ExplorerNodeKind = ExplorerNode['kind'];
export type NodeOf<K extends ExplorerNodeKind> = Extract<ExplorerNode, { kind: K }>;

/** The nodes the Connections tree makes itself. */
export type ConnectionsTreeNode = NodeOf<'connection' | 'database' | 'message'>;
/** The nodes the key browser makes below a database. */
export type KeyTreeNode = NodeOf<'folder' | 'key' | 'loadMore' | 'notice' | 'pattern' | 'otherKeys'>;

const KEY_TREE_KINDS = new Set<ExplorerNodeKind>(['folder', 'key', 'loadMore', 'notice', 'pattern', 'otherKeys']);

export function isKeyTreeNode(node: ExplorerNode): node is KeyTreeNode {
  return KEY_TREE_KINDS.has(node.kind);
}

/** `<connection id>/db<n>`: the id of a database node, and the prefix of every node below it. */
export function scopeId(scope: { connection: { id: string }; db: number }): string {
  return `${scope.connection.id}/db${scope.db}`;
}

/**
 * The `contextValue` of each node kind: package.json's `when` clauses (`viewItem =~ /^connection/`,
 * `/^database.*\.filtered$/`, `/^(database|keyFolder)/`, `/^key\./`, `viewItem == key.string`)
 * read these exact strings, so they are one typed union made only by the functions below.
 * `.patterns`: the database shows its code's key patterns as folders (Show All Keys is offered).
 */
export type ContextValue =
  | `connection.${'connected' | 'disconnected'}${'' | '.readOnly'}`
  | `database${'' | '.cluster'}${'' | '.patterns'}${'' | '.filtered'}`
  | 'message'
  | 'keyFolder'
  | 'keyPatternFolder'
  | 'otherKeys'
  | `key.${string}`
  | 'loadMore'
  | 'notice';

export function connectionContextValue(connected: boolean, readOnly: boolean): ContextValue {
  return `connection.${connected ? 'connected' : 'disconnected'}${readOnly ? '.readOnly' : ''}`;
}

/** `.filtered` shows the inline Clear Filter button while a filter is on. */
export function databaseContextValue(cluster: boolean, filtered: boolean, patterns = false): ContextValue {
  return `database${cluster ? '.cluster' : ''}${patterns ? '.patterns' : ''}${filtered ? '.filtered' : ''}`;
}

/** `key.<type>` (`key.unknown` before the type is read): String keys get Edit Value as Text. */
export function keyContextValue(type: string | undefined): ContextValue {
  return `key.${type ?? 'unknown'}`;
}
