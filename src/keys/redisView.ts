import * as vscode from 'vscode';
import type { Settings } from '../config';
import type { Connections } from '../connections/connections';
import { ConnectionsTreeProvider } from '../connections/connectionsTree';
import type { ExplorerNode } from '../explorer/explorerNode';
import type { KeyChanges } from '../explorer/keyChanges';
import { KeyTreeProvider } from './keyTreeProvider';

export const REDIS_VIEW_ID = 'redisSpecialist.connections';

/**
 * The Redis view: the Connections tree (connections → databases) with the key browser below each
 * database, one `TreeView<ExplorerNode>`. It follows key changes in place (the changed row, the
 * folder counts, the database's key count; only a bulk delete rescans) and forgets what was
 * loaded for a connection that went away.
 */
export class RedisView implements vscode.Disposable {
  readonly tree: ConnectionsTreeProvider;
  readonly keys: KeyTreeProvider;
  readonly view: vscode.TreeView<ExplorerNode>;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(connections: Connections, settings: Settings, changes: KeyChanges) {
    this.tree = new ConnectionsTreeProvider(connections);
    const tree = this.tree;
    this.keys = new KeyTreeProvider(connections, settings, (_scope, node) => tree.refresh(node));
    const keys = this.keys;
    tree.setDatabaseChildrenProvider(keys);
    this.view = vscode.window.createTreeView(REDIS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
    this.subscriptions.push(
      this.view,
      tree,
      keys,
      this.view.onDidChangeSelection((e) => (keys.selection = e.selection)),
      // What was loaded describes a connection that is gone: the next expand scans anew.
      connections.onDidChangeState((id) => {
        if (['disconnected', 'error'].includes(connections.state(id).status)) keys.resetConnection(id);
      }),
      connections.onDidChange(() => void keys.forgetRemoved(new Set(connections.list().map((c) => c.id)))),
      changes.onDidChange(({ target, change }) => {
        const scope = { connection: target.connection, db: target.db };
        void keys.applyKeyChange(scope, target.key, change).catch(() => {
          // Updating in place failed (the server went away): what is loaded can no longer be trusted.
          keys.reset(scope);
          tree.refresh();
        });
        if (change.kind !== 'changed') void tree.refreshDatabaseCounts(target.connection.id, target.db);
      }),
    );
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0).reverse()) s.dispose();
  }
}
