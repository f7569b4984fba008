import * as vscode from 'vscode';
import { readKeyspace, type DatabaseSummary } from '../core/redis/keyspace/keyspaceInfo';
import type { ConnectionConfig } from '../core/redis/connection/connectionConfig';
import { formatCount } from '../core/redis/bytes/formatCount';
import { userFacingMessage } from '../core/redis/connection/connectionErrors';
import type { ConnectionState } from './connectionManager';
import type { Connections } from './connections';

export type ConnectionsTreeNode =
  | { kind: 'connection'; connection: ConnectionConfig }
  | { kind: 'database'; connection: ConnectionConfig; database: DatabaseSummary }
  | { kind: 'message'; connection: ConnectionConfig; text: string; icon: string };

/**
 * Children below a database node come from the key browser; the tree only knows how to ask.
 * Nodes it returns are opaque to this provider.
 */
export interface DatabaseChildrenProvider {
  /** `parent` is the database's connection, or a node this provider owns. */
  getChildren(parent: unknown, db: number): Promise<unknown[]>;
  getTreeItem(node: unknown): vscode.TreeItem | Thenable<vscode.TreeItem>;
  owns(node: unknown): boolean;
  /** Extra text for the database item, e.g. the active filter. */
  databaseDescription?(connection: ConnectionConfig, db: number): string | undefined;
}

/** The Connections view: connection → databases (→ keys, from the key browser). */
export class ConnectionsTreeProvider implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private databaseChildren: DatabaseChildrenProvider | undefined;
  /** Database nodes by id: VS Code refreshes an element by the reference it was given. */
  private readonly databaseNodes = new Map<string, Extract<ConnectionsTreeNode, { kind: 'database' }>>();

  constructor(private readonly connections: Connections) {
    this.subscriptions.push(connections.onDidChange(() => this.refresh()), connections.onDidChangeState(() => this.refresh()));
  }

  setDatabaseChildrenProvider(provider: DatabaseChildrenProvider): void {
    this.databaseChildren = provider;
  }

  refresh(node?: unknown): void {
    this.changed.fire(node);
  }

  /** Refreshes one database's subtree (falls back to the whole tree when it is not shown). */
  refreshDatabase(connectionId: string, db: number): void {
    this.changed.fire(this.databaseNodes.get(`${connectionId}/db${db}`));
  }

  /** Reads the database's key count again (INFO keyspace) and refreshes its row and subtree. */
  async refreshDatabaseCounts(connectionId: string, db: number): Promise<void> {
    const node = this.databaseNodes.get(`${connectionId}/db${db}`);
    if (node) {
      const found = await readKeyspace(await this.connections.connect(connectionId));
      node.database = found.find((d) => d.db === db) ?? { db, keys: 0, expires: 0 };
    }
    this.changed.fire(node);
  }

  getTreeItem(node: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    if (this.databaseChildren?.owns(node)) return this.databaseChildren.getTreeItem(node);
    const n = node as ConnectionsTreeNode;
    switch (n.kind) {
      case 'connection':
        return connectionItem(n.connection, this.connections.state(n.connection.id));
      case 'database': {
        const { db, keys, expires, partial } = n.database;
        const item = new vscode.TreeItem(`db${db}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${n.connection.id}/db${db}`;
        const filter = this.databaseChildren?.databaseDescription?.(n.connection, db);
        const count = `${partial ? '≥ ' : ''}${formatCount(keys)} ${keys === 1 ? 'key' : 'keys'}${keys ? `, ${formatCount(expires)} with TTL` : ''}`;
        item.description = [count, partial ? 'partial: a master is not answering' : undefined, filter].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon('database');
        // `.filtered` shows the inline Clear Filter button while a filter is on.
        item.contextValue = `${n.connection.kind === 'cluster' ? 'database.cluster' : 'database'}${filter ? '.filtered' : ''}`;
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(n.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(n.icon);
        item.tooltip = n.text;
        item.contextValue = 'message';
        return item;
      }
    }
  }

  async getChildren(node?: unknown): Promise<unknown[]> {
    if (!node) return this.connections.list().map((connection): ConnectionsTreeNode => ({ kind: 'connection', connection }));
    if (this.databaseChildren?.owns(node)) return this.databaseChildren.getChildren(node, 0);
    const n = node as ConnectionsTreeNode;
    if (n.kind === 'connection') return this.databases(n.connection);
    if (n.kind === 'database' && this.databaseChildren) return this.databaseChildren.getChildren(n.connection, n.database.db);
    return [];
  }

  private async databases(connection: ConnectionConfig): Promise<ConnectionsTreeNode[]> {
    try {
      const client = await this.connections.connect(connection.id);
      const found = await readKeyspace(client);
      const wanted = new Set([0, connection.db, ...found.map((d) => d.db)]);
      const shown = connection.kind === 'cluster' ? [0] : [...wanted].sort((a, b) => a - b);
      return shown.map((db) => {
        const node = this.databaseNodes.get(`${connection.id}/db${db}`) ?? { kind: 'database', connection, database: { db, keys: 0, expires: 0 } };
        Object.assign(node, { connection, database: found.find((d) => d.db === db) ?? { db, keys: 0, expires: 0 } });
        this.databaseNodes.set(`${connection.id}/db${db}`, node);
        return node;
      });
    } catch (error) {
      return [{ kind: 'message', connection, text: userFacingMessage(error, { config: connection }), icon: 'error' }];
    }
  }

  dispose(): void {
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function connectionItem(connection: ConnectionConfig, state: ConnectionState): vscode.TreeItem {
  const item = new vscode.TreeItem(connection.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = connection.id;
  const where = connection.socket ?? `${connection.host}:${connection.port}`;
  const status =
    state.status === 'connected'
      ? `Redis ${state.serverVersion ?? ''}${state.role ? ` · ${state.role}` : ''}`
      : state.status === 'error'
        ? 'error'
        : state.status;
  item.description = [connection.label, status].filter(Boolean).join(' · ');
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMarkdown(connection.name)}**\n\n`);
  tooltip.appendMarkdown(`${connection.kind} · \`${escapeMarkdown(where)}\`${connection.readOnly ? ' · read-only' : ''}\n\n`);
  if (state.error) tooltip.appendMarkdown(`$(error) ${escapeMarkdown(state.error)}`);
  item.tooltip = tooltip;
  item.iconPath = new vscode.ThemeIcon(
    state.status === 'error' ? 'error' : state.status === 'connected' ? 'plug' : connection.readOnly ? 'lock' : 'server',
    connection.color ? new vscode.ThemeColor(connection.color) : undefined,
  );
  item.contextValue = `connection.${state.status === 'connected' ? 'connected' : 'disconnected'}${connection.readOnly ? '.readOnly' : ''}`;
  return item;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
