import * as vscode from 'vscode';
import { Commands } from '../commands';
import type { Connections } from './connections';
import type { ExplorerNode } from '../explorer/explorerNode';
import { connectionIdOf, connectionIdOfUri } from '../explorer/nodeArguments';

/**
 * Shows the state of the connection the user is looking at — the one of the active key editor or
 * value document, else the one selected in the Connections view, else the most recently changed
 * one: connecting, connected (version, role), reconnecting, error.
 */
export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('redisSpecialist.connection', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[];
  /** Chosen by the active editor or the view's selection; survives switching to unrelated editors. */
  private focused: string | undefined;
  private lastChanged: string | undefined;

  constructor(
    private readonly connections: Connections,
    view: vscode.TreeView<ExplorerNode>,
  ) {
    this.item.name = 'Redis Connection';
    this.item.command = Commands.showLog;
    this.subscriptions = [
      connections.onDidChangeState((id) => {
        this.lastChanged = id;
        this.render();
      }),
      view.onDidChangeSelection((e) => this.focus(connectionIdOf(e.selection[0]))),
      vscode.window.tabGroups.onDidChangeTabs(() => this.focus(activeTabConnection())),
      vscode.window.tabGroups.onDidChangeTabGroups(() => this.focus(activeTabConnection())),
    ];
  }

  /** The connection shown now (undefined when hidden). */
  get connectionId(): string | undefined {
    return this.focused ?? this.lastChanged;
  }

  /** What the item says now, empty when hidden (tests read it). */
  get text(): string {
    return this.connectionId && this.connections.state(this.connectionId)?.status !== 'disconnected' ? this.item.text : '';
  }

  private focus(id: string | undefined): void {
    if (!id || id === this.focused) return;
    this.focused = id;
    this.render();
  }

  private render(): void {
    const id = this.connectionId;
    const connection = id ? this.connections.get(id) : undefined;
    const state = id ? this.connections.state(id) : undefined;
    if (!connection || !state || state.status === 'disconnected') {
      this.item.hide();
      return;
    }
    const icons = { connecting: '$(sync~spin)', reconnecting: '$(sync~spin)', connected: '$(database)', error: '$(error)' } as const;
    // A tunnel that failed says why in a few words (as the Connections view does): "SSH: host key changed".
    const detail = state.status === 'connected' ? `${state.serverVersion ?? ''} ${state.role ?? ''}`.trim() : state.sshProblem ? `SSH: ${state.sshProblem}` : state.status;
    this.item.text = `${icons[state.status]} ${connection.name}${detail ? ` · ${detail}` : ''}`;
    this.item.tooltip = state.error ? `Redis: ${state.error}` : `Redis connection ${connection.name}: ${state.status}`;
    this.item.backgroundColor = state.status === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

/** The connection of the active tab: a key editor (custom editor) or a value document. */
function activeTabConnection(): string | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri = input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText ? input.uri : undefined;
  return connectionIdOfUri(uri);
}
