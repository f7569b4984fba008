import * as vscode from 'vscode';
import type { MemoryReport } from '../core/memory';
import { reportToCsv, reportToJson, reportToMarkdown } from '../core/memory/reportExport';
import { isPageMessage, type ExportFormat, type HostMessage, type PageMessage, type ReportSource } from '../core/protocol/memory';
import { WebviewPanelHost, webviewPanelOptions } from '../webviewPanel/webviewPanelHost';
import { WEBVIEW_PAGES } from '../webviewPanel/webviewPages';
import { reportMessage } from './reportMessage';

export const MEMORY_REPORT_VIEW_TYPE = 'redisSpecialist.memoryReport';
const EXPORTS: Record<ExportFormat, { extension: string; filter: string; render: (report: MemoryReport, title: string) => string }> = {
  json: { extension: 'json', filter: 'JSON', render: (r) => reportToJson(r) },
  csv: { extension: 'csv', filter: 'CSV', render: (r) => reportToCsv(r) },
  markdown: { extension: 'md', filter: 'Markdown', render: (r, title) => reportToMarkdown(r, title) },
};

/** One report and what the panel needs around it: a dump file's or a live analysis's. */
export interface ReportDocument {
  /** The tab says "Memory: <name>". */
  name: string;
  report: MemoryReport;
  source: ReportSource;
  /** The treemap's drill-down delimiter (the connection's for a live report). */
  delimiter?: string;
  /** Exports are proposed as `<exportBase>.memory.<ext>`. */
  exportBase: vscode.Uri;
  /** The Markdown export's title. */
  markdownTitle: string;
  /** Opens a key of the report in the key editor (live reports). */
  openKey?(key: string, db: number): Promise<void>;
  /** Opens a line that builds a pattern's keys. */
  openSite?(file: string, line: number): Promise<void>;
}

/**
 * One memory report in a webview panel. The page is discarded when hidden and asks again with
 * "ready", so the report is simply sent again; exports are written here, where files can be.
 */
export class MemoryReportPanel implements vscode.Disposable {
  private readonly host: WebviewPanelHost<HostMessage, PageMessage>;

  constructor(
    panel: vscode.WebviewPanel,
    private readonly document: ReportDocument,
    extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    onDisposed: () => void,
  ) {
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

  static create(document: ReportDocument, extensionUri: vscode.Uri, log: vscode.LogOutputChannel, onDisposed: () => void): MemoryReportPanel {
    const panel = vscode.window.createWebviewPanel(MEMORY_REPORT_VIEW_TYPE, `Memory: ${document.name}`, vscode.ViewColumn.Active, webviewPanelOptions(extensionUri));
    return new MemoryReportPanel(panel, document, extensionUri, log, onDisposed);
  }

  dispose(): void {
    this.host.dispose();
  }

  private post(message: HostMessage): void {
    void this.host.post(message);
  }

  private onMessage(message: PageMessage): void {
    const { document } = this;
    if (message.type === 'ready') {
      this.post(reportMessage(document.report, document.source, document.delimiter));
      return;
    }
    const action =
      message.type === 'export' ? this.export(message.format) : message.type === 'openKey' ? document.openKey?.(message.key, message.db) : document.openSite?.(message.file, message.line);
    void action?.catch((error: unknown) => {
      const what = message.type === 'export' ? 'export the report' : message.type === 'openKey' ? `open ${message.key}` : `open ${message.file}:${message.line}`;
      const text = `Could not ${what}: ${error instanceof Error ? error.message : String(error)}`;
      this.log.error(text);
      this.post({ type: 'notice', level: 'error', text });
    });
  }

  private async export(format: ExportFormat): Promise<void> {
    const { extension, filter, render } = EXPORTS[format];
    const base = this.document.exportBase;
    const target = await vscode.window.showSaveDialog({
      defaultUri: base.with({ path: `${base.path}.memory.${extension}` }),
      filters: { [filter]: [extension] },
      saveLabel: 'Export',
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(render(this.document.report, this.document.markdownTitle), 'utf8'));
    this.post({ type: 'notice', level: 'info', text: `Exported to ${target.fsPath}.` });
  }
}
