import * as vscode from 'vscode';
import { reportToCsv, reportToJson, reportToMarkdown } from '../core/memory/reportExport';
import type { DumpAnalysis } from '../commandLine/memory/analyzeDumpFile';
import { isPageMessage, type ExportFormat, type HostMessage, type PageMessage } from '../core/protocol/memory';
import { WebviewPanelHost, webviewPanelOptions } from '../webviewPanel/webviewPanelHost';
import { WEBVIEW_PAGES } from '../webviewPanel/webviewPages';
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
  private readonly host: WebviewPanelHost<HostMessage, PageMessage>;
  private readonly fileName: string;

  constructor(
    panel: vscode.WebviewPanel,
    private readonly dumpUri: vscode.Uri,
    private readonly analysis: DumpAnalysis,
    extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    onDisposed: () => void,
  ) {
    this.fileName = dumpUri.path.split('/').pop() ?? dumpUri.path;
    this.host = new WebviewPanelHost(panel, {
      extensionUri,
      page: WEBVIEW_PAGES.memoryReport,
      name: 'Memory report',
      log,
      isPageMessage,
      onMessage: (message) => this.onMessage(message),
      closesPanel: true,
    });
    this.host.onDidDispose(onDisposed);
  }

  static create(dumpUri: vscode.Uri, analysis: DumpAnalysis, extensionUri: vscode.Uri, log: vscode.LogOutputChannel, onDisposed: () => void): MemoryReportPanel {
    const name = dumpUri.path.split('/').pop() ?? dumpUri.path;
    const panel = vscode.window.createWebviewPanel(MEMORY_REPORT_VIEW_TYPE, `Memory: ${name}`, vscode.ViewColumn.Active, webviewPanelOptions(extensionUri));
    return new MemoryReportPanel(panel, dumpUri, analysis, extensionUri, log, onDisposed);
  }

  dispose(): void {
    this.host.dispose();
  }

  private post(message: HostMessage): void {
    void this.host.post(message);
  }

  private onMessage(message: PageMessage): void {
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
