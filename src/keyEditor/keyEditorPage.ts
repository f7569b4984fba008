import * as vscode from 'vscode';
import { wireBytes } from '../core/redis/values/wireValues';
import { webviewPanelOptions } from '../webviewPanel/webviewPanelHost';
import { WEBVIEW_PAGES, webviewPageHtml } from '../webviewPanel/webviewPages';
import type { HostMessage } from '../core/protocol/keyEditor';
import type { KeyEditorRef } from './keyEditorUri';

/** Loads the key editor page (script and style from dist/ and media/ only) into a panel VS Code created. */
export function showKeyEditorPage(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
  const webview = panel.webview;
  webview.options = webviewPanelOptions(extensionUri);
  webview.html = webviewPageHtml(WEBVIEW_PAGES.keyEditor, webview.cspSource, (path) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path.split('/'))).toString());
}

/**
 * A tab restored after a reload whose connection is gone from settings: the page says so
 * instead of spinning, and offers nothing to write.
 */
export function showUnavailableKey(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, ref: KeyEditorRef): vscode.Disposable {
  showKeyEditorPage(panel, extensionUri);
  const view: HostMessage = {
    type: 'view',
    connection: { name: 'Removed connection', readOnly: true },
    db: ref.db,
    view: { kind: 'missing', key: wireBytes(ref.key), note: 'The connection of this key no longer exists in settings (redisSpecialist.connections), so the key cannot be read. Close this tab, or add the connection again.' },
  };
  return panel.webview.onDidReceiveMessage(() => void panel.webview.postMessage(view));
}
