import type * as vscode from 'vscode';
import type { Settings } from '../config';
import type { Connections } from '../connections/connections';
import type { ConnectionsTreeProvider } from '../connections/connectionsTree';
import { registerKeyCommands } from './keyCommands';
import { KeyTreeProvider } from './keyTreeProvider';

interface Deps {
  connections: Connections;
  tree: ConnectionsTreeProvider;
  settings: Settings;
  log: vscode.LogOutputChannel;
}

/** The key browser: keys below each database node of the Connections view, and its commands. */
export function registerKeyBrowser(context: { subscriptions: vscode.Disposable[] }, { connections, tree, settings, log }: Deps): KeyTreeProvider {
  const keys = new KeyTreeProvider(connections, settings, (scope, node) => (node ? tree.refresh(node) : tree.refreshDatabase(scope.connection.id, scope.db)));
  tree.setDatabaseChildrenProvider(keys);
  context.subscriptions.push(
    // What was loaded describes a connection that is gone: the next expand scans anew.
    connections.onDidChangeState((id) => {
      if (['disconnected', 'error'].includes(connections.state(id).status)) keys.resetConnection(id);
    }),
  );
  registerKeyCommands(context, { keys, tree, log });
  return keys;
}
