import * as vscode from 'vscode';
import type { CommandId } from './commands';
import { userFacingMessage } from './core/redis/connection/connectionErrors';

/** Whoever owns a registration's disposable: a feature's `FeatureContext` (see `feature.ts`). */
export interface DisposableOwner {
  own<T extends vscode.Disposable>(disposable: T): T;
}

/**
 * Registers a command so that a failure is logged and shown to the user once, instead of
 * surfacing as an unhandled rejection; the disposable is owned by the feature's context.
 */
export function registerCommand(
  context: DisposableOwner,
  log: vscode.LogOutputChannel,
  id: CommandId,
  handler: (...args: never[]) => unknown,
): void {
  const wrapped = async (...args: unknown[]): Promise<unknown> => {
    log.debug(`command ${id}`);
    try {
      return await (handler as (...a: unknown[]) => unknown)(...treeSelectionAsThird(args));
    } catch (error) {
      // Connection failures read as the translator's one sentence, never as a raw client message.
      const message = userFacingMessage(error);
      log.error(`${id} failed: ${message}`);
      void vscode.window.showErrorMessage(`Redis: ${message}`);
      return undefined;
    }
  };
  context.own(vscode.commands.registerCommand(id, wrapped));
}

/**
 * A multi-select tree calls its commands as (clicked item, all selected items). The selection is
 * never a command's answers given up front (which would skip its questions): handlers receive it
 * third, as (item, undefined, selection).
 */
function treeSelectionAsThird(args: unknown[]): unknown[] {
  // Answers are always plain objects, so an array second is a selection (even one without the clicked item).
  if (args.length === 2 && Array.isArray(args[1])) return [args[0], undefined, args[1]];
  return args;
}
