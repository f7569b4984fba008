import * as vscode from 'vscode';
import { registerConnectionCommands } from './connections/connectionCommands';
import { ConnectionManager } from './connections/connectionManager';
import { ConnectionStore } from './connections/connectionStore';
import { Connections } from './connections/connections';
import { ConnectionsTreeProvider } from './connections/connectionsTree';
import { ConnectionStatusBar } from './connections/statusBar';
import { createLog } from './log';
import { Settings } from './config';
import { registerKeyBrowser } from './keys/registerKeyBrowser';
import { registerValueFeature } from './keyEditor/registerKeyEditor';
import { registerCliFeature } from './terminal/registerTerminal';
import { registerInsertPattern } from './snippets/insertPattern';
import { registerCodeAnalysis } from './diagnostics/registerCodeAnalysis';
import { registerDashboard } from './dashboard/registerDashboard';
import { registerDumpAnalysis } from './memory/registerDumpAnalysis';
import type { KeyTreeProvider } from './keys/keyTreeProvider';
import { quickInputShown, type QuickInputWidget } from './connections/multiStepInput';
import { connectionTunnelsFor } from './connections/sshTunnels';

/** What `activate()` returns: a small surface for the extension's own host tests. */
export interface RedisSpecialistApi {
  readonly connections: Connections;
  readonly manager: ConnectionManager;
  readonly tree: ConnectionsTreeProvider;
  readonly keys: KeyTreeProvider;
  /** The status bar's connection (the one relevant to the active editor or selection). */
  readonly statusBar: { readonly connectionId: string | undefined };
  /** Each quick input as it is shown: host tests answer the real widgets through it. */
  readonly onDidShowQuickInput: vscode.Event<QuickInputWidget>;
  /** Where this extension host writes logs and keeps state: tests check that no secret lands there. */
  readonly storage: { logUri: vscode.Uri; globalState: vscode.Memento; workspaceState: vscode.Memento };
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
    const settings = new Settings();
    const tunnels = this.own(connectionTunnelsFor(store, settings, extension.globalStorageUri, log));
    const manager = this.own(new ConnectionManager(store, log, () => settings.commandDeadlines, tunnels));
    const connections = this.own(new Connections(store, manager));
    const tree = this.own(new ConnectionsTreeProvider(connections));
    const view = this.own(vscode.window.createTreeView('redisSpecialist.connections', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true }));
    const statusBar = this.own(new ConnectionStatusBar(connections, view));
    registerConnectionCommands(this, { connections, tree, log });
    const keys = registerKeyBrowser(this, { connections, tree, settings, log });
    this.own(view.onDidChangeSelection((e) => (keys.selection = e.selection)));
    registerValueFeature(this, { extensionUri: extension.extensionUri, connections, keys, tree, settings, log });
    registerCliFeature(this, { connections, settings, globalState: extension.globalState, log });
    registerInsertPattern(this, extension.extensionUri, log);
    registerCodeAnalysis(this, { extensionUri: extension.extensionUri, settings, log });
    this.subscriptions.push(...registerDashboard(extension, connections, log));
    registerDumpAnalysis(this, { extensionUri: extension.extensionUri, log });
    this.api = {
      connections,
      manager,
      tree,
      keys,
      onDidShowQuickInput: this.own(quickInputShown).event,
      statusBar,
      storage: { logUri: extension.logUri, globalState: extension.globalState, workspaceState: extension.workspaceState },
    };
  }

  private own<T extends vscode.Disposable>(disposable: T): T {
    this.subscriptions.push(disposable);
    return disposable;
  }

  dispose(): void {
    for (const d of this.subscriptions.reverse()) d.dispose();
  }
}
