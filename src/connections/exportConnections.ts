import path from 'node:path';
import * as vscode from 'vscode';
import { exportConnectionsFile } from '../core/connections/exportConnections';
import type { ConnectionConfig } from '../core/redis/connection/connectionConfig';
import type { ConnectionTransferDeps, FileArg } from './connectionTransferDeps';
import { MultiStepInput } from './multiStepInput';

/** Programmatic form (tests): where to write, and which connections, instead of asking. */
export interface ExportConnectionsArgs {
  file?: FileArg;
  ids?: string[];
}

/**
 * Export Connections…: the chosen connections' settings as a JSON file Import Connections… reads
 * back. Secrets are never written: they stay in this editor's SecretStorage.
 */
export async function exportConnections({ connections, log }: ConnectionTransferDeps, args?: ExportConnectionsArgs): Promise<string | undefined> {
  const saved = connections.list();
  if (saved.length === 0) {
    void vscode.window.showInformationMessage('There is no Redis connection to export yet.');
    return undefined;
  }
  const chosen = args?.ids ? saved.filter((c) => args.ids?.includes(c.id)) : await askWhich(saved);
  if (!chosen?.length) return undefined;
  const uri = args?.file ? (typeof args.file === 'string' ? vscode.Uri.file(args.file) : args.file) : await askWhere();
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, Buffer.from(exportConnectionsFile(chosen, new Date()), 'utf8'));
  const count = `${chosen.length} connection${chosen.length === 1 ? '' : 's'}`;
  log.info(`Exported ${count} to ${uri.fsPath}`);
  void vscode.window.showInformationMessage(`Exported ${count} to ${path.basename(uri.path)}, without passwords (they stay in this editor's SecretStorage).`);
  return uri.fsPath;
}

async function askWhich(saved: readonly ConnectionConfig[]): Promise<readonly ConnectionConfig[] | undefined> {
  if (saved.length === 1) return saved;
  return MultiStepInput.ask({
    title: 'Export Connections',
    placeholder: 'Connections to export (settings only, no passwords)',
    canPickMany: true,
    items: saved.map((connection) => ({ label: connection.name, description: connection.socket ?? `${connection.host}:${connection.port}`, value: connection })),
    selected: [...saved],
  });
}

async function askWhere(): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({
    title: 'Export Connections',
    saveLabel: 'Export',
    filters: { 'Redis Specialist connections': ['json'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'redis-connections.json') } : {}),
  });
}
