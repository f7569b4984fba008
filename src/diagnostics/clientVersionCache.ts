import * as vscode from 'vscode';
import { detectClientVersions, type ClientVersions } from '../core/analysis/detectClientVersions';

/** The files `detectClientVersions` reads at a folder's root. */
const MANIFESTS = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'];

const UNKNOWN: ClientVersions = { nodeRedisMajor: null, ioredisMajor: null, source: null };

/**
 * The node-redis major version per workspace folder (quick fixes spell options per version), read
 * once and re-read when the folder's package.json or lockfile changes.
 */
export class ClientVersionCache implements vscode.Disposable {
  private readonly byFolder = new Map<string, Promise<ClientVersions>>();
  private readonly changed = new vscode.EventEmitter<vscode.WorkspaceFolder>();
  private watcher: vscode.FileSystemWatcher | undefined;
  /** Fires after a folder's manifest changed (its cached versions are dropped first). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  get(folder: vscode.WorkspaceFolder | undefined): Promise<ClientVersions> {
    if (!folder || folder.uri.scheme !== 'file') return Promise.resolve(UNKNOWN);
    this.watch();
    const key = folder.uri.toString();
    let versions = this.byFolder.get(key);
    if (!versions) {
      versions = detectClientVersions(folder.uri.fsPath).then(
        (found) => {
          this.log.debug(`client versions in ${folder.name}: node-redis ${found.nodeRedisMajor ?? 'unknown'} (${found.source ?? 'not found'}), ioredis ${found.ioredisMajor ?? 'unknown'}`);
          return found;
        },
        () => UNKNOWN,
      );
      this.byFolder.set(key, versions);
    }
    return versions;
  }

  /** Created on first use, so that activation starts no watcher. */
  private watch(): void {
    if (this.watcher) return;
    this.watcher = vscode.workspace.createFileSystemWatcher(`**/{${MANIFESTS.join(',')}}`);
    const onEvent = (uri: vscode.Uri): void => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      // Only the folder's own manifest counts (not those of packages below it).
      if (!folder || vscode.Uri.joinPath(uri, '..').toString() !== folder.uri.toString()) return;
      this.byFolder.delete(folder.uri.toString());
      this.changed.fire(folder);
    };
    this.watcher.onDidChange(onEvent);
    this.watcher.onDidCreate(onEvent);
    this.watcher.onDidDelete(onEvent);
  }

  dispose(): void {
    this.watcher?.dispose();
    this.changed.dispose();
  }
}
