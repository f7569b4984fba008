import type * as vscode from 'vscode';
import { RedisSpecialistContext, type RedisSpecialistApi } from './context';

let root: RedisSpecialistContext | undefined;

export function activate(extension: vscode.ExtensionContext): RedisSpecialistApi {
  root = new RedisSpecialistContext(extension);
  extension.subscriptions.push(root);
  return root.api;
}

/** VS Code awaits this before disposing the subscriptions: open connections get to say QUIT (bounded). */
export async function deactivate(): Promise<void> {
  await root?.closeConnections();
  root = undefined;
}
