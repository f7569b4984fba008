import * as vscode from 'vscode';
import { registerConnectionCommands } from './connections/connectionCommands';
import { ConnectionManager } from './connections/connectionManager';
import { ConnectionStore } from './connections/connectionStore';
import { ConnectionsTreeProvider } from './connections/connectionsTree';
import { ConnectionStatusBar } from './connections/statusBar';
import { createLog } from './log';

/** What `activate()` returns: a small surface for the extension's own host tests. */
export interface RedisSpecialistApi {
  readonly connections: ConnectionStore;
  readonly manager: ConnectionManager;
  readonly tree: ConnectionsTreeProvider;
}

/**
 * The composition root: builds every feature once and owns every disposable. Nothing here
 * connects to Redis or loads tree-sitter; that happens on the first user action that needs it.
 */
export class RedisSpecialistContext implements vscode.Disposable {
  readonly api: RedisSpecialistApi;
  /** Owned disposables; registration helpers push here too. */
  readonly subscriptions: vscode.Disposable[] = [];

  constructor(extension: vscode.ExtensionContext) {
    const log = this.own(createLog());
    const store = this.own(new ConnectionStore(extension.secrets, log));
    const manager = this.own(new ConnectionManager(store, log));
    const tree = this.own(new ConnectionsTreeProvider(store, manager));
    this.own(vscode.window.createTreeView('redisSpecialist.connections', { treeDataProvider: tree, showCollapseAll: true }));
    this.own(new ConnectionStatusBar(store, manager));
    registerConnectionCommands(this, { store, manager, tree, log });
    this.api = { connections: store, manager, tree };
  }

  private own<T extends vscode.Disposable>(disposable: T): T {
    this.subscriptions.push(disposable);
    return disposable;
  }

  dispose(): void {
    for (const d of this.subscriptions.reverse()) d.dispose();
  }
}
