import * as vscode from 'vscode';
import { Commands } from '../commands';
import { ConnectionUrlError, defaultConnectionName, parseConnectionUrl, redactUrl } from '../core/redis/connectionConfig';
import { registerCommand } from '../registration';
import type { ConnectionManager } from './connectionManager';
import type { ConnectionStore } from './connectionStore';
import type { ConnectionsTreeNode, ConnectionsTreeProvider } from './connectionsTree';

export interface AddConnectionArgs {
  url: string;
  name?: string;
}

interface Deps {
  store: ConnectionStore;
  manager: ConnectionManager;
  tree: ConnectionsTreeProvider;
  log: vscode.LogOutputChannel;
}

/** Connection commands: add by URL, remove, connect, disconnect, refresh. */
export function registerConnectionCommands(context: { subscriptions: vscode.Disposable[] }, deps: Deps): void {
  const { store, manager, tree, log } = deps;

  registerCommand(context, log, Commands.addConnection, async (args?: AddConnectionArgs) => {
    const url = args?.url ?? (await askUrl());
    if (url === undefined) return undefined;
    const parsed = parseConnectionUrl(url);
    const name = args?.name ?? (await vscode.window.showInputBox({
      title: 'Add Redis Connection (2/2)',
      prompt: 'A name for this connection',
      value: defaultConnectionName(parsed.config),
      ignoreFocusOut: true,
    }));
    if (name === undefined) return undefined;
    const saved = await store.save({ ...parsed.config, name: name || defaultConnectionName(parsed.config) }, parsed.secrets);
    log.info(`Added connection "${saved.name}" (${redactUrl(url)})`);
    return saved.id;
  });

  registerCommand(context, log, Commands.removeConnection, async (node?: ConnectionsTreeNode | string) => {
    const id = await pickConnectionId(store, node);
    if (!id) return;
    const connection = store.get(id);
    const silent = typeof node === 'string';
    if (!silent) {
      const answer = await vscode.window.showWarningMessage(`Remove the connection "${connection?.name}"? Its saved password is deleted too.`, { modal: true }, 'Remove');
      if (answer !== 'Remove') return;
    }
    await manager.disconnect(id);
    await store.remove(id);
  });

  registerCommand(context, log, Commands.connect, async (node?: ConnectionsTreeNode | string) => {
    const id = await pickConnectionId(store, node);
    if (!id) return;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Connecting to ${store.get(id)?.name ?? 'Redis'}…` },
      () => manager.getClient(id),
    );
  });

  registerCommand(context, log, Commands.disconnect, async (node?: ConnectionsTreeNode | string) => {
    const id = await pickConnectionId(store, node);
    if (id) await manager.disconnect(id);
  });

  registerCommand(context, log, Commands.refreshConnections, (node?: unknown) => tree.refresh(node));
  registerCommand(context, log, Commands.showLog, () => log.show());
}

async function askUrl(): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Add Redis Connection (1/2)',
    prompt: 'Redis URL: redis://[user[:password]@]host[:port][/db], or rediss:// for TLS',
    placeHolder: 'redis://localhost:6379/0',
    ignoreFocusOut: true,
    validateInput: (value) => {
      try {
        parseConnectionUrl(value);
        return undefined;
      } catch (error) {
        return error instanceof ConnectionUrlError ? error.message : String(error);
      }
    },
  });
}

/** The connection a command acts on: the tree node, an id passed by another command, or a pick. */
export async function pickConnectionId(store: ConnectionStore, node?: ConnectionsTreeNode | string): Promise<string | undefined> {
  if (typeof node === 'string') return node;
  if (node && 'connection' in node) return node.connection.id;
  const connections = store.list();
  if (connections.length === 0) {
    void vscode.window.showInformationMessage('No Redis connection yet.', 'Add Connection').then((choice) => {
      if (choice) void vscode.commands.executeCommand(Commands.addConnection);
    });
    return undefined;
  }
  if (connections.length === 1) return connections[0].id;
  const picked = await vscode.window.showQuickPick(
    connections.map((c) => ({ label: c.name, description: c.socket ?? `${c.host}:${c.port}`, id: c.id })),
    { title: 'Redis connection' },
  );
  return picked?.id;
}
