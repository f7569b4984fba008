import * as vscode from 'vscode';
import { readKeyspace } from '../core/redis/keyspace/keyspaceInfo';
import type { ConnectionConfig } from '../core/redis/connection/connectionConfig';
import { formatCount } from '../core/redis/bytes/formatCount';
import { userFacingMessage } from '../core/redis/connection/connectionErrors';
import { connectionContextValue, databaseContextValue, scopeId, type DatabaseScope, type ExplorerNode, type KeyTreeNode, type NodeOf } from '../explorer/explorerNode';
import type { ConnectionState } from './connectionManager';
import type { Connections } from './connections';
import { RefreshQueue } from '../explorer/refreshQueue';

/**
 * Children below a database node come from the key browser; the tree only knows how to ask.
 */
export interface DatabaseChildrenProvider {
  /** The keys at the top of a database, or below one of the provider's own nodes. */
  getChildren(parent: DatabaseScope | KeyTreeNode): Promise<KeyTreeNode[]>;
  getTreeItem(node: KeyTreeNode): vscode.TreeItem;
  /** Extra text for the database item, e.g. the active filter. */
  databaseDescription?(scope: DatabaseScope): string | undefined;
  /** The database shows the code's key patterns as folders (its menu offers Show All Keys). */
  showsCodePatterns?(scope: DatabaseScope): boolean;
}

/** The Connections view: connection → databases (→ keys, from the key browser). */
export class ConnectionsTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Refreshes go out coalesced (see refreshQueue.ts). */
  private readonly refreshes = new RefreshQueue<ExplorerNode>((nodes) => this.changed.fire(nodes));
  private readonly subscriptions: vscode.Disposable[] = [];
  private databaseChildren: DatabaseChildrenProvider | undefined;
  /** Database nodes by id: VS Code refreshes an element by the reference it was given. */
  private readonly databaseNodes = new Map<string, NodeOf<'database'>>();

  constructor(private readonly connections: Connections) {
    this.subscriptions.push(connections.onDidChange(() => this.refresh()), connections.onDidChangeState(() => this.refresh()));
  }

  setDatabaseChildrenProvider(provider: DatabaseChildrenProvider): void {
    this.databaseChildren = provider;
  }

  /**
   * Redraws a row without children in place; anything else redraws the whole tree. VS Code 1.100
   * does not read the open folders below a refreshed row again: their rows go stale (a click on one
   * does nothing) or empty ("No tree item with id …"). A whole-tree refresh reads every open node
   * again, from what the key browser already holds (nothing is rescanned).
   */
  refresh(node?: ExplorerNode): void {
    this.refreshes.request(node && !hasChildren(node) ? node : undefined);
  }

  /** Reads the database's key count again (INFO keyspace) and refreshes its row and subtree. */
  async refreshDatabaseCounts(connectionId: string, db: number): Promise<void> {
    const node = this.databaseNodes.get(scopeId({ connection: { id: connectionId }, db }));
    if (node) {
      const found = await readKeyspace(await this.connections.connect(connectionId));
      node.database = found.find((d) => d.db === db) ?? { db, keys: 0, expires: 0 };
    }
    this.refresh(node);
  }

  getTreeItem(n: ExplorerNode): vscode.TreeItem | Thenable<vscode.TreeItem> {
    switch (n.kind) {
      case 'connection':
        return connectionItem(n.connection, this.connections.state(n.connection.id));
      case 'database': {
        const { db, keys, expires, partial } = n.database;
        const item = new vscode.TreeItem(`db${db}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = scopeId({ connection: n.connection, db });
        const filter = this.databaseChildren?.databaseDescription?.({ connection: n.connection, db });
        const count = `${partial ? '≥ ' : ''}${formatCount(keys)} ${keys === 1 ? 'key' : 'keys'}${keys ? `, ${formatCount(expires)} with TTL` : ''}`;
        item.description = [count, partial ? 'partial: a master is not answering' : undefined, filter].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon('database');
        item.contextValue = databaseContextValue(n.connection.kind === 'cluster', filter !== undefined, this.databaseChildren?.showsCodePatterns?.({ connection: n.connection, db }) ?? false);
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(n.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(n.icon);
        item.tooltip = n.text;
        item.contextValue = 'message';
        return item;
      }
      case 'folder':
      case 'key':
      case 'loadMore':
      case 'notice':
      case 'pattern':
      case 'otherKeys':
        if (!this.databaseChildren) throw new Error('The key browser is not registered.');
        return this.databaseChildren.getTreeItem(n);
    }
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return this.connections.list().map((connection): ExplorerNode => ({ kind: 'connection', connection }));
    switch (node.kind) {
      case 'connection':
        return this.databases(node.connection);
      case 'database':
        return this.databaseChildren?.getChildren({ connection: node.connection, db: node.database.db }) ?? [];
      case 'folder':
      case 'pattern':
      case 'otherKeys':
        return this.databaseChildren?.getChildren(node) ?? [];
      default:
        return [];
    }
  }

  private async databases(connection: ConnectionConfig): Promise<NodeOf<'database' | 'message'>[]> {
    try {
      const client = await this.connections.connect(connection.id);
      const found = await readKeyspace(client);
      const wanted = new Set([0, connection.db, ...found.map((d) => d.db)]);
      const shown = connection.kind === 'cluster' ? [0] : [...wanted].sort((a, b) => a - b);
      return shown.map((db) => {
        const id = scopeId({ connection, db });
        const node = this.databaseNodes.get(id) ?? { kind: 'database', connection, database: { db, keys: 0, expires: 0 } };
        Object.assign(node, { connection, database: found.find((d) => d.db === db) ?? { db, keys: 0, expires: 0 } });
        this.databaseNodes.set(id, node);
        return node;
      });
    } catch (error) {
      return [{ kind: 'message', connection, text: userFacingMessage(error, { config: connection }), icon: 'error' }];
    }
  }

  dispose(): void {
    this.refreshes.dispose();
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
      : state.sshProblem
        ? `SSH: ${state.sshProblem}${state.status === 'reconnecting' ? ' · reconnecting' : ''}`
        : state.status === 'error'
          ? 'error'
          : state.status;
  item.description = [connection.label, status].filter(Boolean).join(' · ');
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMarkdown(connection.name)}**\n\n`);
  tooltip.appendMarkdown(`${connection.kind} · \`${escapeMarkdown(where)}\`${connection.ssh ? ` · through SSH ${escapeMarkdown(connection.ssh.host)}` : ''}${connection.readOnly ? ' · read-only' : ''}\n\n`);
  if (state.error) tooltip.appendMarkdown(`$(error) ${escapeMarkdown(state.error)}`);
  item.tooltip = tooltip;
  item.iconPath = new vscode.ThemeIcon(
    state.status === 'error' ? 'error' : state.status === 'connected' ? 'plug' : connection.readOnly ? 'lock' : 'server',
    connection.color ? new vscode.ThemeColor(connection.color) : undefined,
  );
  item.contextValue = connectionContextValue(state.status === 'connected', connection.readOnly);
  return item;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** Rows that never have children (a key, Load more…, a notice). */
function hasChildren(node: ExplorerNode): boolean {
  return !(node.kind === 'key' || node.kind === 'loadMore' || node.kind === 'notice' || node.kind === 'message');
}
