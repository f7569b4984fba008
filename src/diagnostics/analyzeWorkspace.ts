import * as vscode from 'vscode';
import type { Settings } from '../config';
import type { Finding, Severity } from '../core/analysis';
import { eachInImportOrder } from '../core/analysis/engine/projectAnalysis';
import { errorMessage } from '../log';
import type { AnalysisEngine } from './analysisEngine';
import { toDiagnostic } from './findingDiagnostic';
import type { FolderOptions } from './folderOptions';
import type { LiveDiagnostics } from './liveDiagnostics';
import { listWorkspaceFiles, type WorkspaceFile } from './workspaceFiles';

/** What a run found (the command returns it, for tests and keybindings). */
export interface WorkspaceAnalysisSummary {
  files: number;
  /** Files read and analysed here. */
  analysed: number;
  /** Open files: analysed live, their current findings are counted. */
  open: number;
  findings: number;
  /** Findings the Problems panel lists (it hides hints), and the files they are in. */
  problems: number;
  filesWithProblems: number;
  bySeverity: Record<Severity, number>;
  cancelled: boolean;
  durationMs: number;
}

/**
 * "Redis: Analyze Workspace": every matching file of every folder, with progress and cancellation.
 * Fills the Problems panel for files that are not open; open files keep their live diagnostics.
 */
export class WorkspaceAnalysis {
  /** Files the previous run published diagnostics for (a new run replaces them). */
  private published = new Set<string>();

  constructor(
    private readonly engine: AnalysisEngine,
    private readonly folders: FolderOptions,
    private readonly live: LiveDiagnostics,
    private readonly collection: vscode.DiagnosticCollection,
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async run(): Promise<WorkspaceAnalysisSummary | undefined> {
    const workspaceFolders = vscode.workspace.workspaceFolders ?? [];
    if (workspaceFolders.length === 0) {
      void vscode.window.showInformationMessage('Open a folder to analyze its Redis usage.');
      return undefined;
    }
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Redis: Analyzing workspace', cancellable: true },
      async (progress, token) => {
        progress.report({ message: 'finding files…' });
        const files: WorkspaceFile[] = [];
        for (const folder of workspaceFolders) files.push(...(await listWorkspaceFiles(folder, this.settings, token)));
        return this.analyseAll(files, progress, token);
      },
    );
    this.logSummary(summary);
    return summary;
  }

  private async analyseAll(files: WorkspaceFile[], progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<WorkspaceAnalysisSummary> {
    const started = Date.now();
    const summary: WorkspaceAnalysisSummary = { files: files.length, analysed: 0, open: 0, findings: 0, problems: 0, filesWithProblems: 0, bySeverity: { error: 0, warning: 0, info: 0, hint: 0 }, cancelled: false, durationMs: 0 };
    const publishedNow = new Set<string>();
    // What each analysed file gave; settled once every file was read (another file may trim its collection or listen on its client).
    const analysed: Array<{ file: WorkspaceFile; findings: Finding[] }> = [];
    let done = 0;
    // Imported files first (each read once), so that clients they export resolve where they are imported.
    const read = async (file: WorkspaceFile): Promise<string | undefined> => {
      if (token.isCancellationRequested || this.live.isLive(file.uri)) return undefined;
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(file.uri));
      } catch (error) {
        this.log.warn(`Analyze Workspace: skipped ${file.name}: ${errorMessage(error)}`);
        return undefined;
      }
    };
    await eachInImportOrder(files, (file) => file.name, read, (text) => text ?? '', async (file, text) => {
      if (token.isCancellationRequested) {
        summary.cancelled = true;
        return;
      }
      progress.report({ message: `${++done}/${files.length} files`, increment: 100 / files.length });
      if (this.countLive(file.uri, summary) || text === undefined) return;
      try {
        const result = await this.engine.analyzeInWorker(file.name, text, await this.folders.optionsFor(file.uri));
        summary.analysed++;
        for (const note of result.notes) this.log.info(`${file.name}: ${note.message}`);
        analysed.push({ file, findings: result.findings });
        // The file may have been opened while it was read: its live diagnostics win.
        if (this.live.isLive(file.uri)) return;
        this.collection.set(file.uri, result.findings.map(toDiagnostic));
        publishedNow.add(file.uri.toString());
      } catch (error) {
        this.log.warn(`Analyze Workspace: skipped ${file.name}: ${errorMessage(error)}`);
      }
    }, (file, text) => {
      // A barrel in an import cycle is analysed after files that import it: its re-exports go first.
      if (text) this.engine.noteReexportsInWorker(file.name, text).catch((error: unknown) => this.log.debug(`${file.name}: ${errorMessage(error)}`));
    });
    await this.settle(analysed, summary, token);
    if (!summary.cancelled) this.clearStale(publishedNow);
    for (const uri of publishedNow) this.published.add(uri);
    summary.durationMs = Date.now() - started;
    return summary;
  }

  /** Counts the findings, each file's without those a file analysed after it settled (a completed scan only). */
  private async settle(analysed: Array<{ file: WorkspaceFile; findings: Finding[] }>, summary: WorkspaceAnalysisSummary, token: vscode.CancellationToken): Promise<void> {
    for (const { file, findings } of analysed) {
      let settled = findings;
      // Only findings can be settled: most files have none, and need no round trip to the worker.
      if (findings.length > 0 && !summary.cancelled && !token.isCancellationRequested) {
        try {
          settled = await this.engine.settleInWorker(file.name, findings);
        } catch (error) {
          this.log.debug(`${file.name}: ${errorMessage(error)}`);
        }
      }
      this.count(settled, summary);
      if (changedBySettling(findings, settled) && !this.live.isLive(file.uri)) this.collection.set(file.uri, settled.map(toDiagnostic));
    }
  }

  private countLive(uri: vscode.Uri, summary: WorkspaceAnalysisSummary): boolean {
    if (!this.live.isLive(uri)) return false;
    summary.open++;
    this.count((this.live.published(uri)?.findings ?? []).map((f) => f.finding), summary);
    return true;
  }

  private count(findings: readonly Finding[], summary: WorkspaceAnalysisSummary): void {
    summary.findings += findings.length;
    for (const finding of findings) summary.bySeverity[finding.severity]++;
    const problems = findings.filter((f) => f.severity !== 'hint').length;
    summary.problems += problems;
    if (problems > 0) summary.filesWithProblems++;
  }

  /** Files the previous run reported on that this run did not see (deleted, now excluded). */
  private clearStale(publishedNow: Set<string>): void {
    for (const key of this.published) {
      const uri = vscode.Uri.parse(key);
      if (!publishedNow.has(key) && !this.live.isLive(uri)) this.collection.delete(uri);
    }
    this.published = new Set(publishedNow);
  }

  private logSummary(s: WorkspaceAnalysisSummary): void {
    const severities = (Object.entries(s.bySeverity) as [Severity, number][])
      .filter(([, n]) => n > 0)
      .map(([severity, n]) => `${n} ${severity}`)
      .join(', ');
    const line = `Analyze Workspace${s.cancelled ? ' (cancelled)' : ''}: ${s.findings} finding(s)${severities ? ` (${severities})` : ''} in ${s.files} file(s) (${s.analysed} read, ${s.open} open in editors), ${s.durationMs} ms.`;
    this.log.info(line);
    // Count what the Problems panel shows: no hints, and only the files that have problems.
    const message =
      s.problems === 0
        ? `Redis Specialist found no problems in ${s.files} file(s).`
        : `Redis Specialist found ${s.problems} problem(s) in ${s.filesWithProblems} of ${s.files} file(s).`;
    void vscode.window.showInformationMessage(message, 'Open Problems').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }
}

/** Settling drops findings (a collection trimmed elsewhere) or lowers them (a key deleted elsewhere). */
function changedBySettling(before: readonly Finding[], after: readonly Finding[]): boolean {
  return before.length !== after.length || after.some((f, i) => f.severity !== before[i].severity || f.message !== before[i].message);
}
