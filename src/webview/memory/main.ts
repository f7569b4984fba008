import { button, el, replaceChildren } from '../shared/dom';
import { formatBytes, formatInteger } from '../shared/format';
import { isHostMessage, type ExportFormat, type HostMessage, type PageMessage, type ReportMessage } from '../../core/protocol/memory';
import { distributionsSection, keyActivitySection, notesSection, patternsSection, recommendationsSection, topKeysSection, type ReportLinks } from './reportSections';
import { TreemapView } from './treemapView';
import { getVsCodeApi } from '../shared/vscodeApi';

const NOTICE_MS = 6000;

/**
 * The memory report page: renders the report the host sent. Every name arrives as data through
 * postMessage and is shown with textContent; the requests back are "ready", "export" and, for the
 * links, "openKey" and "openSite" (the host checks and carries them out).
 */
class MemoryReportPage {
  private readonly vscode = getVsCodeApi<PageMessage>();
  private readonly notice = el('div', { className: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly body = el('div', { className: 'body' });
  private readonly treemap = new TreemapView();
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(root: HTMLElement) {
    this.notice.hidden = true;
    replaceChildren(root, [this.notice, this.body]);
    this.body.append(el('p', { className: 'muted', text: 'Loading the report…' }));
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isHostMessage(event.data)) this.handle(event.data);
    });
    this.vscode.postMessage({ type: 'ready' });
  }

  private handle(message: HostMessage): void {
    switch (message.type) {
      case 'report':
        this.render(message);
        return;
      case 'notice':
        this.showNotice(message.text, message.level);
        return;
    }
  }

  private render({ source, report, delimiter, treemap }: ReportMessage): void {
    const exportButton = (label: string, format: ExportFormat): HTMLButtonElement => button(label, () => this.vscode.postMessage({ type: 'export', format }), { attrs: { 'data-export': format } });
    const error = report.sampling ? ` ± ${formatBytes(report.sampling.memoryErrorBytes)}` : '';
    const links: ReportLinks = {
      openKey: source.canOpenKeys ? (key, db) => this.vscode.postMessage({ type: 'openKey', key, db }) : undefined,
      openSite: (file, line) => this.vscode.postMessage({ type: 'openSite', file, line }),
    };
    const summary = el('header', { className: 'summary' }, [
      el('h1', { text: source.title }),
      el('dl', {}, [
        el('dt', { text: 'Keys' }),
        el('dd', { text: formatInteger(report.totalKeys), attrs: { 'data-total': 'keys' } }),
        el('dt', { text: 'Memory' }),
        el('dd', { text: `${formatBytes(report.totalMemoryBytes)}${error}`, title: `${report.totalMemoryBytes} bytes`, attrs: { 'data-total': 'memory' } }),
        ...(report.sampling ? [el('dt', { text: 'Measured' }), el('dd', { text: `${formatInteger(report.sampling.measuredKeys)} of ${formatInteger(report.sampling.scannedKeys)} keys (sample)`, attrs: { 'data-total': 'measured' } })] : []),
        ...source.facts.flatMap((fact) => [el('dt', { text: fact.label }), el('dd', { text: fact.value })]),
      ]),
      el('div', { className: 'actions' }, [el('span', { text: 'Export as ' }), exportButton('JSON', 'json'), exportButton('CSV', 'csv'), exportButton('Markdown', 'markdown')]),
    ]);
    this.treemap.show(treemap, delimiter);
    replaceChildren(this.body, [
      summary,
      this.treemap.element,
      recommendationsSection(report.recommendations, links),
      patternsSection(report.patterns, links),
      topKeysSection('Top keys by memory', report.topKeys, 'memory', links),
      topKeysSection('Top keys by elements', report.topKeysByElements, 'elements', links),
      keyActivitySection(report, links),
      distributionsSection(report),
      notesSection(report.notes),
    ]);
  }

  private showNotice(text: string, level: 'info' | 'error'): void {
    this.notice.textContent = text;
    this.notice.className = `notice ${level}`;
    this.notice.hidden = false;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => (this.notice.hidden = true), NOTICE_MS);
  }
}

const root = document.getElementById('app');
if (root) new MemoryReportPage(root);
