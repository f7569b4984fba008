import * as vscode from 'vscode';
import type { Settings } from '../config';
import { toAnalysisOptions, type AnalysisSettings, type MappedOptions } from '../core/workspace/analysisSettings';
import { isAnalyzableFile, isInScope } from '../core/workspace/fileScope';
import type { ClientVersionCache } from './clientVersionCache';

/** Languages whose documents are analysed (the activation events of package.json). */
export const ANALYZED_LANGUAGES = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);

/** Untitled documents have no extension: the analyzer picks its grammar from this one. */
const LANGUAGE_EXTENSIONS: Record<string, string> = { typescript: '.ts', typescriptreact: '.tsx', javascript: '.js', javascriptreact: '.jsx' };

/**
 * What the analyzer needs to know about a file: its name relative to its workspace folder (so that
 * test-file globs such as `**∕test/**` do not match the folder's own location), whether settings
 * include it, and the folder's options. Options are cached per folder until settings or the
 * folder's package.json change.
 */
export class FolderOptions {
  private readonly cache = new Map<string, Promise<MappedOptions>>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly settings: Settings,
    private readonly versions: ClientVersionCache,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Drops cached options (all folders, or one whose manifest changed). */
  invalidate(folder?: vscode.WorkspaceFolder): void {
    if (folder) this.cache.delete(folder.uri.toString());
    else this.cache.clear();
  }

  /** The folder-relative path the analyzer sees; undefined when the document is not analysed. */
  analysisName(document: vscode.TextDocument): string | undefined {
    if (!ANALYZED_LANGUAGES.has(document.languageId)) return undefined;
    if (document.uri.scheme === 'untitled') return `${document.uri.path}${LANGUAGE_EXTENSIONS[document.languageId]}`;
    if (document.uri.scheme !== 'file') return undefined; // diff views, git history: not the user's file
    const name = this.relativeName(document.uri);
    const settings = this.read(document.uri);
    return isAnalyzableFile(name) && settings.enabled && isInScope(name, settings) ? name : undefined;
  }

  /** Path relative to the workspace folder (`/`-separated), or the absolute path outside any folder. */
  relativeName(uri: vscode.Uri): string {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return uri.path;
    return uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
  }

  optionsFor(uri: vscode.Uri): Promise<MappedOptions> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const key = folder?.uri.toString() ?? '';
    let options = this.cache.get(key);
    if (!options) {
      options = this.versions.get(folder).then((versions) => {
        const mapped = toAnalysisOptions(this.read(folder?.uri ?? uri), versions.nodeRedisMajor);
        this.report(mapped.problems);
        return mapped;
      });
      this.cache.set(key, options);
    }
    return options;
  }

  private read(scope: vscode.Uri): AnalysisSettings {
    const { settings, problems } = this.settings.analysis(scope);
    this.report(problems);
    return settings;
  }

  /** Each bad setting is logged and shown once, not on every keystroke. */
  private report(problems: readonly string[]): void {
    for (const problem of problems) {
      if (this.reported.has(problem)) continue;
      this.reported.add(problem);
      this.log.warn(problem);
      void vscode.window.showWarningMessage(`Redis Specialist: ${problem}`);
    }
  }
}
