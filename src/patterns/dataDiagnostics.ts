import * as vscode from 'vscode';
import { resolveOptions, type AnalysisOptions, type ResolvedOptions, type Severity } from '../core/analysis';
import { dataFindingSeverity, dataFindings, shownAt, type DataFindingKind } from '../core/patterns/patternReport';
import { suppressionComments, type SuppressionComments } from '../core/patterns/suppressionComments';
import { DIAGNOSTIC_SOURCE } from '../diagnostics/findingDiagnostic';
import type { PatternsTreeProvider } from './patternsTree';
import type { WorkspacePatterns } from './workspacePatterns';

/** The diagnostics of this collection: their codes are these rule ids (the quick fix reads them). */
export const DATA_RULE_IDS: ReadonlySet<string> = new Set<DataFindingKind>(['live-keys-without-ttl', 'ttl-missing-on-live-keys', 'live-type-mismatch']);

/** Typing pauses shorter than this do not re-read a file's disable comments. */
const REREAD_DELAY_MS = 400;

const SEVERITIES: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/**
 * Diagnostics that know the data: once a connection's key patterns were analysed, the call sites of
 * a pattern say what its live keys show ("session:{id} is written without a TTL: 1.2 M keys on
 * staging, none with a TTL, ≈ 820 MiB"). Cleared when no connection is analysed. Each kind is a rule
 * id: the file's analysis settings and project config give its severity or turn it off, and
 * `redis-specialist-disable…` comments silence it at a site, as they silence the analyzer's rules
 * (an edit of a file with data diagnostics re-reads its comments after a pause).
 */
export class DataDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('redis-specialist-patterns');
  /** Files holding sites of a data finding (shown or silenced): their edits may change what shows. */
  private watched = new Set<string>();
  private rereadTimer: NodeJS.Timeout | undefined;
  private readonly edits = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.contentChanges.length === 0 || !this.watched.has(e.document.uri.toString())) return;
    clearTimeout(this.rereadTimer);
    this.rereadTimer = setTimeout(() => void this.update(), REREAD_DELAY_MS);
  });

  private generation = 0;

  constructor(
    private readonly workspace: WorkspacePatterns,
    private readonly tree: PatternsTreeProvider,
    /** The analysis options of a file (folder settings with the project config over them). */
    private readonly optionsFor: (uri: vscode.Uri) => Promise<AnalysisOptions>,
  ) {}

  async update(): Promise<void> {
    const generation = ++this.generation;
    const live = this.tree.live;
    if (!live) {
      this.watched.clear();
      this.collection.clear();
      return;
    }
    const options = new Map<string, Promise<ResolvedOptions | undefined>>();
    const resolved = (uri: vscode.Uri): Promise<ResolvedOptions | undefined> => {
      const key = uri.toString();
      if (!options.has(key)) options.set(key, this.optionsFor(uri).then(resolveOptions, () => undefined));
      return options.get(key) as Promise<ResolvedOptions | undefined>;
    };
    const comments = new Map<string, Promise<SuppressionComments>>();
    const commentsOf = (uri: vscode.Uri): Promise<SuppressionComments> => {
      const key = uri.toString();
      if (!comments.has(key)) comments.set(key, sourceText(uri).then(suppressionComments));
      return comments.get(key) as Promise<SuppressionComments>;
    };
    const watched = new Set<string>();
    const rows = this.tree.rows();
    const byUri = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const finding of dataFindings(rows, live.connection.name)) {
      const row = rows.find((r) => r.pattern === finding.pattern && !r.inferred);
      for (const site of (row?.code?.sites ?? []).filter((site) => shownAt(finding.kind, site))) {
        const uri = this.workspace.uriOf(site.file);
        if (!uri) continue;
        watched.add(uri.toString());
        const fileOptions = await resolved(uri);
        const severity = fileOptions ? dataFindingSeverity(finding.kind, site, fileOptions) : 'info';
        const silenced = severity !== undefined && (await commentsOf(uri)).silences(site.line, finding.kind);
        if (generation !== this.generation) return; // a newer update runs
        if (!severity || silenced) continue;
        const range = new vscode.Range(site.line, site.column, site.line, site.column + site.command.length);
        const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITIES[severity]);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = finding.kind;
        const entry = byUri.get(uri.toString()) ?? { uri, diagnostics: [] };
        entry.diagnostics.push(diagnostic);
        byUri.set(uri.toString(), entry);
      }
    }
    this.watched = watched;
    this.collection.clear();
    for (const { uri, diagnostics } of byUri.values()) this.collection.set(uri, diagnostics);
  }

  dispose(): void {
    clearTimeout(this.rereadTimer);
    this.edits.dispose();
    this.collection.dispose();
  }
}

/** The file's text as the editor holds it (unsaved edits included), else as on disk; empty when unreadable. */
async function sourceText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return vscode.workspace.fs.readFile(uri).then((bytes) => new TextDecoder().decode(bytes), () => '');
}
