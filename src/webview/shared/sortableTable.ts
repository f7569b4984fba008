import { el, replaceChildren } from './dom';

export interface Column<R> {
  id: string;
  label: string;
  numeric?: boolean;
  /** Ascending order; columns without it cannot be sorted. */
  compare?: (a: R, b: R) => number;
  /** A string is set as text; a node is appended as is (built with textContent too). */
  cell: (row: R) => Node | string;
}

export interface SortState {
  column: string;
  descending: boolean;
}

/** A table whose sortable column headers are buttons (keyboard-reachable), with aria-sort. */
export class SortableTable<R> {
  readonly element: HTMLTableElement;
  private readonly head = el('thead');
  private readonly body = el('tbody');
  private rows: R[] = [];

  constructor(
    private readonly columns: Column<R>[],
    private sortState: SortState,
    private readonly options: { caption?: string; empty: string; limit?: () => number | undefined; onSort?: (state: SortState) => void },
  ) {
    this.element = el('table', { className: 'data-table' }, [options.caption ? el('caption', { className: 'visually-hidden', text: options.caption }) : null, this.head, this.body]);
    this.renderHead();
  }

  get sort(): SortState {
    return { ...this.sortState };
  }

  sortBy(column: string, descending?: boolean): void {
    const same = this.sortState.column === column;
    const numeric = this.columns.find((c) => c.id === column)?.numeric ?? false;
    // First click: numbers biggest first, text A→Z; the next click reverses.
    this.sortState = { column, descending: descending ?? (same ? !this.sortState.descending : numeric) };
    this.renderHead();
    this.renderBody();
    this.options.onSort?.(this.sort);
  }

  setRows(rows: R[]): void {
    this.rows = rows;
    this.renderBody();
  }

  /** Rows in display order (before the limit). */
  sortedRows(): R[] {
    const column = this.columns.find((c) => c.id === this.sortState.column);
    if (!column?.compare) return [...this.rows];
    const compare = column.compare;
    const sign = this.sortState.descending ? -1 : 1;
    return [...this.rows].sort((a, b) => sign * compare(a, b));
  }

  private renderHead(): void {
    const cells = this.columns.map((column) => {
      const th = el('th', { className: column.numeric ? 'num' : undefined, attrs: { scope: 'col' } });
      if (!column.compare) {
        th.textContent = column.label;
        return th;
      }
      const active = this.sortState.column === column.id;
      th.setAttribute('aria-sort', active ? (this.sortState.descending ? 'descending' : 'ascending') : 'none');
      const indicator = active ? (this.sortState.descending ? ' ▼' : ' ▲') : '';
      const sortButton = el('button', { className: 'sort', text: `${column.label}${indicator}`, attrs: { type: 'button', 'data-sort': column.id } });
      sortButton.addEventListener('click', () => this.sortBy(column.id));
      th.append(sortButton);
      return th;
    });
    replaceChildren(this.head, [el('tr', {}, cells)]);
  }

  private renderBody(): void {
    const sorted = this.sortedRows();
    const limit = this.options.limit?.();
    const shown = limit === undefined ? sorted : sorted.slice(0, limit);
    if (shown.length === 0) {
      replaceChildren(this.body, [el('tr', {}, [el('td', { className: 'muted', text: this.options.empty, attrs: { colspan: String(this.columns.length) } })])]);
      return;
    }
    replaceChildren(
      this.body,
      shown.map((row) =>
        el(
          'tr',
          {},
          this.columns.map((column) => {
            const value = column.cell(row);
            return el('td', { className: column.numeric ? 'num' : undefined, attrs: { 'data-column': column.id } }, [typeof value === 'string' ? document.createTextNode(value) : value]);
          }),
        ),
      ),
    );
  }
}
