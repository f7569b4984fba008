import { Commands } from '../commands';
import type { FeatureContext } from '../feature';
import { registerCommand } from '../registration';
import type { ConnectionTransferDeps } from './connectionTransferDeps';
import { copyConnectionUrl } from './copyConnectionUrl';
import { exportConnections, type ExportConnectionsArgs } from './exportConnections';
import { importConnections, type ImportConnectionsArgs } from './importConnections';

/** Connections in and out of the editor: Import Connections…, Export Connections…, Copy Connection URL. */
export function registerConnectionTransfer(feature: FeatureContext): void {
  const deps: ConnectionTransferDeps = { connections: feature.connections, log: feature.log };
  registerCommand(feature, feature.log, Commands.importConnections, (args?: ImportConnectionsArgs) => importConnections(deps, args));
  registerCommand(feature, feature.log, Commands.exportConnections, (args?: ExportConnectionsArgs) => exportConnections(deps, args));
  registerCommand(feature, feature.log, Commands.copyConnectionUrl, (node?: unknown) => copyConnectionUrl(deps, node));
}
