import * as vscode from 'vscode';
import type { PatternSite } from '../core/patterns/patternIndex';
import { patternRows, sortRows, type PatternRow, type RowOrder } from '../core/patterns/patternReport';
import { formatCount } from '../core/redis/bytes/formatCount';
import { formatBytes } from '../core/redis/keyspace/keyMetadata';
import { formatKeyName } from '../core/redis/keyspace/keyName';
import type { LivePatternRuns, LiveResult } from './livePatternRuns';
import type { WorkspacePatterns } from './workspacePatterns';

/** The nodes of the Key Patterns view. */
export type PatternNode =
  /** `live`: the analysis its figures come from (commands on the pattern act on that connection). */
  | { kind: 'pattern'; row: PatternRow; live?: LiveResult }
  | { kind: 'site'; site: PatternSite }
  | { kind: 'figure'; label: string; description: string; icon: string }
  | { kind: 'example'; key: Buffer; live: LiveResult }
  | { kind: 'message'; text: string };

const EXAMPLES = 5;

/**
 * Key Patterns: patterns from code (with their call sites) and, for the connection analysed last,
 * live figures and the patterns inferred from data; sorted by memory, key count or keys without TTL.
 */
export class PatternsTreeProvider implements vscode.TreeDataProvider<PatternNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PatternNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  order: RowOrder = 'memory';
  /** The connection whose live figures are shown. */
  connectionId: string | undefined;

  constructor(
    private readonly workspace: WorkspacePatterns,
    private readonly runs: LivePatternRuns,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  get live(): LiveResult | undefined {
    return this.connectionId ? this.runs.result(this.connectionId) : undefined;
  }

  rows(): PatternRow[] {
    return sortRows(patternRows(this.workspace.index.patterns(), this.live?.report), this.order);
  }

  getChildren(node?: PatternNode): PatternNode[] {
    if (!node) {
      const rows = this.rows();
      const live = this.live;
      if (rows.length > 0) return rows.map((row) => (live && row.live ? { kind: 'pattern', row, live } : { kind: 'pattern', row }));
      return [{ kind: 'message', text: this.workspace.complete ? 'No key patterns in the workspace code.' : 'Reading the workspace…' }];
    }
    if (node.kind !== 'pattern') return [];
    const out: PatternNode[] = [];
    const { row } = node;
    const live = this.live;
    if (live && row.live) {
      const stats = row.live;
      const partial = live.report.complete ? '' : ' (partial)';
      const without = stats.keys - stats.withTtl;
      out.push({ kind: 'figure', label: 'Keys', description: `${stats.keysExact ? '' : '≥ '}${formatCount(stats.keys)} on ${live.connection.name}${partial}`, icon: 'key' });
      out.push({ kind: 'figure', label: 'Memory', description: `${formatBytes(stats.memoryBytes)}${stats.memoryErrorBytes > 0 ? ` ± ${formatBytes(stats.memoryErrorBytes)}` : ''} (${formatCount(stats.sampled)} sampled)`, icon: 'database' });
      out.push({ kind: 'figure', label: 'TTL', description: stats.keys === 0 ? '-' : `${formatCount(stats.withTtl)} with, ${formatCount(without)} without (${Math.round((100 * stats.withTtl) / stats.keys)}%)`, icon: 'watch' });
      out.push({ kind: 'figure', label: 'Types', description: Object.entries(stats.typesSeen).map(([t, n]) => `${t} ${n}`).join(', ') || '-', icon: 'symbol-type-parameter' });
      for (const key of stats.examples.slice(0, EXAMPLES)) out.push({ kind: 'example', key, live });
    }
    for (const site of row.code?.sites ?? []) out.push({ kind: 'site', site });
    return out;
  }

  getTreeItem(node: PatternNode): vscode.TreeItem {
    switch (node.kind) {
      case 'pattern':
        return this.patternItem(node.row, node.live !== undefined);
      case 'site': {
        const { site } = node;
        const item = new vscode.TreeItem(`${site.command} ${site.template}`);
        item.description = `${site.file}:${site.line + 1}${site.ttl ? ` · TTL ${site.ttl}` : ''}`;
        item.iconPath = new vscode.ThemeIcon(site.access === 'write' ? 'edit' : 'eye');
        item.contextValue = 'keyPatternSite';
        const uri = this.workspace.uriOf(site.file);
        if (uri) {
          const position = new vscode.Position(site.line, site.column);
          item.command = { command: 'vscode.open', title: 'Open Call Site', arguments: [uri, { selection: new vscode.Range(position, position) }] };
          item.resourceUri = uri;
        }
        return item;
      }
      case 'figure': {
        const item = new vscode.TreeItem(node.label);
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        return item;
      }
      case 'example': {
        const item = new vscode.TreeItem(formatKeyName(node.key));
        item.iconPath = new vscode.ThemeIcon('symbol-key');
        item.contextValue = 'keyPatternExample';
        item.command = { command: 'redisSpecialist.openKey', title: 'Open Key', arguments: [{ connection: node.live.connection, db: node.live.connection.db, key: node.key }] };
        return item;
      }
      case 'message':
        return new vscode.TreeItem(node.text);
    }
  }

  private patternItem(row: PatternRow, live: boolean): vscode.TreeItem {
    const item = new vscode.TreeItem(row.pattern, vscode.TreeItemCollapsibleState.Collapsed);
    const sites = row.code?.sites.length ?? 0;
    const parts = [row.inferred ? 'from data' : `${sites} site${sites === 1 ? '' : 's'}`];
    if (row.live) parts.push(`${formatCount(row.live.keys)} keys`, formatBytes(row.live.memoryBytes), row.live.keys > 0 ? `TTL ${Math.round((100 * row.live.withTtl) / row.live.keys)}%` : 'TTL -');
    item.description = parts.join(' · ');
    const findings = row.code?.findings ?? [];
    item.iconPath = new vscode.ThemeIcon(findings.length > 0 ? 'warning' : row.inferred ? 'symbol-misc' : 'symbol-key');
    item.tooltip = new vscode.MarkdownString([`\`${row.glob}\``, ...findings.map((f) => f.message)].join('\n\n'));
    // `.live`: figures from a connection, so Delete Keys Matching… can act there.
    item.contextValue = `keyPattern${row.inferred ? '.inferred' : ''}${live ? '.live' : ''}`;
    item.id = `${row.inferred ? 'data' : 'code'}:${row.glob}`;
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
