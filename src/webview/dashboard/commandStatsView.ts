import type { CommandStat } from '../../core/protocol/dashboard';
import { button, el } from '../shared/dom';
import { formatDecimal, formatInteger, formatMicros } from '../shared/format';
import { SortableTable } from '../shared/sortableTable';

const TOP = 15;

/** `INFO commandstats`: the busiest commands by calls or by total time, with µs per call. */
export class CommandStatsView {
  readonly element: HTMLElement;
  private readonly table: SortableTable<CommandStat>;
  private readonly byCalls: HTMLButtonElement;
  private readonly byTime: HTMLButtonElement;
  private readonly more = button('', () => this.toggleAll(), { className: 'link' });
  private showAll = false;
  private stats: CommandStat[] = [];

  constructor(onRefresh: () => void) {
    this.table = new SortableTable<CommandStat>(
      [
        { id: 'command', label: 'Command', compare: (a, b) => a.command.localeCompare(b.command), cell: (s) => el('code', { text: s.command }) },
        { id: 'calls', label: 'Calls', numeric: true, compare: (a, b) => a.calls - b.calls, cell: (s) => formatInteger(s.calls) },
        { id: 'usec', label: 'Total time', numeric: true, compare: (a, b) => a.usec - b.usec, cell: (s) => formatMicros(s.usec) },
        { id: 'usecPerCall', label: 'µs per call', numeric: true, compare: (a, b) => a.usecPerCall - b.usecPerCall, cell: (s) => formatDecimal(s.usecPerCall) },
        {
          id: 'errors',
          label: 'Failed / rejected',
          numeric: true,
          compare: (a, b) => a.failedCalls + a.rejectedCalls - (b.failedCalls + b.rejectedCalls),
          cell: (s) => `${formatInteger(s.failedCalls)} / ${formatInteger(s.rejectedCalls)}`,
        },
      ],
      { column: 'calls', descending: true },
      { caption: 'Command statistics', empty: 'No commands recorded yet.', limit: () => (this.showAll ? undefined : TOP), onSort: () => this.syncModeButtons() },
    );
    this.byCalls = button('By calls', () => this.table.sortBy('calls', true), { attrs: { 'aria-pressed': 'true' } });
    this.byTime = button('By time', () => this.table.sortBy('usec', true), { attrs: { 'aria-pressed': 'false' } });
    this.element = el('section', { className: 'panel', attrs: { 'aria-label': 'Command statistics' } }, [
      el('div', { className: 'panel-head' }, [
        el('h2', { text: 'Command stats' }),
        el('div', { className: 'toolbar' }, [this.byCalls, this.byTime, button('Refresh', onRefresh, { title: 'Poll the server now' })]),
      ]),
      el('div', { className: 'table-wrap' }, [this.table.element]),
      this.more,
    ]);
  }

  render(stats: CommandStat[]): void {
    this.stats = stats;
    this.table.setRows(stats);
    this.syncMore();
  }

  private toggleAll(): void {
    this.showAll = !this.showAll;
    this.render(this.stats);
  }

  private syncMore(): void {
    this.more.hidden = this.stats.length <= TOP;
    this.more.textContent = this.showAll ? `Show top ${TOP}` : `Show all ${this.stats.length} commands`;
  }

  private syncModeButtons(): void {
    const { column } = this.table.sort;
    this.byCalls.setAttribute('aria-pressed', String(column === 'calls'));
    this.byTime.setAttribute('aria-pressed', String(column === 'usec'));
  }
}
