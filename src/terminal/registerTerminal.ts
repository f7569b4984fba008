import * as vscode from 'vscode';
import { Commands } from '../commands';
import { cliTargetFor } from '../core/terminal/cliTarget';
import type { FeatureContext } from '../feature';
import { connectionIdOf } from '../explorer/nodeArguments';
import { pickConnection } from '../connections/pickConnection';
import { registerCommand } from '../registration';
import { CliHistoryStore } from './terminalHistoryStore';
import { CliPseudoterminal } from './redisTerminal';

/**
 * "Open Redis CLI" on a connection (or from the palette): a terminal that behaves like redis-cli
 * on that connection, with its own connection (so MONITOR or SUBSCRIBE never block the views)
 * and history kept per connection. Returns the terminal.
 */
export function registerTerminal(context: FeatureContext): void {
  const { connections, settings, log } = context;
  const histories = new CliHistoryStore(context.extension.globalState);
  registerCommand(context, log, Commands.openCli, async (arg?: unknown): Promise<vscode.Terminal | undefined> => {
    const id = connectionIdOf(arg);
    const connection = id ? connections.require(id) : await pickConnection(connections.list(), 'Open Redis CLI');
    if (!connection) return undefined;
    const secrets = await connections.getSecrets(connection.id);
    // The terminal's own connections go through the connection's shared SSH tunnel, held until it closes.
    const tunnel = connection.ssh ? await connections.openTunnel(connection) : undefined;
    const route = tunnel && ((host: string, port: number) => tunnel.tunnel.forward(host, port));
    const pty = new CliPseudoterminal({
      target: cliTargetFor(connection, secrets, settings.commandDeadlines, route),
      history: histories.load(connection.id),
      confirmDangerous: settings.cliConfirmDangerous,
      saveHistory: (lines) => void histories.save(connection.id, lines),
    });
    const terminal = vscode.window.createTerminal({
      name: `Redis CLI: ${connection.name}`,
      pty,
      iconPath: new vscode.ThemeIcon(connection.readOnly ? 'lock' : 'terminal'),
      ...(connection.color ? { color: new vscode.ThemeColor(connection.color) } : {}),
    });
    if (tunnel) {
      const closed = vscode.window.onDidCloseTerminal((t) => {
        if (t !== terminal) return;
        closed.dispose();
        tunnel.release();
      });
      context.own(closed);
    }
    terminal.show();
    log.info(`Opened the Redis CLI on "${connection.name}"`);
    return terminal;
  });
}
