import { el } from '../shared/dom';
import type { WireView } from '../../core/protocol/keyEditor';
import { bytesCell, bytesInput, formatNumber, pager, searchBox, type ViewContext } from './controls';
import { editableTable, type RowEditor } from './editableTable';

type View<K extends WireView['kind']> = Extract<WireView, { kind: K }>;

/** A checkbox that reverses the order of a view (sent to the host, which re-reads). */
function orderToggle(label: string, checked: boolean, ctx: ViewContext): HTMLElement {
  const box = el('input', { attrs: { type: 'checkbox' } });
  box.checked = checked;
  box.addEventListener('change', () => ctx.post({ type: 'order', reversed: box.checked }));
  return el('label', { className: 'toggle' }, [box, el('span', { text: label })]);
}

const needsText = (what: string): string => `Type the ${what} first.`;

export function hashView(view: View<'hash'>, ctx: ViewContext): HTMLElement {
  const fieldEditor = (original?: View<'hash'>['rows'][number]): RowEditor => {
    const field = bytesInput('Field', original?.field, { multiline: false });
    const value = bytesInput('Value', original?.value);
    return {
      cells: [field.element, value.element],
      submit: () => ({ op: 'hashSet', field: field.value(), value: value.value(), ...(original ? { original: original.field.id } : {}) }),
      focus: () => (original ? value.focus() : field.focus()),
    };
  };
  return el('section', { className: 'collection' }, [
    searchBox(view.paging, ctx, 'Fields matching a pattern, e.g. name* or *:id'),
    editableTable(
      {
        label: 'Hash fields',
        noun: 'field',
        columns: [{ label: 'Field', className: 'col-name' }, { label: 'Value' }],
        rows: view.rows.map((row) => ({
          cells: [bytesCell(row.field), bytesCell(row.value)],
          copyText: row.value.text,
          ...(row.value.truncated ? {} : { edit: () => fieldEditor(row) }),
          remove: { op: 'hashDelete', field: row.field.id },
        })),
        add: () => fieldEditor(),
        empty: view.paging.match ? 'No field matches the pattern on this page.' : 'No fields.',
      },
      ctx,
    ),
    pager(view.paging, ctx, 'Fields', view.rows.length),
  ]);
}

export function setView(view: View<'set'>, ctx: ViewContext): HTMLElement {
  const memberEditor = (original?: View<'set'>['rows'][number]): RowEditor => {
    const member = bytesInput('Member', original);
    return { cells: [member.element], submit: () => ({ op: 'setAdd', member: member.value(), ...(original ? { original: original.id } : {}) }), focus: () => member.focus() };
  };
  return el('section', { className: 'collection' }, [
    searchBox(view.paging, ctx, 'Members matching a pattern, e.g. user:*'),
    editableTable(
      {
        label: 'Set members',
        noun: 'member',
        columns: [{ label: 'Member' }],
        rows: view.rows.map((member) => ({
          cells: [bytesCell(member)],
          copyText: member.text,
          ...(member.truncated ? {} : { edit: () => memberEditor(member) }),
          remove: { op: 'setRemove', member: member.id },
        })),
        add: () => memberEditor(),
        empty: view.paging.match ? 'No member matches the pattern on this page.' : 'No members.',
      },
      ctx,
    ),
    pager(view.paging, ctx, 'Members', view.rows.length),
  ]);
}

export function zsetView(view: View<'zset'>, ctx: ViewContext): HTMLElement {
  const ranked = view.rows.some((r) => r.rank !== undefined) || !view.paging.match;
  const memberEditor = (original?: View<'zset'>['rows'][number]): RowEditor => {
    const member = bytesInput('Member', original?.member);
    const score = el('input', { className: 'edit-score', attrs: { type: 'text', 'aria-label': 'Score', inputmode: 'decimal', spellcheck: 'false' } });
    score.value = original?.score ?? '0';
    return {
      cells: [...(ranked ? [el('span', { className: 'muted', text: original?.rank !== undefined ? formatNumber(original.rank) : '' })] : []), member.element, score],
      submit: () => (score.value.trim() === '' ? needsText('score') : { op: 'zsetSet', member: member.value(), score: score.value.trim(), ...(original ? { original: original.member.id } : {}) }),
      focus: () => (original ? score.focus() : member.focus()),
    };
  };
  return el('section', { className: 'collection' }, [
    el('div', { className: 'view-options' }, [searchBox(view.paging, ctx, 'Members matching a pattern (unordered), e.g. a*'), view.paging.match ? null : orderToggle('Highest score first', view.descending, ctx)]),
    editableTable(
      {
        label: 'Sorted set members',
        noun: 'member',
        columns: [...(ranked ? [{ label: 'Rank', className: 'col-index' }] : []), { label: 'Member' }, { label: 'Score', className: 'col-score number' }],
        rows: view.rows.map((row) => ({
          cells: [...(ranked ? [el('span', { className: 'muted', text: row.rank === undefined ? '' : formatNumber(row.rank) })] : []), bytesCell(row.member), el('span', { className: 'number', text: row.score })],
          copyText: row.member.text,
          ...(row.member.truncated ? {} : { edit: () => memberEditor(row) }),
          remove: { op: 'zsetRemove', member: row.member.id },
        })),
        add: () => memberEditor(),
        empty: view.paging.match ? 'No member matches the pattern on this page.' : 'No members.',
      },
      ctx,
    ),
    pager(view.paging, ctx, 'Members', view.rows.length),
  ]);
}

export function listView(view: View<'list'>, ctx: ViewContext): HTMLElement {
  const elementEditor = (original?: View<'list'>['rows'][number]): RowEditor => {
    const value = bytesInput('Element', original?.value);
    if (original) {
      return { cells: [el('span', { className: 'muted', text: formatNumber(original.index) }), value.element], submit: () => ({ op: 'listSet', index: original.index, value: value.value(), expected: original.value.id }), focus: () => value.focus() };
    }
    const end = el('select', { attrs: { 'aria-label': 'Where to add' } }, [el('option', { text: 'at the tail (RPUSH)', attrs: { value: 'tail' } }), el('option', { text: 'at the head (LPUSH)', attrs: { value: 'head' } })]);
    return { cells: [end, value.element], submit: () => ({ op: 'listPush', end: end.value === 'head' ? 'head' : 'tail', value: value.value() }), focus: () => value.focus() };
  };
  return el('section', { className: 'collection' }, [
    el('div', { className: 'view-options' }, [orderToggle('From the tail (newest pushed with RPUSH last)', view.fromTail, ctx)]),
    editableTable(
      {
        label: 'List elements',
        noun: 'element',
        columns: [{ label: 'Index', className: 'col-index' }, { label: 'Element' }],
        rows: view.rows.map((row) => ({
          cells: [el('span', { className: 'muted', text: formatNumber(row.index) }), bytesCell(row.value)],
          copyText: row.value.text,
          ...(row.value.truncated ? {} : { edit: () => elementEditor(row) }),
          remove: { op: 'listRemove', index: row.index, expected: row.value.id },
        })),
        add: () => elementEditor(),
        empty: 'No elements.',
      },
      ctx,
    ),
    pager(view.paging, ctx, 'Elements', view.rows.length),
  ]);
}
