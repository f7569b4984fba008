import { button, el } from '../shared/dom';
import { formatBytes } from '../shared/format';
import type { KeyAction, ViewMessage, WireHeader } from '../../core/protocol/keyEditor';
import { formatNumber, type ViewContext } from './controls';

const TYPE_LABELS: Record<string, string> = { string: 'String', hash: 'Hash', list: 'List', set: 'Set', zset: 'Sorted set', stream: 'Stream', 'ReJSON-RL': 'JSON' };
const SIZE_UNITS: Record<string, [string, string]> = { hash: ['field', 'fields'], list: ['element', 'elements'], set: ['member', 'members'], zset: ['member', 'members'], stream: ['entry', 'entries'] };

/**
 * The top of the editor: key name, type, connection and database, TTL (counting down from when
 * the view arrived), encoding, size and memory, and the key's actions.
 */
export class HeaderView {
  readonly element = el('header', { className: 'key-header' });
  private ttlNode: HTMLElement | undefined;
  private ttlMs: number | null = null;
  private receivedAt = 0;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor() {
    this.timer = setInterval(() => this.tick(), 1000);
  }

  render(message: ViewMessage, ctx: ViewContext): void {
    const { view } = message;
    const header = 'header' in view ? view.header : undefined;
    const type = view.kind === 'hll' ? 'HyperLogLog' : header ? (TYPE_LABELS[header.type] ?? header.type) : 'Missing';
    this.ttlMs = header?.ttlMs ?? null;
    this.receivedAt = Date.now();
    this.ttlNode = header ? el('span', { className: 'fact-value' }) : undefined;
    const facts = header ? this.facts(header) : [];
    this.element.replaceChildren(
      el('div', { className: 'title-row' }, [
        el('span', { className: `type-badge type-${header?.type.replace(/[^a-z]/gi, '') ?? 'none'}`, text: type }),
        el('h1', { className: `key-name${view.key.mode === 'escaped' ? ' escaped' : ''}`, text: view.key.text || '(empty name)', title: view.key.text }),
        el('span', { className: 'where muted', text: `${message.connection.name} · db${message.db}` }),
        message.connection.readOnly ? el('span', { className: 'badge', text: 'read-only', title: 'This connection is read-only: changes are refused.' }) : null,
      ]),
      el('dl', { className: 'facts' }, facts),
      el('div', { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Key actions' } }, this.actions(message, ctx)),
    );
    this.tick();
  }

  private facts(header: WireHeader): HTMLElement[] {
    const pairs: [string, HTMLElement | string][] = [['TTL', this.ttlNode as HTMLElement]];
    if (header.encoding) pairs.push(['Encoding', header.encoding]);
    if (header.size !== undefined) pairs.push(['Size', header.type === 'string' ? formatBytes(header.size) : `${formatNumber(header.size)} ${(SIZE_UNITS[header.type] ?? ['item', 'items'])[header.size === 1 ? 0 : 1]}`]);
    if (header.memoryBytes !== undefined) pairs.push(['Memory', formatBytes(header.memoryBytes)]);
    return pairs.map(([label, value]) => el('div', { className: 'fact' }, [el('dt', { text: label }), typeof value === 'string' ? el('dd', { className: 'fact-value', text: value }) : el('dd', {}, [value])]));
  }

  private actions(message: ViewMessage, ctx: ViewContext): HTMLElement[] {
    const act = (action: KeyAction): void => ctx.post({ type: 'keyAction', action });
    const exists = message.view.kind !== 'missing';
    const writable = exists && !ctx.readOnly;
    const make = (text: string, title: string, onClick: () => void, enabled: boolean, className?: string): HTMLButtonElement => {
      const node = button(text, onClick, { title, className, attrs: { 'aria-label': title } });
      node.disabled = !enabled;
      return node;
    };
    return [
      make('↻ Refresh', 'Read the key again', () => ctx.post({ type: 'refresh' }), true),
      make('Rename…', 'Rename the key (asks before replacing another key)', () => act('rename'), writable),
      make('TTL…', 'Set the time to live', () => act('setTtl'), writable),
      make('Persist', 'Remove the time to live: the key no longer expires', () => act('persist'), writable && this.ttlMs !== null),
      make('Duplicate…', 'Copy the key to a new name, with its TTL', () => act('duplicate'), writable),
      make('Copy name', 'Copy the key name (escaped as shown)', () => act('copyName'), true),
      make('Copy value', 'Copy the value as text (first page of a collection, as JSON)', () => act('copyValue'), exists),
      make('Delete…', 'Delete the key (asks first)', () => act('delete'), writable, 'danger-outline'),
    ];
  }

  private tick(): void {
    if (!this.ttlNode) return;
    if (this.ttlMs === null) {
      this.ttlNode.textContent = 'no expiry';
      return;
    }
    const left = this.ttlMs - (Date.now() - this.receivedAt);
    this.ttlNode.textContent = left > 0 ? formatDuration(left) : 'expired (refresh)';
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}

/** 1d 2h, 3h 4m, 5m 6s, 7s, 800ms: the tree's style, so both read the same. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}
