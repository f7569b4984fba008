import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Settings } from '../config';
import { PROJECT_CONFIG_FILE, ProjectConfigError, ProjectConfigFinder, mergeAnalysisOptions } from '../core/analysis';
import { toAnalysisOptions, type AnalysisSettings, type MappedOptions } from '../core/workspace/analysisSettings';
import { isAnalyzableFile, isInScope } from '../core/workspace/fileScope';
import type { ClientVersionCache } from './clientVersionCache';

/** Languages whose documents are analysed (the activation events of package.json). */
export const ANALYZED_LANGUAGES = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'lua']);

/** Untitled documents have no extension: the analyzer picks its grammar from this one. */
const LANGUAGE_EXTENSIONS: Record<string, string> = { typescript: '.ts', typescriptreact: '.tsx', javascript: '.js', javascriptreact: '.jsx', lua: '.lua' };

/**
 * What the analyzer needs to know about a file: its name relative to its workspace folder (so that
 * test-file globs such as `**∕test/**` do not match the folder's own location), whether settings
 * include it, and its options: the folder's settings, then the nearest project config
 * (`redis-specialist.config.json` or package.json "redisSpecialist", the file the CLI reads) on top,
 * so the editor reports what CI reports. Options are cached per folder and configs per directory
 * until settings, a config or a package.json change.
 */
export class FolderOptions implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<MappedOptions>>();
  private readonly reported = new Set<string>();
  private readonly projectConfigs = new ProjectConfigFinder();
  private readonly watcher = vscode.workspace.createFileSystemWatcher(`**/{${PROJECT_CONFIG_FILE},package.json}`);
  private readonly changed = new vscode.EventEmitter<void>();
  /** A project config (or a package.json that may hold one) changed: re-analyse. */
  readonly onDidChangeProjectConfig = this.changed.event;

  constructor(
    private readonly settings: Settings,
    /** The node-redis major per folder (quick fixes spell options per version). */
    readonly versions: ClientVersionCache,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const configChanged = (): void => {
      this.projectConfigs.invalidate();
      this.changed.fire();
    };
    this.watcher.onDidCreate(configChanged);
    this.watcher.onDidChange(configChanged);
    this.watcher.onDidDelete(configChanged);
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }

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

  /** The folder's settings with the file's project config applied over them. */
  async optionsFor(uri: vscode.Uri): Promise<MappedOptions> {
    const folderOptions = await this.folderOptions(uri);
    if (uri.scheme !== 'file') return folderOptions;
    try {
      // Looked up to the file system root, as the CLI does, so both find the same config.
      const project = await this.projectConfigs.find(path.dirname(uri.fsPath));
      if (!project) return folderOptions;
      const options = mergeAnalysisOptions(folderOptions.options, project.options);
      return { options, key: JSON.stringify(options), problems: folderOptions.problems };
    } catch (error) {
      // A broken config is reported once and ignored, as bad settings are.
      if (!(error instanceof ProjectConfigError)) throw error;
      this.report([`${error.message}; the project configuration is ignored.`]);
      return folderOptions;
    }
  }

  private folderOptions(uri: vscode.Uri): Promise<MappedOptions> {
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
