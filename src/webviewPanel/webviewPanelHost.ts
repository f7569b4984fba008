import * as vscode from 'vscode';
import { WEBVIEW_RESOURCE_ROOTS, webviewPageHtml, type WebviewPageAssets } from './webviewPages';

export interface WebviewPanelHostOptions<Page> {
  extensionUri: vscode.Uri;
  page: WebviewPageAssets;
  /** Names the page in the log ("Dashboard", "Key editor"). */
  name: string;
  log: vscode.LogOutputChannel;
  /** The protocol's validator: the page is untrusted input, anything else is logged and dropped. */
  isPageMessage(message: unknown): message is Page;
  onMessage(message: Page): void;
  /**
   * Whether dispose() also closes the panel: yes for panels the extension opened; no for a custom
   * editor's tab, which VS Code owns and restores after a reload.
   */
  closesPanel: boolean;
}

/** Options for a panel the extension creates: scripts on, files only from dist/ and media/. */
export function webviewPanelOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: WEBVIEW_RESOURCE_ROOTS.map((folder) => vscode.Uri.joinPath(extensionUri, folder)) };
}

/**
 * The host side of one webview panel, the same for every page: options, asset URIs and the CSP'd HTML,
 * typed messages in (validated) and out (dropped once the panel is gone), and one disposal.
 * Panels VS Code hands over (restored, custom editors) get the same options as created ones.
 */
export class WebviewPanelHost<Host, Page> implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  /** Fires once, when the user closed the panel or dispose() was called. */
  readonly onDidDispose = this.disposedEmitter.event;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly options: WebviewPanelHostOptions<Page>,
  ) {
    const { webview } = panel;
    webview.options = webviewPanelOptions(options.extensionUri);
    webview.html = webviewPageHtml(options.page, webview.cspSource, (path) => webview.asWebviewUri(vscode.Uri.joinPath(options.extensionUri, ...path.split('/'))).toString());
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
    );
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Sends a message to the page; once the panel is gone (postMessage would throw) it does nothing. */
  async post(message: Host): Promise<void> {
    if (this.disposed) return;
    await this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
    if (this.options.closesPanel) this.panel.dispose();
  }

  private receive(message: unknown): void {
    if (this.options.isPageMessage(message)) this.options.onMessage(message);
    else this.options.log.warn(`${this.options.name}: ignored an unexpected message from the page: ${JSON.stringify(message)?.slice(0, 200)}`);
  }
}
