import * as vscode from 'vscode';
import type { CommandId } from './commands';
import { userFacingMessage } from './core/redis/connectionErrors';

/**
 * Registers a command so that a failure is logged and shown to the user once, instead of
 * surfacing as an unhandled rejection; the disposable is owned by the extension context.
 */
export function registerCommand(
  context: { subscriptions: vscode.Disposable[] },
  log: vscode.LogOutputChannel,
  id: CommandId,
  handler: (...args: never[]) => unknown,
): void {
  const wrapped = async (...args: unknown[]): Promise<unknown> => {
    log.debug(`command ${id}`);
    try {
      return await (handler as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      // Connection failures read as the translator's one sentence, never as a raw client message.
      const message = userFacingMessage(error);
      log.error(`${id} failed: ${message}`);
      void vscode.window.showErrorMessage(`Redis: ${message}`);
      return undefined;
    }
  };
  context.subscriptions.push(vscode.commands.registerCommand(id, wrapped));
}
