import * as vscode from 'vscode';
import { Commands } from '../commands';
import { Settings } from '../config';
import { registerCommand } from '../registration';
import { connectionIdOf } from '../explorer/nodeArguments';
import { pickConnection } from '../connections/pickConnection';
import type { FeatureContext } from '../feature';
import { DASHBOARD_VIEW_TYPE } from './dashboardPanel';
import { DashboardPanels } from './dashboardPanels';
import { DashboardSerializer } from './dashboardSerializer';

/**
 * The server dashboard feature: the `redisSpecialist.openDashboard` command (tree context menu and
 * palette), the panels and their restoration after a reload.
 */
export function registerDashboard(context: FeatureContext): void {
  const { connections, settings, log, own } = context;
  const panels = own(
    new DashboardPanels({
      extensionUri: context.extension.extensionUri,
      connections,
      log,
      settings: () => ({ intervalMs: settings.dashboardIntervalMs, windowSeconds: settings.dashboardWindowSeconds }),
    }),
  );
  own(vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, new DashboardSerializer(panels)));
  own(
    Settings.onDidChange((e) => {
      if (e.affectsConfiguration('redisSpecialist.dashboard')) panels.restartAll();
    }),
  );
  registerCommand(context, log, Commands.openDashboard, async (arg?: unknown) => {
    const connectionId = connectionIdOf(arg) ?? (await pickConnection(connections.list(), 'Open Server Dashboard'))?.id;
    if (!connectionId) return;
    // The one sentence for a connection that was removed (a stale tree item, an old argument).
    connections.require(connectionId);
    panels.show(connectionId);
  });
}
