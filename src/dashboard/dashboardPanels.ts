import * as vscode from 'vscode';
import { webviewPanelOptions } from '../webviewPanel/webviewPanelHost';
import { DASHBOARD_VIEW_TYPE, DashboardPanel, type DashboardDeps } from './dashboardPanel';

/** The open dashboards, at most one per connection. */
export class DashboardPanels implements vscode.Disposable {
  private readonly open = new Map<string, DashboardPanel>();

  constructor(private readonly deps: DashboardDeps) {}

  knows(connectionId: string): boolean {
    return this.deps.connections.get(connectionId) !== undefined;
  }

  show(connectionId: string): DashboardPanel {
    const existing = this.open.get(connectionId);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, 'Redis dashboard', vscode.ViewColumn.Active, webviewPanelOptions(this.deps.extensionUri));
    return this.track(new DashboardPanel(panel, connectionId, this.deps));
  }

  restore(panel: vscode.WebviewPanel, connectionId: string): DashboardPanel {
    this.open.get(connectionId)?.dispose();
    return this.track(new DashboardPanel(panel, connectionId, this.deps));
  }

  /** Settings changed: every dashboard restarts its polling with them. */
  restartAll(): void {
    for (const panel of this.open.values()) panel.restartPolling();
  }

  get(connectionId: string): DashboardPanel | undefined {
    return this.open.get(connectionId);
  }

  dispose(): void {
    for (const panel of [...this.open.values()]) panel.dispose();
    this.open.clear();
  }

  private track(panel: DashboardPanel): DashboardPanel {
    this.open.set(panel.connectionId, panel);
    panel.onDidDispose(() => {
      if (this.open.get(panel.connectionId) === panel) this.open.delete(panel.connectionId);
    });
    return panel;
  }
}
