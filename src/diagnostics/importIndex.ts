import * as vscode from 'vscode';
import type { Settings } from '../config';
import { errorMessage } from '../log';
import type { AnalysisEngine } from './analysisEngine';
import { listWorkspaceFiles } from './workspaceFiles';

/** Files read for one opened document's imports, at most (a bound for huge import graphs). */
const MAX_FILES = 300;

/**
 * Makes an opened file's imports resolve when the files it imports are not open: they are read from
 * disk and analysed once (core/analysis/engine/importClosure.ts), and read again when they change on
 * disk. Each folder's list of source files is kept until a file is created or deleted.
 */
export class ImportIndex implements vscode.Disposable {
  private readonly folderFiles = new Map<string, Promise<string[]>>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}');
  private readonly listeners: vscode.Disposable[];

  constructor(
    private readonly engine: AnalysisEngine,
    private readonly settings: Settings,
    /** Documents analysed live publish their own exports. */
    private readonly isOpen: (uri: vscode.Uri) => boolean,
    /** Called after an indexed file changed on disk: open documents may resolve differently. */
    private readonly onIndexChanged: () => void,
    /** The name the analyzer knows a file by (FolderOptions.relativeName). */
    private readonly nameOf: (uri: vscode.Uri) => string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const forgetList = (uri: vscode.Uri): void => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder) this.folderFiles.delete(folder.uri.toString());
    };
    this.listeners = [
      this.watcher,
      this.watcher.onDidCreate(forgetList),
      this.watcher.onDidDelete((uri) => {
        forgetList(uri);
        this.deleted(uri);
      }),
      this.watcher.onDidChange((uri) => void this.changed(uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.folderFiles.clear()),
    ];
  }

  /** Indexes what `document` (analysed as `name`) imports; true when something new was indexed. */
  async index(document: vscode.TextDocument, name: string): Promise<boolean> {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder || document.uri.scheme !== 'file') return false;
    try {
      const files = await this.filesOf(folder);
      const analysed = await this.engine.indexImports(name, document.getText(), files, {
        read: (file) => readText(vscode.Uri.joinPath(folder.uri, file)),
        skip: (file) => this.isOpen(vscode.Uri.joinPath(folder.uri, file)),
        maxFiles: MAX_FILES,
        pause: () => new Promise((resolve) => setImmediate(resolve)),
      });
      if (analysed.length > 0) this.log.debug(`${name}: read ${analysed.length} imported file(s) to resolve its imports`);
      return analysed.length > 0;
    } catch (error) {
      this.log.warn(`${name}: could not read the files it imports (${errorMessage(error)})`);
      return false;
    }
  }

  private filesOf(folder: vscode.WorkspaceFolder): Promise<string[]> {
    const key = folder.uri.toString();
    let files = this.folderFiles.get(key);
    if (!files) {
      const source = new vscode.CancellationTokenSource();
      files = listWorkspaceFiles(folder, this.settings, source.token)
        .then((list) => list.map((f) => f.name))
        .finally(() => source.dispose());
      this.folderFiles.set(key, files);
    }
    return files;
  }

  /** An indexed file changed on disk (not in an open editor): read it again. */
  private async changed(uri: vscode.Uri): Promise<void> {
    if (this.isOpen(uri)) return;
    const text = await readText(uri);
    if (text !== undefined && (await this.engine.reindex(this.nameOf(uri), text).catch(() => false))) this.onIndexChanged();
  }

  /** An indexed file was deleted: what it exported is gone. */
  private deleted(uri: vscode.Uri): void {
    if (this.engine.forget(this.nameOf(uri))) this.onIndexChanged();
  }

  dispose(): void {
    for (const listener of this.listeners) listener.dispose();
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
