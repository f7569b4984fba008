import { button, el } from '../shared/dom';
import { formatBytes, formatInteger } from '../shared/format';
import type { EditedBytes, PageMessage, WireBytes, WirePaging } from '../../core/protocol/keyEditor';

/** What every view of the page needs: a way to talk to the host, and whether writes are allowed. */
export interface ViewContext {
  post(message: PageMessage): void;
  readOnly: boolean;
}

/**
 * A value as a table cell: text in a `<span>` (textContent, never markup). Escaped bytes are
 * marked so the theme can tint them, and cut values say so.
 */
export function bytesCell(value: WireBytes, className = 'cell-text'): HTMLElement {
  const classes = [className, value.mode === 'escaped' ? 'escaped' : '', value.truncated ? 'truncated' : ''].filter(Boolean).join(' ');
  const text = el('span', { className: classes, text: value.truncated ? `${value.text}…` : value.text, title: value.mode === 'escaped' ? 'Binary: shown with redis-cli escapes (\\xNN)' : undefined });
  if (!value.truncated || value.ref === undefined) return text;
  // The page (main.ts) sends `loadFull` for this button and puts the answer in place of the cut text.
  text.dataset.ref = value.ref;
  const load = el('button', { className: 'row-action load-full', text: `Load full value (${formatBytes(value.bytes)})`, attrs: { type: 'button', 'data-load-ref': value.ref } });
  return el('div', { className: 'cut-cell' }, [text, load]);
}

/** Puts the whole value of a cut cell in place of its text (the answer to `loadFull`). */
export function showFullValue(root: HTMLElement, ref: string, value: WireBytes): void {
  for (const text of root.querySelectorAll<HTMLElement>('[data-ref]')) {
    if (text.dataset.ref !== ref) continue;
    text.textContent = value.text;
    text.classList.remove('truncated');
    text.classList.add('full');
    text.parentElement?.querySelector('button.load-full')?.remove();
  }
}

/** An input for bytes: multi-line text plus an "escapes" switch (\xff, \n and \\ read as bytes). */
export interface BytesInput {
  element: HTMLElement;
  value(): EditedBytes;
  focus(): void;
}

export function bytesInput(label: string, initial?: WireBytes, options: { multiline?: boolean } = {}): BytesInput {
  const multiline = options.multiline ?? true;
  const field = multiline
    ? el('textarea', { className: 'edit-text', attrs: { 'aria-label': label, rows: String(Math.min(8, Math.max(1, (initial?.text.match(/\n/g)?.length ?? 0) + 1))), spellcheck: 'false' } })
    : el('input', { className: 'edit-text', attrs: { type: 'text', 'aria-label': label, spellcheck: 'false' } });
  field.value = initial?.text ?? '';
  field.placeholder = label;
  const escapes = el('input', { attrs: { type: 'checkbox', 'aria-label': `${label}: read \\xNN escapes as bytes` } });
  escapes.checked = initial?.mode === 'escaped';
  const toggle = el('label', { className: 'escapes', title: 'Read \\xNN, \\n, \\t and \\\\ as bytes (how binary values are shown)' }, [escapes, el('span', { text: 'escapes' })]);
  return {
    element: el('div', { className: 'bytes-input' }, [field, toggle]),
    value: () => ({ text: field.value, mode: escapes.checked ? 'escaped' : 'text' }),
    focus: () => field.focus(),
  };
}

/** A delete button that asks "Confirm?" on the first click and acts on the second (webviews cannot show dialogs). */
export function confirmButton(text: string, onConfirm: () => void, title: string): HTMLButtonElement {
  let armed: ReturnType<typeof setTimeout> | undefined;
  const disarm = (): void => {
    armed = undefined;
    node.textContent = text;
    node.setAttribute('aria-label', title);
    node.classList.remove('danger');
  };
  const node = button(
    text,
    () => {
      if (armed) {
        clearTimeout(armed);
        disarm();
        onConfirm();
        return;
      }
      node.textContent = 'Confirm?';
      node.setAttribute('aria-label', `Confirm: ${title}`);
      node.classList.add('danger');
      armed = setTimeout(disarm, 4000);
    },
    { className: 'row-action', title, attrs: { 'aria-label': title } },
  );
  return node;
}

export function iconButton(text: string, title: string, onClick: () => void): HTMLButtonElement {
  return button(text, onClick, { className: 'row-action', title, attrs: { 'aria-label': title } });
}

/** A table with a header row; rows are lists of cells. */
export function table(columns: { label: string; className?: string }[], rows: HTMLElement[][], label: string): HTMLTableElement {
  const head = el('thead', {}, [el('tr', {}, columns.map((c) => el('th', { text: c.label, className: c.className, attrs: { scope: 'col' } })))]);
  const body = el(
    'tbody',
    {},
    rows.map((cells) => el('tr', {}, cells.map((cell, i) => el('td', { className: columns[i]?.className }, [cell])))),
  );
  return el('table', { className: 'values', attrs: { 'aria-label': label } }, [head, body]);
}

/** Previous / next page and where we are; `shown` is the number of rows on this page. */
export function pager(paging: WirePaging, ctx: ViewContext, unit: string, shown: number): HTMLElement {
  const where =
    paging.from !== undefined && paging.total !== undefined
      ? paging.total === 0
        ? `No ${unit}`
        : `${unit} ${formatNumber(paging.from + 1)}–${formatNumber(Math.min(paging.total, paging.from + shown))} of ${formatNumber(paging.total)}`
      : `Page ${formatNumber(paging.page)}${paging.hasNext ? '' : ' (last)'}`;
  const first = button('First', () => ctx.post({ type: 'page', direction: 'first' }), { attrs: { 'aria-label': 'First page' } });
  const previous = button('◀ Previous', () => ctx.post({ type: 'page', direction: 'previous' }), { attrs: { 'aria-label': 'Previous page' } });
  const next = button('Next ▶', () => ctx.post({ type: 'page', direction: 'next' }), { attrs: { 'aria-label': 'Next page' } });
  first.disabled = !paging.hasPrevious;
  previous.disabled = !paging.hasPrevious;
  next.disabled = !paging.hasNext;
  return el('nav', { className: 'pager', attrs: { 'aria-label': 'Pages' } }, [el('span', { className: 'muted', text: where }), first, previous, next]);
}

/** A search box for MATCH patterns, with Clear. */
export function searchBox(paging: WirePaging, ctx: ViewContext, placeholder: string): HTMLElement {
  const input = el('input', { className: 'search', attrs: { type: 'search', 'aria-label': 'Pattern', spellcheck: 'false' } });
  input.value = paging.match;
  input.placeholder = placeholder;
  const search = (): void => ctx.post({ type: 'search', match: input.value });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') search();
  });
  const clear = button('Clear', () => ctx.post({ type: 'search', match: '' }));
  clear.disabled = paging.match === '';
  return el('div', { className: 'search-row', attrs: { role: 'search' } }, [input, button('Search', search), clear]);
}

/** Counts, indexes and ranks, with the same thousands separators everywhere in the editor. */
export function formatNumber(n: number): string {
  return formatInteger(n);
}
