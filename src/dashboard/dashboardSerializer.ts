import type * as vscode from 'vscode';
import { isDashboardPageState } from '../core/protocol/dashboard';
import type { DashboardPanels } from './dashboardPanels';

/**
 * Brings dashboards back after a window reload: VS Code hands over the panel and the state the
 * page saved with `setState` (its connection id); a connection that no longer exists closes it.
 */
export class DashboardSerializer implements vscode.WebviewPanelSerializer {
  constructor(private readonly panels: DashboardPanels) {}

  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (isDashboardPageState(state) && this.panels.knows(state.connectionId)) this.panels.restore(panel, state.connectionId);
    else panel.dispose();
    return Promise.resolve();
  }
}
