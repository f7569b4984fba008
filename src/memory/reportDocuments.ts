import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DumpAnalysis } from '../commandLine/memory/analyzeDumpFile';
import { dumpTitle } from '../commandLine/memory/dumpSource';
import type { ReportDocument } from './memoryReportPanel';
import { dumpReportSource } from './reportMessage';

/** A dump file's report: exports are proposed next to the file. */
export function dumpReportDocument(uri: vscode.Uri, analysis: DumpAnalysis): ReportDocument {
  const name = path.basename(uri.fsPath);
  return { name, report: analysis.report, source: dumpReportSource(analysis, name), exportBase: vscode.Uri.joinPath(uri, '..', name.replace(/\.rdb$/i, '')), markdownTitle: dumpTitle(analysis, name) };
}
