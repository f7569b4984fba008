import * as vscode from 'vscode';
import { resolveOptions, type AnalysisOptions, type ResolvedOptions, type Severity } from '../core/analysis';
import { dataFindingSeverity, dataFindings, type DataFindingKind } from '../core/patterns/patternReport';
import type { PatternSite } from '../core/patterns/patternIndex';
import type { PatternsTreeProvider } from './patternsTree';
import type { WorkspacePatterns } from './workspacePatterns';

/** Which sites of a pattern a data finding is shown on. */
const SHOWN_AT: Record<DataFindingKind, (site: PatternSite) => boolean> = {
  // The writes that leave keys without a TTL.
  'live-keys-without-ttl': (s) => s.ttl === 'none',
  // The writes that set one (the data says something else writes the keys).
  'ttl-missing-on-live-keys': (s) => s.ttl !== null && s.ttl !== 'none' && s.ttl !== 'unknown' && s.ttl !== 'KEEPTTL',
  'live-type-mismatch': (s) => s.access === 'write' && s.type !== null,
};

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
 * id: the file's analysis settings and project config give its severity or turn it off.
 */
export class DataDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('redis-specialist-patterns');

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
      this.collection.clear();
      return;
    }
    const options = new Map<string, Promise<ResolvedOptions | undefined>>();
    const resolved = (uri: vscode.Uri): Promise<ResolvedOptions | undefined> => {
      const key = uri.toString();
      if (!options.has(key)) options.set(key, this.optionsFor(uri).then(resolveOptions, () => undefined));
      return options.get(key) as Promise<ResolvedOptions | undefined>;
    };
    const rows = this.tree.rows();
    const byUri = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const finding of dataFindings(rows, live.connection.name)) {
      const row = rows.find((r) => r.pattern === finding.pattern && !r.inferred);
      for (const site of (row?.code?.sites ?? []).filter(SHOWN_AT[finding.kind])) {
        const uri = this.workspace.uriOf(site.file);
        if (!uri) continue;
        const fileOptions = await resolved(uri);
        const severity = fileOptions ? dataFindingSeverity(finding.kind, site, fileOptions) : 'info';
        if (generation !== this.generation) return; // a newer update runs
        if (!severity) continue;
        const range = new vscode.Range(site.line, site.column, site.line, site.column + site.command.length);
        const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITIES[severity]);
        diagnostic.source = 'Redis Specialist';
        diagnostic.code = finding.kind;
        const entry = byUri.get(uri.toString()) ?? { uri, diagnostics: [] };
        entry.diagnostics.push(diagnostic);
        byUri.set(uri.toString(), entry);
      }
    }
    this.collection.clear();
    for (const { uri, diagnostics } of byUri.values()) this.collection.set(uri, diagnostics);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
