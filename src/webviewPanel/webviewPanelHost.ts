import * as vscode from 'vscode';
import { PageStartWatchdog } from './pageStartWatchdog';
import { WEBVIEW_RESOURCE_ROOTS, webviewPageHtml, type WebviewPageAssets } from './webviewPages';

/** How long a visible page may stay silent before it is loaded again (doubled on each retry). */
const PAGE_START_TIMEOUT_MS = 10_000;
const PAGE_START_RELOADS = 2;

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
  /** For tests: how long a page may stay silent before it is loaded again (default 10 s). */
  startTimeoutMs?: number;
  /**
   * Builds the page a new frame by closing and reopening its tab. Setting the HTML again reuses
   * VS Code's frame, which does not help when that frame is what stalls; a new tab does. When
   * given, the first recovery uses it (this host is then disposed with its panel).
   */
  recreate?: () => void;
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
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  /** Fires once, when the user closed the panel or dispose() was called. */
  readonly onDidDispose = this.disposedEmitter.event;
  private disposed = false;
  private readonly watchdog: PageStartWatchdog;
  /** How many times the page was loaded again because it did not start (tests read it). */
  reloads = 0;

  private current: vscode.WebviewPanel;
  /** The listeners on the current panel (moved to a replacement panel with it). */
  private readonly panelSubscriptions: vscode.Disposable[] = [];
  private readonly viewStateEmitter = new vscode.EventEmitter<void>();
  /** The panel's view state changed (also after it was replaced by a new one). */
  readonly onDidChangeViewState = this.viewStateEmitter.event;

  constructor(
    panel: vscode.WebviewPanel,
    private readonly options: WebviewPanelHostOptions<Page>,
  ) {
    this.current = panel;
    this.watchdog = new PageStartWatchdog({
      timeoutMs: options.startTimeoutMs ?? PAGE_START_TIMEOUT_MS,
      maxReloads: PAGE_START_RELOADS,
      reload: (attempt, waited) => {
        this.reloads++;
        if (attempt === 1 && options.recreate) {
          options.log.warn(`${options.name}: the page did not start within ${waited / 1000} s; reopening its tab.`);
          options.recreate();
          return;
        }
        if (attempt === 1 && options.closesPanel) {
          options.log.warn(`${options.name}: the page did not start within ${waited / 1000} s; opening it in a new panel.`);
          this.replacePanel();
          return;
        }
        options.log.warn(`${options.name}: the page did not start within ${waited / 1000} s; loading it again (${attempt} of ${PAGE_START_RELOADS}).`);
        this.setHtml();
      },
      giveUp: (waited) => this.reportStall(waited),
    });
    this.attach(panel);
    this.watchdog.loading(panel.visible);
  }

  get panel(): vscode.WebviewPanel {
    return this.current;
  }

  private attach(panel: vscode.WebviewPanel): void {
    panel.webview.options = webviewPanelOptions(this.options.extensionUri);
    this.setHtml();
    this.panelSubscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        this.watchdog.visibilityChanged(panel.visible);
        this.viewStateEmitter.fire();
      }),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
    );
  }

  /**
   * A panel the extension owns whose page does not start gets a new panel in the same place: a
   * new panel is a new webview frame (setting the HTML again reuses the frame that stalls).
   */
  private replacePanel(): void {
    const old = this.current;
    for (const d of this.panelSubscriptions.splice(0)) d.dispose();
    const options = webviewPanelOptions(this.options.extensionUri);
    this.current = vscode.window.createWebviewPanel(old.viewType, old.title, { viewColumn: old.viewColumn ?? vscode.ViewColumn.Active, preserveFocus: !old.active }, options);
    this.current.iconPath = old.iconPath;
    this.attach(this.current);
    old.dispose();
  }

  /** Sets the page's HTML; each time with a fresh nonce, so that VS Code builds a new frame for it. */
  private setHtml(): void {
    const { webview } = this.panel;
    const { extensionUri, page } = this.options;
    webview.html = webviewPageHtml(page, webview.cspSource, (path) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path.split('/'))).toString());
  }

  private reportStall(waited: number): void {
    const { name, log } = this.options;
    log.error(`${name}: the page did not start after ${PAGE_START_RELOADS} reloads (the last waited ${waited / 1000} s). VS Code's webview frame is not running pages; Developer: Reload Window usually fixes it.`);
    const reload = 'Reload Window';
    void vscode.window.showWarningMessage(`The ${name.toLowerCase()} page did not load: VS Code's webview frame is not running pages (a known VS Code problem). Reloading the window usually fixes it.`, reload).then((answer) => {
      if (answer === reload) void vscode.commands.executeCommand('workbench.action.reloadWindow');
    });
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
    this.watchdog.dispose();
    for (const d of this.panelSubscriptions.splice(0)) d.dispose();
    this.viewStateEmitter.dispose();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
    if (this.options.closesPanel) this.panel.dispose();
  }

  private receive(message: unknown): void {
    this.watchdog.pageSpoke();
    if (this.options.isPageMessage(message)) this.options.onMessage(message);
    else this.options.log.warn(`${this.options.name}: ignored an unexpected message from the page: ${JSON.stringify(message)?.slice(0, 200)}`);
  }
}
