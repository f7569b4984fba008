import * as vscode from 'vscode';
import type { Settings } from '../config';
import type { Connections } from '../connections/connections';
import type { KeyTarget } from '../core/redis/values/keyTarget';
import type { KeyChanges } from '../explorer/keyChanges';
import type { KeyEditorPanel } from './keyEditorPanel';
import { KeyEditorPanels, type OpenKeyOptions } from './keyEditorPanels';
import { STRING_VALUE_SCHEME, StringValueFiles, type PendingKey } from './stringValueFiles';

/**
 * The key editor: one tab per key (a custom editor on `redis-key:`) and string values as
 * `redis-value:` documents. Built once by the composition root; the key commands (`keys/`) open
 * them. Nothing connects until a tab or document is opened.
 */
export class KeyEditors implements vscode.Disposable {
  private readonly strings: StringValueFiles;
  private readonly panels: KeyEditorPanels;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(extensionUri: vscode.Uri, connections: Connections, settings: Settings, changes: KeyChanges, log: vscode.LogOutputChannel) {
    this.strings = new StringValueFiles(connections, () => settings.stringLimitBytes);
    this.panels = new KeyEditorPanels(
      () => ({
        extensionUri,
        connections,
        log,
        pageSize: settings.valuePageSize,
        stringPageBytes: settings.stringLimitBytes,
        onDidEdit: (target, view) => {
          // Removing the last field or member removes the key (Redis has no empty collections).
          if (view.kind === 'missing') changes.fire(target, { kind: 'deleted' });
        },
      }),
      changes,
      (id) => connections.get(id),
    );
    const { strings, panels } = this;
    this.subscriptions.push(
      strings,
      vscode.workspace.registerFileSystemProvider(STRING_VALUE_SCHEME, strings, { isCaseSensitive: true }),
      panels,
      strings.onDidSaveValue((target) => void panels.find(target)?.onKeyChange({ kind: 'changed' })),
    );
  }

  /** Opens the key's tab, or reveals it when it is open. */
  open(target: KeyTarget, options?: OpenKeyOptions): Promise<KeyEditorPanel> {
    return this.panels.open(target, options);
  }

  /** Opens a string value as a text document (saving it writes the key back). */
  async editString(target: KeyTarget): Promise<vscode.TextEditor> {
    return vscode.window.showTextDocument(await this.strings.prepare(target), { preview: false });
  }

  /** Opens an empty document whose first save creates the key. */
  newString(target: KeyTarget, pending: PendingKey): Thenable<vscode.TextEditor> {
    return vscode.window.showTextDocument(this.strings.prepareNew(target, pending), { preview: false });
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0).reverse()) s.dispose();
  }
}
