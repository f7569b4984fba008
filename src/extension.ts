import type * as vscode from 'vscode';
import { RedisSpecialistContext, type RedisSpecialistApi } from './context';

export function activate(extension: vscode.ExtensionContext): RedisSpecialistApi {
  const context = new RedisSpecialistContext(extension);
  extension.subscriptions.push(context);
  return context.api;
}

export function deactivate(): void {
  // Everything is disposed through the extension context's subscriptions.
}
