import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LiveMemoryAnalysis } from '../core/memory/live/liveMemoryAnalysis';
import { formatKeyName, parseKeyName } from '../core/redis/keyspace/keyName';
import type { DatabaseScope } from '../explorer/explorerNode';
import type { KeyEditors } from '../keyEditor/keyEditors';
import type { ReportDocument } from './memoryReportPanel';

export interface LiveReportInput {
  scope: DatabaseScope;
  prefix: Buffer;
  analysis: LiveMemoryAnalysis;
  keyEditors: Pick<KeyEditors, 'open'>;
  /** Relative code sites resolve here; exports are proposed here. */
  workspaceRoot: vscode.Uri;
  /** The file a code site's name stands for (the key pattern index names them), when it knows it. */
  siteUri?: (name: string) => vscode.Uri | undefined;
}

/**
 * A live report in the panel: keys open in the key editor of the analysed connection and
 * database (names come back escaped, as shown, and are parsed to their bytes), code sites open
 * at their line; exports are proposed in the workspace.
 */
export function liveReportDocument(input: LiveReportInput): ReportDocument {
  const { scope, prefix, analysis, keyEditors, workspaceRoot, siteUri } = input;
  const folder = prefix.length > 0 ? ` ${formatKeyName(prefix)}*` : '';
  const name = `${scope.connection.name} db${scope.db}${folder}`;
  const profile = analysis.profiles[0];
  const masters = analysis.profiles.length;
  return {
    name,
    report: analysis.report,
    source: {
      title: name,
      facts: [
        { label: 'Server', value: `Redis ${profile?.version ?? '?'}${masters > 1 ? `, Cluster of ${masters} masters` : ''}` },
        ...(prefix.length > 0 ? [{ label: 'Folder', value: `${formatKeyName(prefix)}*` }] : []),
        { label: 'Analysis', value: analysis.complete ? (analysis.report.sampling ? 'sample' : 'every key') : 'partial' },
      ],
      canOpenKeys: true,
    },
    delimiter: scope.connection.keyDelimiter,
    exportBase: vscode.Uri.joinPath(workspaceRoot, `memory-${name.replace(/[^\w.-]+/g, '_')}`),
    markdownTitle: name,
    openKey: async (key, db) => {
      await keyEditors.open({ connection: scope.connection, db, key: parseKeyName(key) });
    },
    openSite: async (file, line) => {
      const uri = siteUri?.(file) ?? (path.isAbsolute(file) ? vscode.Uri.file(file) : vscode.Uri.joinPath(workspaceRoot, file));
      const position = new vscode.Position(Math.max(0, line - 1), 0);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
    },
  };
}
