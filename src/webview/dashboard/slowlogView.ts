import type { SlowlogConfig, SlowlogEntry } from '../../core/protocol/dashboard';
import { button, el, replaceChildren } from '../shared/dom';
import { formatInteger, formatMicros, formatUnixTime } from '../shared/format';
import { SortableTable, type Column, type SortState } from '../shared/sortableTable';

/** Longer command lines are cut here, with a button to show the rest. */
export const TRUNCATE_AT = 80;

export interface SlowlogHandlers {
  copy(text: string): void;
  reset(): void;
}

const keyOf = (e: SlowlogEntry): string => `${e.nodeId ?? ''}#${e.id}`;

/** SLOWLOG GET: newest first, sortable, long commands truncated and expandable, each copyable. */
export class SlowlogView {
  readonly element: HTMLElement;
  private readonly settings = el('p', { className: 'muted slowlog-settings' });
  private readonly resetButton: HTMLButtonElement;
  private readonly tableSlot = el('div', { className: 'table-wrap' });
  private table: SortableTable<SlowlogEntry> | undefined;
  private merged = false;
  private sort: SortState = { column: 'time', descending: true };
  private readonly expanded = new Set<string>();
  private entries: SlowlogEntry[] = [];
  private signature = '';

  constructor(private readonly handlers: SlowlogHandlers) {
    this.resetButton = button('Reset slowlog', () => handlers.reset(), { className: 'danger' });
    this.element = el('section', { className: 'panel', attrs: { 'aria-label': 'Slow log' } }, [
      el('div', { className: 'panel-head' }, [el('h2', { text: 'Slowlog' }), el('div', { className: 'toolbar' }, [this.resetButton])]),
      this.settings,
      this.tableSlot,
    ]);
  }

  render(entries: SlowlogEntry[], config: SlowlogConfig | undefined, merged: boolean, readOnly: boolean): void {
    this.renderSettings(config);
    this.resetButton.disabled = readOnly;
    this.resetButton.title = readOnly ? 'This connection is read-only.' : merged ? 'SLOWLOG RESET on every node' : 'SLOWLOG RESET';
    // Rebuilding 128 rows every second would also reset focus and selection: only when something changed.
    const signature = `${merged}|${entries.map(keyOf).join(',')}`;
    if (signature === this.signature && merged === this.merged && this.table) return;
    this.signature = signature;
    this.entries = entries;
    if (!this.table || merged !== this.merged) {
      this.merged = merged;
      this.table = new SortableTable(this.columns(), this.sort, { caption: 'Slow log entries', empty: 'The slowlog is empty.', onSort: (s) => (this.sort = s) });
      replaceChildren(this.tableSlot, [this.table.element]);
    }
    this.table.setRows(entries);
  }

  private renderSettings(config: SlowlogConfig | undefined): void {
    const slower = config?.slowerThanUsec;
    const threshold =
      slower === null || slower === undefined ? 'unknown threshold' : slower < 0 ? 'logging disabled' : slower === 0 ? 'logging every command' : `commands slower than ${formatMicros(slower)}`;
    const maxLen = config?.maxLen === null || config?.maxLen === undefined ? '' : `, keeping the last ${formatInteger(config.maxLen)}`;
    this.settings.textContent = `slowlog-log-slower-than: ${threshold}${maxLen} (slowlog-max-len).`;
  }

  private columns(): Column<SlowlogEntry>[] {
    const byTime = (a: SlowlogEntry, b: SlowlogEntry): number => a.time - b.time || a.id - b.id;
    return [
      { id: 'id', label: 'ID', numeric: true, compare: (a, b) => a.id - b.id, cell: (e) => String(e.id) },
      { id: 'time', label: 'Time', numeric: true, compare: byTime, cell: (e) => el('time', { text: formatUnixTime(e.time), title: new Date(e.time * 1000).toISOString() }) },
      { id: 'duration', label: 'Duration', numeric: true, compare: (a, b) => a.durationUsec - b.durationUsec, cell: (e) => formatMicros(e.durationUsec) },
      { id: 'command', label: 'Command', compare: (a, b) => a.commandLine.localeCompare(b.commandLine), cell: (e) => this.commandCell(e) },
      {
        id: 'client',
        label: 'Client',
        compare: (a, b) => a.clientAddress.localeCompare(b.clientAddress),
        cell: (e) => el('span', {}, [el('span', { text: e.clientAddress }), e.clientName ? el('span', { className: 'muted client-name', text: ` ${e.clientName}` }) : null]),
      },
      ...(this.merged ? [{ id: 'node', label: 'Node', compare: (a: SlowlogEntry, b: SlowlogEntry) => (a.nodeId ?? '').localeCompare(b.nodeId ?? ''), cell: (e: SlowlogEntry) => e.nodeId ?? '' }] : []),
      { id: 'copy', label: '', cell: (e) => button('Copy', () => this.handlers.copy(e.commandLine), { className: 'link', title: 'Copy as a redis-cli command line', attrs: { 'aria-label': `Copy command of entry ${e.id}` } }) },
    ];
  }

  private commandCell(entry: SlowlogEntry): HTMLElement {
    const chars = Array.from(entry.commandLine); // by code point, so that no character is cut in half
    const long = chars.length > TRUNCATE_AT;
    const key = keyOf(entry);
    const open = this.expanded.has(key);
    const text = el('code', { className: 'cmd-text', text: long && !open ? `${chars.slice(0, TRUNCATE_AT).join('')}…` : entry.commandLine });
    if (!long) return el('div', { className: 'cmd' }, [text]);
    const toggle = button(open ? 'less' : `more (${formatInteger(chars.length)} chars)`, () => {
      if (open) this.expanded.delete(key);
      else this.expanded.add(key);
      this.table?.setRows(this.entries);
    }, { className: 'link expand', attrs: { 'aria-expanded': String(open) } });
    return el('div', { className: `cmd${open ? ' open' : ''}` }, [text, toggle]);
  }
}
