import { button, el, replaceChildren } from '../shared/dom';
import { isHostMessage, type HostMessage, type PageMessage, type ViewMessage } from '../../core/protocol/keyEditor';
import { hashView, listView, setView, zsetView } from './collectionViews';
import { showFullValue, type ViewContext } from './controls';
import { HeaderView } from './header';
import { hyperLogLogView } from './hyperLogLogView';
import { streamView } from './streamView';
import { stringView } from './stringView';
import { getVsCodeApi } from '../shared/vscodeApi';

const NOTICE_MS = 6000;

/**
 * The key editor page: renders the last view the host sent and turns clicks into intents. It
 * holds no Redis state of its own; every value arrives as text and is shown with textContent.
 */
class KeyEditorPage {
  private readonly vscode = getVsCodeApi<PageMessage>();
  private readonly header = new HeaderView();
  private readonly notice = el('div', { className: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly body = el('div', { className: 'body' });
  private readonly progress = el('div', { className: 'progress', attrs: { 'aria-hidden': 'true' } });
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly root: HTMLElement) {
    this.notice.hidden = true;
    replaceChildren(root, [this.progress, this.header.element, this.notice, this.body]);
    this.body.append(el('p', { className: 'muted loading', text: 'Reading the key…' }));
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isHostMessage(event.data)) this.handle(event.data);
    });
    root.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLElement>('button[data-load-ref]');
      if (button?.dataset.loadRef) this.vscode.postMessage({ type: 'loadFull', ref: button.dataset.loadRef });
    });
    this.vscode.postMessage({ type: 'ready' });
  }

  private handle(message: HostMessage): void {
    switch (message.type) {
      case 'view':
        return this.render(message);
      case 'notice':
        return this.showNotice(message.level, message.text);
      case 'fullValue':
        return showFullValue(this.body, message.ref, message.value);
      case 'busy':
        this.root.classList.toggle('busy', message.busy);
        this.root.setAttribute('aria-busy', String(message.busy));
        return;
    }
  }

  private render(message: ViewMessage): void {
    const ctx: ViewContext = { post: (m) => this.vscode.postMessage(m), readOnly: message.connection.readOnly };
    this.header.render(message, ctx);
    const { view } = message;
    this.root.dataset.kind = view.kind;
    let content: HTMLElement;
    switch (view.kind) {
      case 'string':
        content = stringView(view, ctx);
        break;
      case 'hash':
        content = hashView(view, ctx);
        break;
      case 'set':
        content = setView(view, ctx);
        break;
      case 'zset':
        content = zsetView(view, ctx);
        break;
      case 'list':
        content = listView(view, ctx);
        break;
      case 'stream':
        content = streamView(view, ctx);
        break;
      case 'hll':
        content = hyperLogLogView(view);
        break;
      case 'json':
        content = view.text !== undefined ? el('pre', { className: 'string-value format-json', text: view.text }) : el('p', { className: 'note', text: view.note ?? '' });
        break;
      case 'loading':
        content = el('p', { className: 'muted loading', text: 'Reading the first page…' });
        break;
      case 'unsupported':
        content = el('p', { className: 'note', text: view.note });
        break;
      case 'missing':
        content = el('div', { className: 'missing' }, [el('p', { className: 'note', text: view.note }), button('↻ Check again', () => ctx.post({ type: 'refresh' }))]);
        break;
    }
    replaceChildren(this.body, [content]);
  }

  private showNotice(level: 'info' | 'error', text: string): void {
    this.notice.textContent = text;
    this.notice.className = `notice ${level}`;
    this.notice.hidden = false;
    clearTimeout(this.noticeTimer);
    // Errors stay until the next notice: they explain why something did not happen.
    if (level === 'info') this.noticeTimer = setTimeout(() => (this.notice.hidden = true), NOTICE_MS);
  }
}

new KeyEditorPage(document.getElementById('app') as HTMLElement);
