import * as vscode from 'vscode';
import type { FeatureContext } from '../feature';
import { registerBulkDeleteCommand } from './bulkDeleteCommand';
import { registerKeyBrowserCommands } from './keyCommands';
import { registerKeyOperationCommands } from './keyOperationCommands';
import { registerNewKeyCommand } from './newKeyCommand';
import { registerOpenKeyCommand } from './openKeyCommand';

/**
 * Every command on a key or a key-browser node: load more, filter, refresh, copy name (the
 * browser's own), open, rename, delete, TTL, persist, duplicate, copy value, edit as text, New
 * Key and Delete Keys Matching. Nothing connects until one runs.
 */
export function registerKeys(context: FeatureContext): void {
  // The workspace's key patterns as folders below each database (read when a database is opened).
  const folders = context.view.keys.patterns;
  context.own(folders.setSource(context.keyPatterns));
  context.own(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('redisSpecialist.keys.codePatternFolders') && folders.refreshSeen()));
  registerKeyBrowserCommands(context);
  registerOpenKeyCommand(context);
  registerKeyOperationCommands(context);
  registerNewKeyCommand(context);
  registerBulkDeleteCommand(context);
}
