import * as vscode from 'vscode';
import { Commands } from '../commands';
import type { ConnectionManager } from './connectionManager';
import type { ConnectionStore } from './connectionStore';

/** Shows the state of the most recently changed connection: connecting, connected (version, role), reconnecting, error. */
export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('redisSpecialist.connection', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ConnectionStore, private readonly manager: ConnectionManager) {
    this.item.name = 'Redis Connection';
    this.item.command = Commands.showLog;
    this.subscription = manager.onDidChangeState((id) => this.show(id));
  }

  private show(id: string): void {
    const connection = this.store.get(id);
    const state = this.manager.state(id);
    if (!connection || state.status === 'disconnected') {
      this.item.hide();
      void vscode.commands.executeCommand('setContext', 'redisSpecialist.connected', false);
      return;
    }
    const icons = { connecting: '$(sync~spin)', reconnecting: '$(sync~spin)', connected: '$(database)', error: '$(error)' } as const;
    const detail = state.status === 'connected' ? `${state.serverVersion ?? ''} ${state.role ?? ''}`.trim() : state.status;
    this.item.text = `${icons[state.status]} ${connection.name}${detail ? ` · ${detail}` : ''}`;
    this.item.tooltip = state.error ? `Redis: ${state.error}` : `Redis connection ${connection.name}: ${state.status}`;
    this.item.backgroundColor = state.status === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
    void vscode.commands.executeCommand('setContext', 'redisSpecialist.connected', state.status === 'connected');
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
