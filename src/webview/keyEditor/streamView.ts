import { button, el } from '../shared/dom';
import type { EditedBytes, WireView } from '../../core/protocol/keyEditor';
import { bytesCell, bytesInput, formatNumber, iconButton, pager, table, type BytesInput, type ViewContext } from './controls';
import { editableTable, type RowEditor } from './editableTable';
import { formatDuration } from './header';

type StreamView = Extract<WireView, { kind: 'stream' }>;

/** Stream entries (XRANGE/XREVRANGE pages) with add and delete, then consumer groups and their consumers (XINFO). */
export function streamView(view: StreamView, ctx: ViewContext): HTMLElement {
  const order = el('input', { attrs: { type: 'checkbox' } });
  order.checked = !view.descending;
  order.addEventListener('change', () => ctx.post({ type: 'order', reversed: order.checked }));
  return el('section', { className: 'collection' }, [
    el('div', { className: 'view-options' }, [el('label', { className: 'toggle' }, [order, el('span', { text: 'Oldest first' })])]),
    editableTable(
      {
        label: 'Stream entries',
        noun: 'entry',
        columns: [{ label: 'ID', className: 'col-id' }, { label: 'Fields' }],
        rows: view.entries.map((entry) => ({
          cells: [el('span', { className: 'stream-id', text: entry.id }), el('div', { className: 'pairs' }, entry.fields.flatMap(([f, v]) => [bytesCell(f, 'pair-field'), bytesCell(v, 'pair-value')]))],
          copyText: entry.id,
          remove: { op: 'streamDelete', id: entry.id },
        })),
        add: () => entryEditor(),
        empty: 'No entries.',
      },
      ctx,
    ),
    pager(view.paging, ctx, 'Entries', view.entries.length),
    groupsView(view, ctx),
  ]);
}

/** An entry to add: an id ('*' lets the server choose) and field/value pairs, more with "+ field". */
function entryEditor(): RowEditor {
  const id = el('input', { className: 'edit-id', attrs: { type: 'text', 'aria-label': 'Entry id', spellcheck: 'false' } });
  id.value = '*';
  const pairs: [BytesInput, BytesInput][] = [];
  const list = el('div', { className: 'pair-inputs' });
  const addPair = (): void => {
    const pair: [BytesInput, BytesInput] = [bytesInput('Field', undefined, { multiline: false }), bytesInput('Value', undefined, { multiline: false })];
    pairs.push(pair);
    list.append(el('div', { className: 'pair-input' }, [pair[0].element, pair[1].element]));
  };
  addPair();
  return {
    cells: [id, el('div', {}, [list, button('+ field', addPair, { className: 'row-action' })])],
    submit: () => {
      const fields = pairs.map(([f, v]): [EditedBytes, EditedBytes] => [f.value(), v.value()]).filter(([f]) => f.text !== '');
      if (fields.length === 0) return 'A stream entry needs at least one field.';
      return { op: 'streamAdd', id: id.value.trim() || '*', fields };
    },
    focus: () => pairs[0][0].focus(),
  };
}

function groupsView(view: StreamView, ctx: ViewContext): HTMLElement {
  if (view.groups.length === 0) return el('section', { className: 'groups' }, [el('h2', { text: 'Consumer groups' }), el('p', { className: 'muted', text: 'No consumer groups (XGROUP CREATE adds one).' })]);
  const rows = view.groups.map((group) => {
    const open = view.consumers?.group === group.name.id;
    // The consumers toggle sits under the group's name: a column of its own leaves no room at narrow widths.
    return [
      el('div', { className: 'group-cell' }, [bytesCell(group.name), iconButton(open ? 'Hide consumers' : 'Consumers', `Consumers of ${group.name.text}`, () => ctx.post({ type: 'consumers', group: group.name.id }))]),
      el('span', { className: 'number', text: formatNumber(group.consumers) }),
      el('span', { className: `number${group.pending > 0 ? ' warn' : ''}`, text: formatNumber(group.pending) }),
      el('span', { className: 'stream-id', text: group.lastDeliveredId }),
      el('span', { className: 'number', text: group.lag === undefined ? '–' : formatNumber(group.lag) }),
    ];
  });
  const children: HTMLElement[] = [
    el('h2', { text: 'Consumer groups' }),
    table([{ label: 'Group' }, { label: 'Consumers', className: 'number' }, { label: 'Pending', className: 'number' }, { label: 'Last delivered', className: 'col-id' }, { label: 'Lag', className: 'number' }], rows, 'Consumer groups'),
  ];
  if (view.consumers) {
    const group = view.groups.find((g) => g.name.id === view.consumers?.group);
    const consumerRows = view.consumers.list.map((c) => [bytesCell(c.name), el('span', { className: 'number', text: formatNumber(c.pending) }), el('span', { className: 'number', text: formatDuration(c.idleMs) })]);
    children.push(
      el('h3', { text: `Consumers of ${group?.name.text ?? 'the group'}` }),
      consumerRows.length ? table([{ label: 'Consumer' }, { label: 'Pending', className: 'number' }, { label: 'Idle', className: 'number' }], consumerRows, 'Consumers') : el('p', { className: 'muted', text: 'No consumers yet.' }),
    );
  }
  return el('section', { className: 'groups' }, children);
}
