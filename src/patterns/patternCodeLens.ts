import * as vscode from 'vscode';
import type { Settings } from '../config';
import { formatCount } from '../core/redis/bytes/formatCount';
import { formatBytes } from '../core/redis/keyspace/keyMetadata';
import type { PatternsTreeProvider } from './patternsTree';
import type { WorkspacePatterns } from './workspacePatterns';

/**
 * Above each Redis call whose key has a pattern: the pattern's live figures on the selected
 * connection (count, memory, TTL coverage), opening the key browser filtered to its glob; before
 * the connection was analysed, a lens that analyses it. Nothing without a selected connection.
 */
export class PatternCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly workspace: WorkspacePatterns,
    private readonly tree: PatternsTreeProvider,
    private readonly settings: Settings,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const connectionId = this.tree.connectionId;
    if (!this.settings.patternCodeLens || !connectionId) return [];
    void this.workspace.ensureIndexed();
    const file = this.workspace.nameOf(document.uri);
    if (!file) return [];
    const live = this.tree.live;
    const lenses: vscode.CodeLens[] = [];
    const seen = new Set<string>();
    for (const row of this.tree.rows()) {
      for (const site of row.code?.sites ?? []) {
        if (site.file !== file || seen.has(`${site.line}:${row.glob}`)) continue;
        seen.add(`${site.line}:${row.glob}`);
        const range = new vscode.Range(site.line, 0, site.line, 0);
        if (!live) {
          lenses.push(new vscode.CodeLens(range, { title: `${row.pattern}: analyze live keys`, command: 'redisSpecialist.analyzeKeyPatterns', arguments: [connectionId] }));
          continue;
        }
        const stats = row.live;
        const title = stats
          ? `${row.pattern}: ${formatCount(stats.keys)} keys on ${live.connection.name} · ${formatBytes(stats.memoryBytes)} · TTL ${stats.keys > 0 ? Math.round((100 * stats.withTtl) / stats.keys) : 0}%`
          : `${row.pattern}: no keys on ${live.connection.name}`;
        lenses.push(new vscode.CodeLens(range, { title, tooltip: `Show ${row.glob} in the key browser`, command: 'redisSpecialist.showKeyPatternInBrowser', arguments: [connectionId, row.glob] }));
      }
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
