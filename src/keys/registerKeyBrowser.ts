import type * as vscode from 'vscode';
import type { Settings } from '../config';
import type { ConnectionManager } from '../connections/connectionManager';
import type { ConnectionsTreeProvider } from '../connections/connectionsTree';
import { registerKeyCommands } from './keyCommands';
import { KeyTreeProvider } from './keyTreeProvider';

interface Deps {
  manager: ConnectionManager;
  tree: ConnectionsTreeProvider;
  settings: Settings;
  log: vscode.LogOutputChannel;
}

/** The key browser: keys below each database node of the Connections view, and its commands. */
export function registerKeyBrowser(context: { subscriptions: vscode.Disposable[] }, { manager, tree, settings, log }: Deps): KeyTreeProvider {
  const keys = new KeyTreeProvider(manager, settings, (scope, node) => (node ? tree.refresh(node) : tree.refreshDatabase(scope.connection.id, scope.db)));
  tree.setDatabaseChildrenProvider(keys);
  context.subscriptions.push(
    // What was loaded describes a connection that is gone: the next expand scans anew.
    manager.onDidChangeState((id) => {
      if (['disconnected', 'error'].includes(manager.state(id).status)) keys.resetConnection(id);
    }),
  );
  registerKeyCommands(context, { keys, tree, log });
  return keys;
}
