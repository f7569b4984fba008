import * as vscode from 'vscode';
import { DashboardPoller, type DashboardNode } from '../core/redis/server/dashboardPoller';
import { discoverDashboardNodes } from '../core/redis/server/dashboardNodes';
import { ALL_NODES, isPageMessage, type HostMessage, type PageMessage } from '../core/protocol/dashboard';
import type { Connections } from '../connections/connections';
import { WebviewPanelHost } from '../webviewPanel/webviewPanelHost';
import { WEBVIEW_PAGES } from '../webviewPanel/webviewPages';
import { initMessage, TickEncoder } from './dashboardMessages';
import { userFacingMessage } from '../core/redis/connection/connectionErrors';

export const DASHBOARD_VIEW_TYPE = 'redisSpecialist.dashboard';

export interface DashboardDeps {
  extensionUri: vscode.Uri;
  /** The dashboard never creates clients itself: it polls the connection's own (every node of a Cluster). */
  connections: Connections;
  log: vscode.LogOutputChannel;
  settings(): { intervalMs: number; windowSeconds: number };
}

const RESET_CHOICE = 'Reset Slowlog';

/**
 * One dashboard per connection. It polls only while visible; when hidden the page is discarded
 * (no retainContextWhenHidden) and rebuilt from the poller's history when shown again.
 */
export class DashboardPanel implements vscode.Disposable {
  private readonly host: WebviewPanelHost<HostMessage, PageMessage>;
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires once, when the panel closes or the dashboard is disposed. */
  readonly onDidDispose: vscode.Event<void>;
  private poller: DashboardPoller | undefined;
  private loading: Promise<DashboardPoller | undefined> | undefined;
  private readonly ticks = new TickEncoder();

  constructor(
    panel: vscode.WebviewPanel,
    readonly connectionId: string,
    private readonly deps: DashboardDeps,
  ) {
    this.host = new WebviewPanelHost(panel, {
      extensionUri: deps.extensionUri,
      page: WEBVIEW_PAGES.dashboard,
      name: 'Dashboard',
      log: deps.log,
      isPageMessage,
      onMessage: (message) => this.onMessage(message),
      closesPanel: true,
    });
    this.onDidDispose = this.host.onDidDispose;
    panel.title = `Redis: ${this.connectionName()}`;
    this.disposables.push(
      this.host.onDidDispose(() => this.dispose()),
      this.host.onDidChangeViewState(() => this.syncPolling()),
      deps.connections.onDidChangeState((id) => {
        if (id === connectionId) void this.onConnectionStateChange();
      }),
    );
    this.syncPolling();
  }

  /** The panel now showing the dashboard (a page that never started gets a new one). */
  get panel(): vscode.WebviewPanel {
    return this.host.panel;
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Settings changed: start over with a poller that uses them. */
  restartPolling(): void {
    this.poller?.dispose();
    this.poller = undefined;
    this.loading = undefined;
    this.sendInit();
    this.syncPolling();
  }

  dispose(): void {
    this.poller?.dispose();
    this.poller = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.host.dispose();
  }

  private get isDisposed(): boolean {
    return this.host.isDisposed;
  }

  /** Samples per chart window. */
  private windowSize(): number {
    const { intervalMs, windowSeconds } = this.deps.settings();
    return Math.max(2, Math.round((windowSeconds * 1000) / intervalMs));
  }

  private connectionName(): string {
    return this.deps.connections.get(this.connectionId)?.name ?? this.connectionId;
  }

  /** Polls exactly while the panel is visible. */
  private syncPolling(): void {
    if (this.isDisposed) return;
    if (!this.panel.visible) {
      this.poller?.stop();
      return;
    }
    void this.ensurePoller().then((poller) => {
      if (poller && this.panel.visible && !this.isDisposed && poller === this.poller) poller.start();
    });
  }

  private ensurePoller(): Promise<DashboardPoller | undefined> {
    if (this.poller) return Promise.resolve(this.poller);
    this.loading ??= this.createPoller().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async createPoller(): Promise<DashboardPoller | undefined> {
    const { intervalMs } = this.deps.settings();
    try {
      const nodes = await this.nodes();
      if (this.isDisposed) {
        for (const node of nodes) node.close?.();
        return undefined;
      }
      // Discovery runs again while polling, so replicas and masters added later appear without a reconnect.
      const poller = new DashboardPoller(nodes, { intervalMs, windowSize: this.windowSize(), discover: () => this.nodes() });
      poller.onNodesChanged((changed) => {
        this.deps.log.info(`Dashboard for ${this.connectionName()}: now polling ${changed.length} node(s).`);
        this.sendInit();
      });
      // A node's error reaches the page as the translator's sentence, not as the raw client message.
      poller.onTick((tick) => this.post(this.ticks.encode({ ...tick, nodes: tick.nodes.map((n) => (n.ok ? n : { ...n, error: userFacingMessage(n.error) })) })));
      this.poller = poller;
      this.deps.log.info(`Dashboard for ${this.connectionName()}: polling ${nodes.length} node(s) every ${intervalMs} ms while visible.`);
      this.sendInit();
      return poller;
    } catch (error) {
      const message = userFacingMessage(error);
      this.deps.log.warn(`Dashboard for ${this.connectionName()}: ${message}`);
      this.post({ type: 'connectionState', state: 'disconnected', message: `Cannot reach the server: ${message}` });
      return undefined;
    }
  }

  private sendInit(): void {
    const { connected, error } = this.connectionState();
    this.ticks.reset(); // the page forgets its slowlogs on init
    this.post(
      initMessage({
        connection: { id: this.connectionId, name: this.connectionName(), readOnly: this.deps.connections.isReadOnly(this.connectionId) },
        // Before the first getNodes() a lazy connection is not "down", just not opened yet.
        state: connected || !this.poller ? 'connected' : 'disconnected',
        intervalMs: this.deps.settings().intervalMs,
        windowSize: this.windowSize(),
        poller: this.poller,
      }),
    );
    if (!connected && this.poller && error) this.post({ type: 'connectionState', state: 'disconnected', message: error });
  }

  private async onConnectionStateChange(): Promise<void> {
    const { connected, error } = this.connectionState();
    if (!connected) {
      this.post({ type: 'connectionState', state: 'disconnected', message: error ?? 'The connection to the server was closed.' });
      return;
    }
    // Back (or connected for the first time): the client objects, or the Cluster topology, may be new.
    if (this.poller) {
      try {
        this.poller.setNodes(await this.nodes());
      } catch (e) {
        this.deps.log.warn(`Dashboard for ${this.connectionName()}: ${e instanceof Error ? e.message : String(e)}`);
      }
      this.sendInit();
    }
    this.post({ type: 'connectionState', state: 'connected' });
    this.syncPolling();
  }

  private onMessage(message: PageMessage): void {
    void this.handle(message).catch((error: unknown) => {
      const text = userFacingMessage(error);
      this.deps.log.error(`Dashboard ${message.type} failed: ${text}`);
      this.post({ type: 'notice', level: 'error', text });
    });
  }

  private async handle(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.sendInit();
        this.syncPolling();
        return;
      case 'refresh':
        await (await this.ensurePoller())?.tick();
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        this.post({ type: 'notice', level: 'info', text: 'Command copied to the clipboard.' });
        return;
      case 'resetSlowlog':
        await this.resetSlowlog(message.nodeId);
        return;
    }
  }

  private async resetSlowlog(nodeId: string): Promise<void> {
    if (this.deps.connections.isReadOnly(this.connectionId)) {
      this.post({ type: 'notice', level: 'error', text: 'This connection is read-only: SLOWLOG RESET is not sent.' });
      return;
    }
    const poller = await this.ensurePoller();
    if (!poller) return;
    const node = poller.nodes.find((n) => n.id === nodeId);
    if (nodeId !== ALL_NODES && !node) throw new Error(`Unknown node ${nodeId}; reopen the dashboard to refresh the node list.`);
    const target = node ? node.label : `all ${poller.nodes.length} nodes`;
    const choice = await vscode.window.showWarningMessage(
      `Reset the slowlog of ${target} on "${this.connectionName()}"?`,
      { modal: true, detail: 'SLOWLOG RESET deletes the recorded slow commands for everyone using this server.' },
      // A modal focuses its first button: the safe answer goes first, so Enter never resets.
      'Keep the Slowlog',
      RESET_CHOICE,
    );
    if (choice !== RESET_CHOICE) return;
    await poller.resetSlowlog([nodeId]);
    this.deps.log.info(`Dashboard: SLOWLOG RESET on ${target} of ${this.connectionName()}.`);
    this.post({ type: 'notice', level: 'info', text: `Slowlog reset on ${target}.` });
    await poller.tick();
  }

  /** Connects when needed; one node per server to poll (every master and replica of a Cluster). */
  private async nodes(): Promise<DashboardNode[]> {
    return discoverDashboardNodes(await this.deps.connections.connect(this.connectionId));
  }

  /** Whether the connection is up; `error` is the reason when it is not (shown in the banner). */
  private connectionState(): { connected: boolean; error?: string } {
    const state = this.deps.connections.state(this.connectionId);
    return { connected: state.status === 'connected', ...(state.error ? { error: state.error } : {}) };
  }

  private post(message: HostMessage): void {
    void this.host.post(message);
  }
}
