import * as vscode from 'vscode';
import { Commands } from '../commands';
import { Settings } from '../config';
import type { FeatureContext } from '../feature';
import { ANALYSIS_SECTION } from '../core/workspace/analysisSettings';
import { registerCommand } from '../registration';
import { AnalysisEngine } from './analysisEngine';
import { WorkspaceAnalysis } from './analyzeWorkspace';
import { RedisCodeActionProvider } from './codeActions';
import { ANALYZED_LANGUAGES } from './folderOptions';
import { ImportIndex } from './importIndex';
import { LiveDiagnostics } from './liveDiagnostics';
import { RuleHoverProvider } from './ruleHover';

/**
 * The code analyzer in the editor: live diagnostics, quick fixes, rule hovers and "Analyze
 * Workspace". Registering is cheap; tree-sitter loads with the first TS/JS document.
 */
export function registerCodeAnalysis(context: FeatureContext): void {
  const { settings, log, own } = context;
  const { extensionUri } = context.extension;
  const collection = own(vscode.languages.createDiagnosticCollection('redis-specialist'));
  const engine = own(new AnalysisEngine(vscode.Uri.joinPath(extensionUri, 'dist').fsPath, log));
  const folders = context.analysisOptions;
  const live = own(new LiveDiagnostics(engine, folders, collection, log));
  live.imports = own(new ImportIndex(engine, settings, (uri) => live.isLive(uri), () => live.reanalyseAll(), (uri) => folders.relativeName(uri), log));
  own(folders.onDidChangeProjectConfig(() => live.refresh()));
  const selector = [...ANALYZED_LANGUAGES].flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ]);
  own(vscode.languages.registerCodeActionsProvider(selector, new RedisCodeActionProvider(engine, live), RedisCodeActionProvider.metadata));
  own(vscode.languages.registerHoverProvider(selector, new RuleHoverProvider(engine, live)));
  own(
    Settings.onDidChange((event) => {
      if (event.affectsConfiguration(ANALYSIS_SECTION)) live.refresh();
    }),
  );
  own(folders.versions.onDidChange((folder) => live.refresh(folder)));
  // Settings are per folder: adding or removing one changes which settings apply where.
  own(vscode.workspace.onDidChangeWorkspaceFolders(() => live.refresh()));
  const workspace = new WorkspaceAnalysis(engine, folders, live, collection, settings, log);
  registerCommand(context, log, Commands.analyzeWorkspace, () => workspace.run());
}
