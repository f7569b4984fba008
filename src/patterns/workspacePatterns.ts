import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Settings } from '../config';
import type { AnalysisResult, KeySite } from '../core/analysis';
import { inImportOrder } from '../core/analysis/engine/projectAnalysis';
import { WorkerAnalyzer } from '../core/analysis/worker/workerAnalyzer';
import { ImportersIndex, reindexImporters } from '../core/patterns/patternDependents';
import { PatternIndex } from '../core/patterns/patternIndex';
import { sourceFilesGlob } from '../core/workspace/fileScope';
import { listWorkspaceFiles } from '../diagnostics/workspaceFiles';
import { errorMessage } from '../log';

const SOURCE_LANGUAGES = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);
/** Typing pauses shorter than this do not re-index the file. */
const REINDEX_DELAY_MS = 600;

/**
 * The key patterns of the workspace: every source file analysed once in the background (the
 * analyzer's worker thread, with progress in the status bar), then one file re-indexed after an
 * edit or save — with the files importing it when its exports changed (a key helper file's importers
 * write other templates then). Sites are named `<folder-relative path>`; with several folders, `<folder>/<path>`.
 */
export class WorkspacePatterns implements vscode.Disposable {
  readonly index = new PatternIndex();
  private readonly importers = new ImportersIndex();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private worker: WorkerAnalyzer | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly uris = new Map<string, vscode.Uri>();
  /** Files created on disk waiting to be indexed (see `created`). */
  private readonly createdUris = new Map<string, vscode.Uri>();
  private createdTimer: NodeJS.Timeout | undefined;
  private indexing: Promise<void> | undefined;
  private cancel: vscode.CancellationTokenSource | undefined;
  private readonly subscriptions: vscode.Disposable[];
  /** The whole workspace has been read once. */
  complete = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.schedule(e.document)),
      vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => this.remove(uri))),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reindexAll()),
      // Changed on disk by another program (git checkout, a terminal, a generator): the index follows.
      ...this.watchDisk(),
    ];
  }

  /** Starts (or joins) the background indexing of every folder. */
  ensureIndexed(): Promise<void> {
    this.indexing ??= this.indexAll();
    return this.indexing;
  }

  /** Forgets everything and reads the workspace again. */
  reindexAll(): Promise<void> {
    this.cancel?.cancel();
    this.index.clear();
    this.importers.clear();
    this.complete = false;
    this.indexing = this.indexAll();
    return this.indexing;
  }

  /** The name sites of `uri` carry, or undefined outside the workspace folders. */
  nameOf(uri: vscode.Uri): string | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const relative = path.posix.relative(folder.uri.path, uri.path);
    return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${folder.name}/${relative}` : relative;
  }

  /** The file a site's name stands for. */
  uriOf(name: string): vscode.Uri | undefined {
    return this.uris.get(name);
  }

  private async indexAll(): Promise<void> {
    const cancel = (this.cancel = new vscode.CancellationTokenSource());
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Redis: indexing key patterns' }, async (progress) => {
      const folders = vscode.workspace.workspaceFolders ?? [];
      const files = (await Promise.all(folders.map((f) => listWorkspaceFiles(f, this.settings, cancel.token)))).flat();
      // Imported files first, so that key helpers and constants they export resolve where they are used.
      const texts = new Map<vscode.Uri, string>();
      const read = async (uri: vscode.Uri): Promise<string> => {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        const text = open ? open.getText() : await vscode.workspace.fs.readFile(uri).then((bytes) => new TextDecoder().decode(bytes), () => '');
        texts.set(uri, text);
        return text;
      };
      const ordered = await inImportOrder(files, (f) => f.name, (f) => read(f.uri));
      for (const [i, file] of ordered.entries()) {
        if (cancel.token.isCancellationRequested) return;
        progress.report({ message: `${i + 1}/${files.length} files` });
        await this.indexFile(file.uri, texts.get(file.uri));
        texts.delete(file.uri);
      }
      this.complete = true;
      this.changed.fire();
    });
  }

  private schedule(document: vscode.TextDocument): void {
    if (!SOURCE_LANGUAGES.has(document.languageId) || document.uri.scheme !== 'file') return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.indexEdited(document.uri, document.getText());
      }, REINDEX_DELAY_MS),
    );
  }

  /** Re-indexes an edited file, then the files importing it as far as exports changed. */
  private async indexEdited(uri: vscode.Uri, text: string): Promise<void> {
    const result = await this.indexFile(uri, text);
    const name = this.nameOf(uri);
    if (!name || !result?.exportsChanged || !this.complete) return;
    await reindexImporters(name, this.importers, async (file) => {
      const importer = this.uris.get(file);
      return importer ? this.indexFile(importer, vscode.workspace.textDocuments.find((d) => d.uri.toString() === importer.toString())?.getText()) : undefined;
    });
  }

  /** Re-indexes one file (its text from the editor when open, else from disk). */
  async indexFile(uri: vscode.Uri, text?: string): Promise<AnalysisResult | undefined> {
    const name = this.nameOf(uri);
    if (!name) return undefined;
    try {
      const source = text ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const result = await this.analyzer().analyze(name, source, {}, '{}');
      this.uris.set(name, uri);
      this.importers.setFile(name, source);
      this.setSites(name, result.keySites ?? []);
      return result;
    } catch (error) {
      this.log.warn(`Key patterns: skipped ${name}: ${errorMessage(error)}`);
      return undefined;
    }
  }

  private setSites(name: string, sites: KeySite[]): void {
    const before = this.index.version;
    this.index.setFile(name, sites);
    if (this.index.version !== before && this.complete) this.changed.fire();
  }

  private watchDisk(): vscode.Disposable[] {
    const watcher = vscode.workspace.createFileSystemWatcher(sourceFilesGlob());
    const indexed = (uri: vscode.Uri): boolean => {
      const name = this.nameOf(uri);
      return name !== undefined && this.uris.has(name);
    };
    const open = (uri: vscode.Uri): boolean => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    return [
      watcher,
      watcher.onDidChange((uri) => indexed(uri) && !open(uri) && void this.indexFile(uri)),
      watcher.onDidCreate((uri) => this.created(uri)),
      watcher.onDidDelete((uri) => this.remove(uri)),
    ];
  }

  /**
   * A file created on disk, once the workspace was read: indexed after a pause (a checkout creates
   * many) if a full read would include it — the same listing decides (exclusions, .gitignore).
   */
  private created(uri: vscode.Uri): void {
    if (!this.indexing) return; // not read yet: the first read will see it
    this.createdUris.set(uri.toString(), uri);
    clearTimeout(this.createdTimer);
    this.createdTimer = setTimeout(() => void this.indexCreated(), REINDEX_DELAY_MS);
  }

  private async indexCreated(): Promise<void> {
    const uris = [...this.createdUris.values()];
    this.createdUris.clear();
    await this.indexing?.catch(() => undefined);
    const cancel = new vscode.CancellationTokenSource();
    try {
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        const inFolder = uris.filter((uri) => vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() === folder.uri.toString());
        if (inFolder.length === 0) continue;
        const listed = new Set((await listWorkspaceFiles(folder, this.settings, cancel.token)).map((f) => f.uri.toString()));
        for (const uri of inFolder) if (listed.has(uri.toString())) await this.indexFile(uri);
      }
    } finally {
      cancel.dispose();
    }
  }

  private remove(uri: vscode.Uri): void {
    const name = this.nameOf(uri);
    if (!name) return;
    this.importers.removeFile(name);
    this.setSites(name, []);
  }

  private analyzer(): WorkerAnalyzer {
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist').fsPath;
    this.worker ??= new WorkerAnalyzer({ script: path.join(dist, 'analysisWorker.js'), wasm: dist });
    return this.worker;
  }

  dispose(): void {
    this.cancel?.cancel();
    for (const timer of this.timers.values()) clearTimeout(timer);
    clearTimeout(this.createdTimer);
    this.worker?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
