import { ALL_NODES, isDashboardPageState, isHostMessage, type DashboardNodeOption, type DashboardPageState, type HostMessage, type InitMessage, type NodeTickOk, type PageMessage, type WireNodeTick } from '../../core/protocol/dashboard';
import { withMissedTicksAsGaps, type ChartPoint } from '../../core/protocol/dashboardChartPoints';
import { ChartGrid } from './charts';
import { CommandStatsView } from './commandStatsView';
import { button, el, replaceChildren } from '../shared/dom';
import { HeaderView } from './header';
import { SlowlogView } from './slowlogView';
import { watchTheme } from './theme';
import { getVsCodeApi } from '../shared/vscodeApi';

const NOTICE_MS = 6000;

/** The dashboard page: holds what the host sent and renders the selected node. */
class DashboardPage {
  private readonly vscode = getVsCodeApi<PageMessage, DashboardPageState>();
  private readonly banner = el('div', { className: 'banner', attrs: { role: 'alert' } });
  private readonly notice = el('div', { className: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly title = el('h1', { text: 'Redis dashboard' });
  private readonly subtitle = el('p', { className: 'muted' });
  private readonly nodeSelect = el('select', { attrs: { 'aria-label': 'Node' } });
  private readonly header = new HeaderView();
  private readonly charts = new ChartGrid();
  private readonly commandStats = new CommandStatsView(() => this.vscode.postMessage({ type: 'refresh' }));
  private readonly slowlog = new SlowlogView({
    copy: (text) => this.vscode.postMessage({ type: 'copy', text }),
    reset: () => this.vscode.postMessage({ type: 'resetSlowlog', nodeId: this.selected }),
  });

  private init: InitMessage | undefined;
  private selected: string = ALL_NODES;
  private readonly history = new Map<string, ChartPoint[]>();
  private readonly latest = new Map<string, WireNodeTick>();
  private readonly lastOk = new Map<string, NodeTickOk>();
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set while the host reports the connection down. */
  private connectionMessage: string | undefined;

  constructor(root: HTMLElement) {
    this.banner.hidden = true;
    this.nodeSelect.hidden = true;
    this.nodeSelect.addEventListener('change', () => this.select(this.nodeSelect.value));
    replaceChildren(root, [
      this.banner,
      el('header', { className: 'top' }, [el('div', {}, [this.title, this.subtitle]), this.nodeSelect]),
      this.notice,
      this.header.element,
      this.charts.element,
      el('div', { className: 'tables' }, [this.commandStats.element, this.slowlog.element]),
    ]);
    this.header.render(undefined);
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isHostMessage(event.data)) this.handle(event.data);
    });
    watchTheme(() => this.charts.rebuild());
    this.vscode.postMessage({ type: 'ready' });
  }

  private handle(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        return this.onInit(message);
      case 'tick':
        for (const node of message.nodes) this.record(message.t, node);
        return this.render();
      case 'connectionState':
        this.connectionMessage = message.state === 'disconnected' ? (message.message ?? 'The connection to the server was lost.') : undefined;
        return this.renderBanner();
      case 'notice':
        return this.showNotice(message.text, message.level);
    }
  }

  private onInit(message: InitMessage): void {
    this.init = message;
    this.history.clear();
    this.latest.clear();
    this.lastOk.clear();
    for (const [nodeId, samples] of Object.entries(message.history)) this.history.set(nodeId, samples.slice(-message.windowSize));
    this.connectionMessage = message.state === 'disconnected' ? 'The connection to the server is down.' : undefined;
    this.title.textContent = `Redis dashboard: ${message.connection.name}`;
    const seconds = Math.round((message.intervalMs * message.windowSize) / 1000);
    this.subtitle.textContent = `Polling every ${message.intervalMs / 1000} s while this panel is visible; charts show the last ${seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`}.`;
    this.renderNodeOptions(message.nodes);
    const saved = this.vscode.getState();
    const wanted = isDashboardPageState(saved) && saved.connectionId === message.connection.id ? saved.selectedNode : undefined;
    this.select(message.nodes.some((n) => n.id === wanted) ? (wanted as string) : (message.nodes[0]?.id ?? ALL_NODES));
  }

  private renderNodeOptions(nodes: DashboardNodeOption[]): void {
    replaceChildren(this.nodeSelect, nodes.map((n) => el('option', { text: n.label, attrs: { value: n.id } })));
    this.nodeSelect.hidden = nodes.length < 2;
  }

  private select(nodeId: string): void {
    this.selected = nodeId;
    this.nodeSelect.value = nodeId;
    if (this.init) this.vscode.setState({ connectionId: this.init.connection.id, selectedNode: nodeId });
    this.render();
  }

  private record(t: number, node: WireNodeTick): void {
    const points = this.history.get(node.nodeId) ?? [];
    points.push(node.ok ? node.sample : { t, gap: true });
    const windowSize = this.init?.windowSize ?? 300;
    if (points.length > windowSize) points.splice(0, points.length - windowSize);
    this.history.set(node.nodeId, points);
    this.latest.set(node.nodeId, node);
    // A tick without a slowlog means "unchanged since the last one".
    if (node.ok) this.lastOk.set(node.nodeId, { ...node, slowlog: node.slowlog ?? this.lastOk.get(node.nodeId)?.slowlog ?? [] });
  }

  private render(): void {
    const ok = this.lastOk.get(this.selected);
    this.header.render(ok?.snapshot);
    this.charts.setPoints(withMissedTicksAsGaps(this.history.get(this.selected) ?? [], this.init?.intervalMs ?? 1000));
    this.commandStats.render(ok?.commandStats ?? []);
    this.slowlog.render(ok?.slowlog ?? [], ok?.slowlogConfig, this.selected === ALL_NODES, this.init?.connection.readOnly ?? true);
    this.renderBanner();
  }

  private renderBanner(): void {
    const failing = [...this.latest.values()].filter((n): n is Extract<WireNodeTick, { ok: false }> => !n.ok);
    const relevant = this.selected === ALL_NODES ? failing : failing.filter((n) => n.nodeId === this.selected);
    const lines = [
      ...(this.connectionMessage ? [this.connectionMessage] : []),
      ...relevant.map((n) => `${this.labelOf(n.nodeId)}: ${n.error}`),
    ];
    this.banner.hidden = lines.length === 0;
    if (lines.length === 0) return;
    replaceChildren(this.banner, [
      el('strong', { text: 'Disconnected. ' }),
      el('span', { text: `${lines.join(' · ')} Polling resumes when the server answers again.` }),
    ]);
  }

  private labelOf(nodeId: string): string {
    return this.init?.nodes.find((n) => n.id === nodeId)?.label ?? nodeId;
  }

  private showNotice(text: string, level: 'info' | 'error'): void {
    if (this.noticeTimer !== undefined) clearTimeout(this.noticeTimer);
    replaceChildren(this.notice, [el('span', { text }), button('Dismiss', () => this.clearNotice(), { className: 'link' })]);
    this.notice.className = `notice ${level}`;
    this.noticeTimer = setTimeout(() => this.clearNotice(), NOTICE_MS);
  }

  private clearNotice(): void {
    this.notice.replaceChildren();
    this.notice.className = 'notice';
  }
}

const root = document.getElementById('app');
if (root) new DashboardPage(root);
