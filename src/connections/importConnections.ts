import path from 'node:path';
import * as vscode from 'vscode';
import { ConnectionImportError, FORMAT_NAMES, type ImportedConnection } from '../core/connections/import/importedConnection';
import { parseConnectionsFile } from '../core/connections/import/parseConnectionsFile';
import { importSummary, planImport, type PlannedImport } from '../core/connections/importPlan';
import type { ConnectionTransferDeps, FileArg } from './connectionTransferDeps';
import { MultiStepInput } from './multiStepInput';

/** Programmatic form (tests): the file to read instead of the open dialog; the pick is still shown. */
export interface ImportConnectionsArgs {
  file?: FileArg;
}

export interface ImportConnectionsResult {
  imported: string[];
  duplicates: number;
  leftOut: number;
}

/**
 * Import Connections…: reads another tool's export (or ours, or a list of URLs), shows what it
 * holds with every new connection checked and the duplicates marked, then saves the checked ones —
 * settings to `redisSpecialist.connections`, passwords and passphrases to SecretStorage.
 */
export async function importConnections({ connections, log }: ConnectionTransferDeps, args?: ImportConnectionsArgs): Promise<ImportConnectionsResult | undefined> {
  const uri = args?.file ? toUri(args.file) : await askFile();
  if (!uri) return undefined;
  const fileName = path.basename(uri.path);
  let parsed: ReturnType<typeof parseConnectionsFile>;
  try {
    parsed = parseConnectionsFile(fileName, Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'));
  } catch (error) {
    // Our own sentence, not the connection-error translator's: a file problem is not a server problem.
    if (!(error instanceof ConnectionImportError)) throw error;
    log.warn(`Import Connections: ${error.message}`);
    void vscode.window.showErrorMessage(`Redis: ${error.message}`);
    return undefined;
  }
  const plan = planImport(parsed.connections, connections.list());
  const fresh = plan.filter((p) => p.duplicateOf === undefined);
  const duplicates = plan.length - fresh.length;
  if (fresh.length === 0) {
    void vscode.window.showInformationMessage(`Nothing to import from ${fileName}: ${duplicates === 1 ? 'its connection is' : `all ${duplicates} connections in it are`} already saved.`);
    return { imported: [], duplicates, leftOut: 0 };
  }
  const chosen = await MultiStepInput.ask({
    title: `Import from ${fileName} (${FORMAT_NAMES[parsed.format]})`,
    placeholder: 'Uncheck what not to import · passwords go to SecretStorage',
    canPickMany: true,
    items: pickItems(plan),
    selected: fresh.map((p) => plan.indexOf(p)),
  });
  if (!chosen) return undefined;
  const wanted = fresh.filter((p) => chosen.includes(plan.indexOf(p)));
  const imported: string[] = [];
  for (const { connection } of wanted) {
    const saved = await connections.add(connection.config, connection.secrets);
    imported.push(saved.id);
    log.info(`Imported connection "${saved.name}" from ${fileName}${connection.notes.length ? `: ${connection.notes.join(' ')}` : ''}`);
  }
  const leftOut = fresh.length - wanted.length;
  void vscode.window.showInformationMessage(importSummary(imported.length, duplicates, leftOut));
  return { imported, duplicates, leftOut };
}

type Item = vscode.QuickPickItem & { value: number | undefined };

/** New connections first (checked), then the duplicates under their own heading, which are skipped even if checked. */
function pickItems(plan: PlannedImport[]): Item[] {
  const items: Item[] = plan.filter((p) => p.duplicateOf === undefined).map((p) => ({ label: p.connection.config.name, description: describe(p.connection), detail: p.connection.notes.join(' ') || undefined, value: plan.indexOf(p) }));
  const duplicates = plan.filter((p) => p.duplicateOf !== undefined);
  if (duplicates.length) {
    items.push({ label: 'Already saved — skipped', kind: vscode.QuickPickItemKind.Separator, value: undefined });
    for (const p of duplicates) items.push({ label: `$(circle-slash) ${p.connection.config.name}`, description: `duplicate of "${p.duplicateOf ?? ''}" · ${describe(p.connection)}`, value: undefined });
  }
  return items;
}

function describe({ config, secrets }: ImportedConnection): string {
  const where = config.socket ?? `${config.host}:${config.port}`;
  return [
    config.kind === 'standalone' ? where : `${config.kind} ${where}`,
    config.db ? `db${config.db}` : undefined,
    config.username ? `user ${config.username}` : undefined,
    config.tls ? 'TLS' : undefined,
    config.ssh ? `SSH ${config.ssh.username ? `${config.ssh.username}@` : ''}${config.ssh.host}` : undefined,
    config.readOnly ? 'read-only' : undefined,
    Object.keys(secrets).length ? '$(key) password' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

async function askFile(): Promise<vscode.Uri | undefined> {
  const [picked] =
    (await vscode.window.showOpenDialog({
      title: 'Import Connections',
      openLabel: 'Import',
      canSelectMany: false,
      filters: { 'Connection exports (RedisInsight, Another Redis Desktop Manager, Tiny RDM, URLs)': ['json', 'ano', 'yaml', 'yml', 'txt'], 'All files': ['*'] },
    })) ?? [];
  return picked;
}

function toUri(file: FileArg): vscode.Uri {
  return typeof file === 'string' ? vscode.Uri.file(file) : file;
}
