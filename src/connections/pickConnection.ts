import * as vscode from 'vscode';
import { Commands } from '../commands';
import type { ConnectionConfig } from '../core/redis/connection/connectionConfig';

/**
 * The connection for a command run from the palette: the only one there is, or the user's pick.
 * Without any, offers to add one. Undefined when the user cancels.
 */
export async function pickConnection(connections: readonly ConnectionConfig[], title: string): Promise<ConnectionConfig | undefined> {
  if (connections.length === 0) {
    const add = 'Add Connection…';
    if ((await vscode.window.showInformationMessage('There is no Redis connection yet.', add)) === add) await vscode.commands.executeCommand(Commands.addConnection);
    return undefined;
  }
  if (connections.length === 1) return connections[0];
  const picked = await vscode.window.showQuickPick(
    connections.map((connection) => ({
      label: connection.name,
      description: [connection.socket ?? `${connection.host}:${connection.port}`, connection.readOnly ? 'read-only' : ''].filter(Boolean).join(' · '),
      connection,
    })),
    { title, placeHolder: 'Connection' },
  );
  return picked?.connection;
}

