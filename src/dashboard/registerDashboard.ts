import * as vscode from 'vscode';
import { Commands } from '../commands';
import { Settings } from '../config';
import { registerCommand } from '../registration';
import { connectionIdOf, type DashboardConnectionSource } from './dashboardConnectionSource';
import { DASHBOARD_VIEW_TYPE } from './dashboardPanel';
import { DashboardPanels } from './dashboardPanels';
import { DashboardSerializer } from './dashboardSerializer';

/**
 * The server dashboard feature: the `redisSpecialist.openDashboard` command (tree context menu and
 * palette), the panels and their restoration after a reload. Returns what the caller must dispose.
 */
export function registerDashboard(extension: { extensionUri: vscode.Uri }, source: DashboardConnectionSource, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const settings = new Settings();
  const panels = new DashboardPanels({
    extensionUri: extension.extensionUri,
    source,
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
    const connectionId = connectionIdOf(arg) ?? (await pickConnection(source));
    if (!connectionId) return;
    if (!panels.knows(connectionId)) throw new Error(`There is no saved connection with id "${connectionId}".`);
    panels.show(connectionId);
  });
  return disposables;
}

async function pickConnection(source: DashboardConnectionSource): Promise<string | undefined> {
  const connections = source.listConnections();
  if (connections.length === 0) {
    const add = 'Add Connection…';
    if ((await vscode.window.showInformationMessage('There is no Redis connection to show a dashboard for.', add)) === add) {
      await vscode.commands.executeCommand(Commands.addConnection);
    }
    return undefined;
  }
  if (connections.length === 1) return connections[0].id;
  const picked = await vscode.window.showQuickPick(
    connections.map((c) => ({ label: c.name, description: c.id, id: c.id })),
    { title: 'Open Server Dashboard', placeHolder: 'Connection' },
  );
  return picked?.id;
}
