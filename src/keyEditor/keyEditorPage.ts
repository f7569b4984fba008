import type * as vscode from 'vscode';
import { wireBytes } from '../core/redis/values/wireValues';
import { WebviewPanelHost } from '../webviewPanel/webviewPanelHost';
import { WEBVIEW_PAGES } from '../webviewPanel/webviewPages';
import { isPageMessage, type HostMessage, type PageMessage } from '../core/protocol/keyEditor';
import type { KeyEditorRef } from './keyEditorUri';

export interface KeyEditorPageDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
}

/**
 * The key editor page in a tab VS Code made. The tab is VS Code's (a custom editor it restores after a
 * reload), so disposing the host leaves the tab open.
 */
export function hostKeyEditorPage(panel: vscode.WebviewPanel, deps: KeyEditorPageDeps, onMessage: (message: PageMessage) => void, recreate?: () => void): WebviewPanelHost<HostMessage, PageMessage> {
  return new WebviewPanelHost<HostMessage, PageMessage>(panel, { extensionUri: deps.extensionUri, page: WEBVIEW_PAGES.keyEditor, name: 'Key editor', log: deps.log, isPageMessage, onMessage, closesPanel: false, recreate });
}

/**
 * A tab restored after a reload whose connection is gone from settings: the page says so
 * instead of spinning, and offers nothing to write.
 */
export function showUnavailableKey(panel: vscode.WebviewPanel, deps: KeyEditorPageDeps, ref: KeyEditorRef): vscode.Disposable {
  const view: HostMessage = {
    type: 'view',
    connection: { name: 'Removed connection', readOnly: true },
    db: ref.db,
    view: { kind: 'missing', key: wireBytes(ref.key), note: 'The connection of this key no longer exists in settings (redisSpecialist.connections), so the key cannot be read. Close this tab, or add the connection again.' },
  };
  // Whatever the page asks (it asks for its view when it loads), it gets this view.
  const host = hostKeyEditorPage(panel, deps, () => void host.post(view));
  return host;
}
