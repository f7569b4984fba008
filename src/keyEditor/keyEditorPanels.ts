import * as vscode from 'vscode';
import type { KeyChange, KeyChanges } from '../explorer/keyChanges';
import { KEY_EDITOR_VIEW_TYPE, KeyEditorPanel, type KeyEditorDeps } from './keyEditorPanel';
import { showUnavailableKey } from './keyEditorPage';
import { keyEditorRefOf, keyEditorUri } from './keyEditorUri';
import { keyTargetId, type KeyTarget } from '../core/redis/values/keyTarget';

/** A tab reopened because its page did not start is not reopened again for this long (then the user is told). */
const REOPEN_AGAIN_AFTER_MS = 5 * 60_000;

export interface OpenKeyOptions {
  /** A preview tab, which the next preview replaces (single click in the tree); default true. */
  preview?: boolean;
  preserveFocus?: boolean;
}

/**
 * The key editor tabs: a read-only custom editor on `redis-key:` URIs, one tab per key. VS Code
 * owns the tabs (preview, "Keep Open", restore after a reload); this class makes the panel of
 * each tab and finds the open one for a key, so opening a key again only reveals its tab.
 */
export class KeyEditorPanels implements vscode.CustomReadonlyEditorProvider, vscode.Disposable {
  private readonly panels = new Map<string, KeyEditorPanel>();
  /** Opens in progress: resolved when VS Code has made the tab's panel. */
  private readonly pending = new Map<string, (panel: KeyEditorPanel) => void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** When each tab was last reopened because its page did not start: a new frame is tried once, not in a loop. */
  private readonly reopened = new Map<string, number>();

  constructor(
    private readonly deps: () => KeyEditorDeps,
    changes: KeyChanges,
    private readonly connectionOf: (id: string) => KeyTarget['connection'] | undefined,
  ) {
    this.subscriptions.push(
      changes.onDidChange(({ target, change }) => void this.keyChanged(target, change)),
      vscode.window.registerCustomEditorProvider(KEY_EDITOR_VIEW_TYPE, this, { supportsMultipleEditorsPerDocument: false }),
    );
  }

  /** Opens the key's tab, or reveals it without reading the key again when it is open. */
  async open(target: KeyTarget, options: OpenKeyOptions = {}): Promise<KeyEditorPanel> {
    const existing = this.find(target);
    const uri = existing ? existing.uri : keyEditorUri(target);
    const made = existing ? Promise.resolve(existing) : new Promise<KeyEditorPanel>((resolve) => this.pending.set(keyTargetId(target), resolve));
    await vscode.commands.executeCommand('vscode.openWith', uri, KEY_EDITOR_VIEW_TYPE, { preview: options.preview ?? true, preserveFocus: options.preserveFocus ?? false });
    return made;
  }

  find(target: KeyTarget): KeyEditorPanel | undefined {
    return this.panels.get(keyTargetId(target));
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  /** VS Code made a tab for a key: opened now, or restored after a reload (then the connection may be gone). */
  resolveCustomEditor(document: vscode.CustomDocument, webviewPanel: vscode.WebviewPanel): void {
    const ref = keyEditorRefOf(document.uri);
    const connection = ref && this.connectionOf(ref.connectionId);
    const deps = this.deps();
    if (!ref || !connection) {
      if (ref) {
        // Its page host lets go when the tab closes.
        showUnavailableKey(webviewPanel, deps, ref);
      }
      return;
    }
    const target: KeyTarget = { connection, db: ref.db, key: ref.key };
    const uriKey = document.uri.toString();
    const mayReopen = Date.now() - (this.reopened.get(uriKey) ?? 0) > REOPEN_AGAIN_AFTER_MS;
    const panel: KeyEditorPanel = new KeyEditorPanel(target, deps, webviewPanel, document.uri, mayReopen ? () => this.reopenTab(panel) : undefined);
    const id = keyTargetId(target);
    this.panels.set(id, panel);
    panel.onDidEditValue(() => void this.keepOpen(panel));
    panel.onDidDispose(() => {
      // After a rename the panel is filed under its new name.
      for (const [key, value] of this.panels) if (value === panel) this.panels.delete(key);
    });
    this.pending.get(id)?.(panel);
    this.pending.delete(id);
  }

  /** Closes a tab and opens it again where it was (same group, preview or not): VS Code builds a new webview frame for it. */
  private async reopenTab(panel: KeyEditorPanel): Promise<void> {
    this.reopened.set(panel.uri.toString(), Date.now());
    const tab = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.toString() === panel.uri.toString());
    const viewColumn = tab?.group.viewColumn ?? panel.panel.viewColumn;
    const preview = tab?.isPreview ?? true;
    if (tab) await vscode.window.tabGroups.close(tab, true);
    await vscode.commands.executeCommand('vscode.openWith', panel.uri, KEY_EDITOR_VIEW_TYPE, { preview, ...(viewColumn ? { viewColumn } : {}) });
  }

  /** An edited key's tab stops being a preview, as a text editor's does once changed. */
  private async keepOpen(panel: KeyEditorPanel): Promise<void> {
    const viewColumn = panel.panel.viewColumn;
    await vscode.commands.executeCommand('vscode.openWith', panel.uri, KEY_EDITOR_VIEW_TYPE, { preview: false, preserveFocus: true, ...(viewColumn ? { viewColumn } : {}) });
  }

  private async keyChanged(target: KeyTarget, change: KeyChange): Promise<void> {
    if (change.kind === 'bulkDeleted') {
      const scope = `${target.connection.id}/db${target.db}/`;
      await Promise.all([...this.panels].filter(([id]) => id.startsWith(scope)).map(([, panel]) => panel.onKeyChange({ kind: 'changed' })));
      return;
    }
    const panel = this.find(target);
    if (!panel) return;
    if (change.kind === 'renamed') {
      this.panels.delete(keyTargetId(target));
      this.panels.set(keyTargetId({ ...target, key: change.to }), panel);
    }
    await panel.onKeyChange(change);
  }

  /** Detaches from the tabs; the tabs stay, so VS Code can restore them after a reload. */
  dispose(): void {
    for (const d of this.subscriptions.splice(0)) d.dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }
}
