import * as vscode from 'vscode';
import { Commands } from '../commands';
import { Settings } from '../config';
import { registerCommand } from '../registration';
import { connectionIdOf } from '../connections/connectionIdOf';
import { pickConnection } from '../connections/pickConnection';
import type { Connections } from '../connections/connections';
import { DASHBOARD_VIEW_TYPE } from './dashboardPanel';
import { DashboardPanels } from './dashboardPanels';
import { DashboardSerializer } from './dashboardSerializer';

/**
 * The server dashboard feature: the `redisSpecialist.openDashboard` command (tree context menu and
 * palette), the panels and their restoration after a reload. Returns what the caller must dispose.
 */
export function registerDashboard(extension: { extensionUri: vscode.Uri }, connections: Connections, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const settings = new Settings();
  const panels = new DashboardPanels({
    extensionUri: extension.extensionUri,
    connections,
    log,
    settings: () => ({ intervalMs: settings.dashboardIntervalMs, windowSeconds: settings.dashboardWindowSeconds }),
  });
  const disposables: vscode.Disposable[] = [
    panels,
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, new DashboardSerializer(panels)),
    Settings.onDidChange((e) => {
      if (e.affectsConfiguration('redisSpecialist.dashboard')) panels.restartAll();
    }),
  ];
  registerCommand({ subscriptions: disposables }, log, Commands.openDashboard, async (arg?: unknown) => {
    const connectionId = connectionIdOf(arg) ?? (await pickConnection(connections.list(), 'Open Server Dashboard'))?.id;
    if (!connectionId) return;
    if (!panels.knows(connectionId)) throw new Error(`There is no saved connection with id "${connectionId}".`);
    panels.show(connectionId);
  });
  return disposables;
}
