import * as vscode from 'vscode';
import { reportToCsv, reportToJson, reportToMarkdown } from '../core/memory/reportExport';
import type { DumpAnalysis } from '../commandLine/memory/analyzeDumpFile';
import { isPageMessage, type ExportFormat, type HostMessage } from '../core/protocol/memory';
import { buildWebviewHtml, createNonce } from '../webviewHtml';
import { reportMessage } from './reportMessage';

export const MEMORY_REPORT_VIEW_TYPE = 'redisSpecialist.memoryReport';
const EXPORTS: Record<ExportFormat, { extension: string; filter: string; render: (analysis: DumpAnalysis, title: string) => string }> = {
  json: { extension: 'json', filter: 'JSON', render: (a) => reportToJson(a.report) },
  csv: { extension: 'csv', filter: 'CSV', render: (a) => reportToCsv(a.report) },
  markdown: { extension: 'md', filter: 'Markdown', render: (a, title) => reportToMarkdown(a.report, title) },
};

/**
 * One memory report in a webview panel. The page is discarded when hidden and asks again with
 * "ready", so the report is simply sent again; exports are written here, where files can be.
 */
export class MemoryReportPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly fileName: string;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly dumpUri: vscode.Uri,
    private readonly analysis: DumpAnalysis,
    extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly onDisposed: () => void,
  ) {
    this.fileName = dumpUri.path.split('/').pop() ?? dumpUri.path;
    const { webview } = panel;
    const asset = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
    webview.html = buildWebviewHtml({
      title: 'Redis memory report',
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: asset('dist', 'webview', 'memory.js'),
      styleUris: [asset('media', 'tables.css'), asset('media', 'memory.css')],
    });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
    );
  }

  static create(dumpUri: vscode.Uri, analysis: DumpAnalysis, extensionUri: vscode.Uri, log: vscode.LogOutputChannel, onDisposed: () => void): MemoryReportPanel {
    const name = dumpUri.path.split('/').pop() ?? dumpUri.path;
    const panel = vscode.window.createWebviewPanel(MEMORY_REPORT_VIEW_TYPE, `Memory: ${name}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    return new MemoryReportPanel(panel, dumpUri, analysis, extensionUri, log, onDisposed);
  }

  dispose(): void {
    if (this.disposables.length === 0) return;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.onDisposed();
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private onMessage(message: unknown): void {
    if (!isPageMessage(message)) {
      this.log.warn(`Memory report: ignored an unexpected message from the page: ${JSON.stringify(message)?.slice(0, 200)}`);
      return;
    }
    if (message.type === 'ready') {
      this.post(reportMessage(this.analysis, this.fileName));
      return;
    }
    void this.export(message.format).catch((error: unknown) => {
      const text = `Could not export the report: ${error instanceof Error ? error.message : String(error)}`;
      this.log.error(text);
      this.post({ type: 'notice', level: 'error', text });
    });
  }

  private async export(format: ExportFormat): Promise<void> {
    const { extension, filter, render } = EXPORTS[format];
    const base = this.fileName.replace(/\.rdb$/i, '');
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(this.dumpUri, '..', `${base}.memory.${extension}`),
      filters: { [filter]: [extension] },
      saveLabel: 'Export',
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(render(this.analysis, this.fileName), 'utf8'));
    this.post({ type: 'notice', level: 'info', text: `Exported to ${target.fsPath}.` });
  }
}
