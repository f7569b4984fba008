import type * as vscode from 'vscode';
import { Settings } from './config';
import { registerConnectionCommands } from './connections/connectionCommands';
import { registerConnectionTransfer } from './connections/registerConnectionTransfer';
import { ConnectionManager } from './connections/connectionManager';
import { Connections } from './connections/connections';
import { ConnectionStore } from './connections/connectionStore';
import type { ConnectionsTreeProvider } from './connections/connectionsTree';
import { quickInputShown, type QuickInputWidget } from './connections/multiStepInput';
import { connectionTunnelsFor } from './connections/sshTunnels';
import { ConnectionStatusBar } from './connections/statusBar';
import { registerDashboard } from './dashboard/registerDashboard';
import { ClientVersionCache } from './diagnostics/clientVersionCache';
import { FolderOptions } from './diagnostics/folderOptions';
import { registerCodeAnalysis } from './diagnostics/registerCodeAnalysis';
import { KeyChanges } from './explorer/keyChanges';
import type { Feature, FeatureContext } from './feature';
import { KeyEditors } from './keyEditor/keyEditors';
import { LiveAnalyses } from './liveAnalysis/liveAnalyses';
import { WorkspacePatterns } from './patterns/workspacePatterns';
import type { KeyTreeProvider } from './keys/keyTreeProvider';
import { RedisView } from './keys/redisView';
import { registerKeys } from './keys/registerKeys';
import { createLog } from './log';
import { registerDumpAnalysis } from './memory/registerDumpAnalysis';
import { registerMemoryAnalysis } from './memory/registerMemoryAnalysis';
import { registerSnapshotAnalysis } from './memory/registerSnapshotAnalysis';
import { registerPatterns } from './patterns/registerPatterns';
import { registerInsertPattern } from './snippets/insertPattern';
import { registerTerminal } from './terminal/registerTerminal';

/** Every feature, registered the same way and in this order (commands of one feature may run another's). */
const FEATURES: readonly Feature[] = [registerConnectionCommands, registerConnectionTransfer, registerKeys, registerTerminal, registerInsertPattern, registerCodeAnalysis, registerDashboard, registerDumpAnalysis, registerMemoryAnalysis, registerSnapshotAnalysis, registerPatterns];

/** How long deactivation waits for open connections to answer QUIT. */
const QUIT_WAIT_MS = 2000;

/** What `activate()` returns: a small surface for the extension's own host tests. */
export interface RedisSpecialistApi {
  readonly connections: Connections;
  readonly manager: ConnectionManager;
  readonly tree: ConnectionsTreeProvider;
  readonly keys: KeyTreeProvider;
  /** The status bar's connection (the one relevant to the active editor or selection). */
  readonly statusBar: { readonly connectionId: string | undefined; readonly text: string };
  /** Each quick input as it is shown: host tests answer the real widgets through it. */
  readonly onDidShowQuickInput: vscode.Event<QuickInputWidget>;
  /** The live analyses' locks and the stopped runs kept for a resume. */
  readonly liveAnalyses: LiveAnalyses;
  /** Where this extension host writes logs and keeps state: tests check that no secret lands there. */
  readonly storage: { logUri: vscode.Uri; globalState: vscode.Memento; workspaceState: vscode.Memento };
}

/**
 * The composition root: builds the shared services once (log, settings, connections, the key
 * change bus, the Redis view, the key editors), registers every feature with them and owns every
 * disposable. Nothing here connects to Redis or loads tree-sitter; that happens on the first user
 * action that needs it.
 */
export class RedisSpecialistContext implements vscode.Disposable {
  readonly api: RedisSpecialistApi;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly connections: Connections;

  constructor(extension: vscode.ExtensionContext) {
    const own = <T extends vscode.Disposable>(disposable: T): T => {
      this.subscriptions.push(disposable);
      return disposable;
    };
    const log = own(createLog());
    const settings = new Settings();
    const store = own(new ConnectionStore(extension.secrets, log));
    const tunnels = own(connectionTunnelsFor(store, settings, extension.globalStorageUri, log));
    const manager = own(new ConnectionManager(store, log, () => settings.commandDeadlines, tunnels));
    const connections = (this.connections = own(new Connections(store, manager)));
    const keyChanges = own(new KeyChanges());
    const view = own(new RedisView(connections, settings, keyChanges));
    const keyEditors = own(new KeyEditors(extension.extensionUri, connections, settings, keyChanges, log));
    const statusBar = own(new ConnectionStatusBar(connections, view.view));
    const keyPatterns = own(new WorkspacePatterns(extension.extensionUri, settings, log));
    const liveAnalyses = own(new LiveAnalyses(connections));
    const analysisOptions = own(new FolderOptions(settings, own(new ClientVersionCache(log)), log));
    const feature: FeatureContext = { extension, connections, settings, log, keyChanges, view, keyEditors, keyPatterns, analysisOptions, liveAnalyses, own };
    for (const register of FEATURES) register(feature);
    this.api = {
      connections,
      manager,
      tree: view.tree,
      keys: view.keys,
      onDidShowQuickInput: own(quickInputShown).event,
      statusBar,
      liveAnalyses,
      storage: { logUri: extension.logUri, globalState: extension.globalState, workspaceState: extension.workspaceState },
    };
  }

  /** Deactivation: open connections say QUIT, waited for at most {@link QUIT_WAIT_MS}. */
  closeConnections(): Promise<void> {
    return this.connections.closeAll(QUIT_WAIT_MS);
  }

  dispose(): void {
    for (const d of this.subscriptions.splice(0).reverse()) d.dispose();
  }
}
