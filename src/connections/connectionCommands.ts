import * as vscode from 'vscode';
import { Commands } from '../commands';
import { parseConnectionUrl, redactUrl, defaultConnectionName, type ConnectionConfig, type ConnectionSecrets } from '../core/redis/connectionConfig';
import { probeConnection, type ProbeResult } from '../core/redis/connectionProbe';
import { registerCommand } from '../registration';
import type { ConnectionManager } from './connectionManager';
import type { ConnectionStore } from './connectionStore';
import type { ConnectionsTreeNode, ConnectionsTreeProvider } from './connectionsTree';
import { runConnectionWizard } from './connectionWizard';
import { connectionIdOf } from './connectionIdOf';
import { pickConnection } from './pickConnection';

/** Programmatic form of Add Connection (tests, other extensions): skips the UI and the pre-save test. */
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

type NodeOrId = ConnectionsTreeNode | string | undefined;

/** Connection commands: add (URL or multi-step), edit, duplicate, test, remove, connect, disconnect, refresh. */
export function registerConnectionCommands(context: { subscriptions: vscode.Disposable[] }, deps: Deps): void {
  const { store, manager, tree, log } = deps;

  registerCommand(context, log, Commands.addConnection, async (args?: AddConnectionArgs) => {
    if (args?.url) {
      const parsed = parseConnectionUrl(args.url);
      const saved = await store.save({ ...parsed.config, name: args.name || defaultConnectionName(parsed.config) }, parsed.secrets);
      log.info(`Added connection "${saved.name}" (${redactUrl(args.url)})`);
      return saved.id;
    }
    const result = await askAndTest(store);
    if (!result) return undefined;
    const saved = await store.save(result.config, result.secrets);
    log.info(`Added connection "${saved.name}"`);
    return saved.id;
  });

  registerCommand(context, log, Commands.editConnection, async (node?: NodeOrId) => {
    const existing = await connectionFor(store, node, 'Redis connection');
    if (!existing) return;
    const result = await askAndTest(store, existing);
    if (!result) return;
    await manager.disconnect(existing.id);
    // Only the secrets typed anew replace the saved ones; an empty password field keeps the old one.
    const secrets = { ...(await store.getSecrets(existing.id)), ...result.secrets };
    await store.save({ ...result.config, id: existing.id }, secrets);
    tree.refresh();
  });

  registerCommand(context, log, Commands.duplicateConnection, async (node?: NodeOrId) => {
    const existing = await connectionFor(store, node, 'Redis connection');
    if (!existing) return undefined;
    const { id: _id, ...copy } = existing;
    const saved = await store.save({ ...copy, name: `${existing.name} (copy)` }, await store.getSecrets(existing.id));
    return saved.id;
  });

  registerCommand(context, log, Commands.testConnection, async (node?: NodeOrId) => {
    const existing = await connectionFor(store, node, 'Redis connection');
    if (!existing) return undefined;
    const result = await probeWithProgress(existing, await store.getSecrets(existing.id));
    if (result.ok) void vscode.window.showInformationMessage(`Connected to "${existing.name}": ${describeServer(result)}.`);
    else void vscode.window.showErrorMessage(`"${existing.name}": ${result.message}`);
    return result;
  });

  registerCommand(context, log, Commands.removeConnection, async (node?: NodeOrId) => {
    const connection = await connectionFor(store, node, 'Redis connection');
    if (!connection) return;
    // A bare id comes from code (tests, other commands) that already decided; the UI always asks.
    if (typeof node !== 'string') {
      const answer = await vscode.window.showWarningMessage(`Remove the connection "${connection.name}"? Its saved password is deleted too.`, { modal: true }, 'Remove');
      if (answer !== 'Remove') return;
    }
    await manager.disconnect(connection.id);
    await store.remove(connection.id);
  });

  registerCommand(context, log, Commands.connect, async (node?: NodeOrId) => {
    const connection = await connectionFor(store, node, 'Redis connection');
    if (!connection) return;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Connecting to ${connection.name}…` }, () => manager.getClient(connection.id));
  });

  registerCommand(context, log, Commands.disconnect, async (node?: NodeOrId) => {
    const connection = await connectionFor(store, node, 'Redis connection');
    if (connection) await manager.disconnect(connection.id);
  });

  registerCommand(context, log, Commands.refreshConnections, (node?: unknown) => tree.refresh(node));
  registerCommand(context, log, Commands.showLog, () => log.show());
}

/** Runs the wizard, then tests the connection; on failure the user may edit, save anyway or cancel. */
async function askAndTest(store: ConnectionStore, existing?: ConnectionConfig): Promise<{ config: Omit<ConnectionConfig, 'id'>; secrets: ConnectionSecrets } | undefined> {
  let start = existing;
  for (;;) {
    const result = await runConnectionWizard(start);
    if (!result) return undefined;
    const secrets = existing ? { ...(await store.getSecrets(existing.id)), ...result.secrets } : result.secrets;
    const probe = await probeWithProgress({ ...result.config, id: existing?.id ?? 'new' }, secrets);
    if (probe.ok) {
      void vscode.window.showInformationMessage(`Connected to "${result.config.name}": ${describeServer(probe)}.`);
      return result;
    }
    const choice = await vscode.window.showErrorMessage(`"${result.config.name}": ${probe.message}`, { modal: true }, 'Edit', 'Save Anyway');
    if (choice === 'Save Anyway') return result;
    if (choice !== 'Edit') return undefined;
    start = { ...result.config, id: existing?.id ?? 'new' };
  }
}

function probeWithProgress(config: ConnectionConfig, secrets: ConnectionSecrets): Thenable<ProbeResult> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Testing connection "${config.name}"…` }, () => probeConnection(config, secrets));
}

function describeServer(result: Extract<ProbeResult, { ok: true }>): string {
  const keys = result.dbs.reduce((n, d) => n + d.keys, 0);
  const warnings = result.warnings.length ? ` — ${result.warnings.join(' ')}` : '';
  return `${result.server === 'valkey' ? 'Valkey' : 'Redis'} ${result.serverVersion}, ${result.mode}, ${result.role}, ${keys} keys${warnings}`;
}

/** The connection a command acts on: the tree node, an id passed by another command, or a pick. */
async function connectionFor(store: ConnectionStore, node: NodeOrId, title: string): Promise<ConnectionConfig | undefined> {
  const id = connectionIdOf(node);
  return id ? store.get(id) : pickConnection(store.list(), title);
}
