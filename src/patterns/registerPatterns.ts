import * as vscode from 'vscode';
import { Commands } from '../commands';
import { pickConnection } from '../connections/pickConnection';
import type { RowOrder } from '../core/patterns/patternReport';
import { ANALYSIS_SECTION } from '../core/workspace/analysisSettings';
import { connectionIdOf, isExplorerNode } from '../explorer/nodeArguments';
import type { FeatureContext } from '../feature';
import { REDIS_VIEW_ID } from '../keys/redisView';
import { registerCommand } from '../registration';
import { DataDiagnosticActions } from './dataDiagnosticActions';
import { DataDiagnostics } from './dataDiagnostics';
import { findInCode } from './findInCode';
import { LivePatternRuns } from './livePatternRuns';
import { PatternCodeLensProvider } from './patternCodeLens';
import { PatternsTreeProvider, type PatternNode } from './patternsTree';

export const PATTERNS_VIEW_ID = 'redisSpecialist.keyPatterns';

const ORDERS: ReadonlyArray<{ label: string; order: RowOrder }> = [
  { label: 'Memory', order: 'memory' },
  { label: 'Key count', order: 'keys' },
  { label: 'Keys without TTL', order: 'noTtl' },
  { label: 'Pattern', order: 'pattern' },
];

/**
 * Key Patterns: the view of the workspace's key patterns (code) next to a connection's keys
 * (data), CodeLens above call sites, and "Find in Code" from the key browser. The workspace is
 * read in the background once the view or a CodeLens needs it; nothing connects until asked.
 */
export function registerPatterns(feature: FeatureContext): void {
  const { connections, settings, log, own, view } = feature;
  const workspace = feature.keyPatterns;
  const runs = own(new LivePatternRuns(connections, settings, feature.liveAnalyses));
  const tree = own(new PatternsTreeProvider(workspace, runs));
  const lenses = own(new PatternCodeLensProvider(workspace, tree, settings));
  const treeView = own(vscode.window.createTreeView<PatternNode>(PATTERNS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }));
  // Data findings are rules: each file's analysis settings and project config say how (or whether) they
  // show, read through the analyzer's own options (one source: a bad setting warns once, not twice).
  const folders = feature.analysisOptions;
  const diagnostics = own(new DataDiagnostics(workspace, tree, async (uri) => (await folders.optionsFor(uri)).options));
  const refresh = (): void => {
    tree.refresh();
    lenses.refresh();
    void diagnostics.update();
  };
  own(folders.onDidChangeProjectConfig(() => void diagnostics.update()));
  own(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(ANALYSIS_SECTION)) return;
      folders.invalidate();
      void diagnostics.update();
    }),
  );
  own(treeView.onDidChangeVisibility((e) => e.visible && void workspace.ensureIndexed()));
  if (treeView.visible) void workspace.ensureIndexed();
  own(workspace.onDidChange(refresh));
  own(runs.onDidChange(refresh));
  own(
    view.view.onDidChangeSelection((e) => {
      const id = connectionIdOf(e.selection[0]);
      if (!id || id === tree.connectionId) return;
      tree.connectionId = id;
      refresh();
    }),
  );
  own(
    connections.onDidChange(() => {
      const ids = new Set(connections.list().map((c) => c.id));
      if (tree.connectionId && !ids.has(tree.connectionId)) tree.connectionId = undefined;
      runs.forgetExcept(ids);
      refresh();
    }),
  );
  own(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('redisSpecialist.patterns') && lenses.refresh()));
  const sourceFiles = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((language) => ({ language, scheme: 'file' }));
  own(vscode.languages.registerCodeLensProvider(sourceFiles, lenses));
  own(vscode.languages.registerCodeActionsProvider(sourceFiles, new DataDiagnosticActions(), DataDiagnosticActions.metadata));

  // Answers with what the view then shows (`pattern|description` per row), for tests and keybindings.
  registerCommand(feature, log, Commands.refreshKeyPatterns, async () => {
    await workspace.reindexAll();
    return tree.getChildren().map((node) => {
      const item = tree.getTreeItem(node);
      return `${typeof item.label === 'string' ? item.label : (item.label?.label ?? '')}|${typeof item.description === 'string' ? item.description : ''}`;
    });
  });

  // `resume` given (API, tests): a stopped run is resumed or started over without asking.
  registerCommand(feature, log, Commands.analyzeKeyPatterns, async (arg?: unknown, options?: { resume?: boolean }) => {
    const id = connectionIdOf(arg) ?? tree.connectionId;
    const connection = (id && connections.get(id)) || (await pickConnection(connections.list(), 'Analyze Key Patterns'));
    if (!connection) return undefined;
    tree.connectionId = connection.id;
    await workspace.ensureIndexed();
    const choice = options?.resume === undefined ? { ask: true as const } : { ask: false as const, resume: options.resume };
    const result = await runs.run(connection, workspace.index.patterns().map((p) => p.pattern), choice);
    refresh();
    return result?.report;
  });

  registerCommand(feature, log, Commands.sortKeyPatterns, async (order?: RowOrder) => {
    const chosen = order ?? (await vscode.window.showQuickPick(ORDERS.map((o) => ({ ...o, picked: o.order === tree.order })), { title: 'Sort Key Patterns by' }))?.order;
    if (!chosen) return;
    tree.order = chosen;
    tree.refresh();
  });

  // From a CodeLens: (connection id, glob); from a pattern of the view: its node (on the connection analysed, else a pick).
  registerCommand(feature, log, Commands.showKeyPatternInBrowser, async (arg: string | PatternNode, globArg?: string) => {
    const glob = typeof arg === 'string' ? globArg : arg.kind === 'pattern' ? arg.row.glob : undefined;
    const id = typeof arg === 'string' ? arg : tree.connectionId;
    const connection = (id && connections.get(id)) || (await pickConnection(connections.list(), 'Show Key Pattern in the Key Browser'));
    if (!connection || glob === undefined) return;
    const database = { kind: 'database' as const, connection, database: { db: connection.db, keys: 0, expires: 0 } };
    await vscode.commands.executeCommand(Commands.filterKeys, database, { pattern: glob });
    await vscode.commands.executeCommand(`${REDIS_VIEW_ID}.focus`);
  });

  registerCommand(feature, log, Commands.findKeyInCode, (node: unknown) => {
    if (!isExplorerNode(node) || (node.kind !== 'key' && node.kind !== 'folder' && node.kind !== 'pattern')) throw new Error('Run Find in Code on a key or folder in the Redis view.');
    return findInCode(workspace, node.kind === 'key' ? { key: node.key } : node.kind === 'pattern' ? { glob: node.folder.glob, pattern: node.folder.pattern } : { prefix: node.prefix });
  });
}
