import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../commands';
import type { MemoryReport } from '../core/memory/reportTypes';
import type { FeatureContext } from '../feature';
import { registerCommand } from '../registration';
import { MemoryReportPanel } from './memoryReportPanel';
import { dumpReportDocument } from './reportDocuments';
import { DumpAnalysisCancelled, runDumpAnalysis } from './runDumpAnalysis';

/** Keys kept in the report's top lists (by memory and by elements). */
const TOP_KEYS = 100;

/**
 * "Analyze Dump File…": reads a `.rdb` file (picked, or the explorer item it was run on) in a
 * worker thread with a cancellable progress notification, then opens its memory report.
 * Returns the report (for callers such as tests), or undefined when cancelled.
 */
export function registerDumpAnalysis(context: FeatureContext): void {
  const deps = { extensionUri: context.extension.extensionUri, log: context.log };
  const panels = new Set<MemoryReportPanel>();
  context.own({ dispose: () => [...panels].forEach((p) => p.dispose()) });
  registerCommand(context, deps.log, Commands.analyzeDumpFile, async (arg?: unknown): Promise<MemoryReport | undefined> => {
    const uri = arg instanceof vscode.Uri ? arg : await pickDumpFile();
    if (!uri) return undefined;
    if (uri.scheme !== 'file') throw new Error(`Only dump files on this machine's disk can be analyzed, not ${uri.toString()}.`);
    const name = path.basename(uri.fsPath);
    const analysis = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Analyzing ${name}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const cancelled = token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        try {
          return await runDumpAnalysis({
            script: vscode.Uri.joinPath(deps.extensionUri, 'dist', 'dumpAnalysisWorker.js').fsPath,
            path: uri.fsPath,
            top: TOP_KEYS,
            signal: abort.signal,
            onProgress: (read, total) => {
              const percent = total > 0 ? Math.min(100, (read / total) * 100) : 0;
              progress.report({ increment: percent - reported, message: `${Math.round(percent)} %` });
              reported = percent;
            },
          });
        } catch (error) {
          if (error instanceof DumpAnalysisCancelled) return undefined;
          throw new Error(`Cannot analyze ${name}: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          cancelled.dispose();
        }
      },
    );
    if (!analysis) return undefined;
    deps.log.info(`Analyzed ${uri.fsPath}: ${analysis.report.totalKeys} keys, ${analysis.report.totalMemoryBytes} bytes (RDB ${analysis.info.version}).`);
    const panel = MemoryReportPanel.create(dumpReportDocument(uri, analysis), deps.extensionUri, deps.log, () => panels.delete(panel));
    panels.add(panel);
    return analysis.report;
  });
}

async function pickDumpFile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    canSelectFolders: false,
    openLabel: 'Analyze',
    title: 'Analyze Redis Dump File',
    filters: { 'Redis dump files': ['rdb'], 'All files': ['*'] },
  });
  return picked?.[0];
}
