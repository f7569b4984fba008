import { button, el } from '../shared/dom';
import type { ValueEdit } from '../../core/protocol/keyEditor';
import { confirmButton, iconButton, type ViewContext } from './controls';

/** The inputs that replace a row while it is edited (or form the "add" row). */
export interface RowEditor {
  cells: HTMLElement[];
  /** The edit to send, or a message saying what is missing. */
  submit(): ValueEdit | string;
  focus(): void;
}

export interface RowSpec {
  cells: HTMLElement[];
  /** What "Copy" puts on the clipboard. */
  copyText: string;
  edit?: () => RowEditor;
  remove?: ValueEdit;
}

export interface TableSpec {
  label: string;
  /** Singular noun for buttons and labels: "field", "member", "element", "entry". */
  noun: string;
  columns: { label: string; className?: string }[];
  rows: RowSpec[];
  add?: () => RowEditor;
  /** Shown instead of an empty table. */
  empty: string;
}

/**
 * A table of a value's items with Edit / Copy / Delete per row and an Add row on top. Editing
 * swaps a row's cells for inputs; Save sends one typed edit to the host, which re-sends the view.
 * Delete asks for a second click, since a webview cannot open a dialog.
 */
export function editableTable(spec: TableSpec, ctx: ViewContext): HTMLElement {
  const columns = [...spec.columns, { label: '', className: 'actions' }];
  const body = el('tbody');
  const problem = el('p', { className: 'form-problem', attrs: { role: 'alert' } });
  problem.hidden = true;

  const editorRow = (editor: RowEditor, onCancel: () => void, saveLabel: string): HTMLTableRowElement => {
    const save = (): void => {
      const edit = editor.submit();
      if (typeof edit === 'string') {
        problem.textContent = edit;
        problem.hidden = false;
        return;
      }
      problem.hidden = true;
      ctx.post({ type: 'edit', edit });
    };
    const actions = el('div', { className: 'row-actions' }, [button(saveLabel, save, { className: 'primary', attrs: { 'aria-label': `${saveLabel} ${spec.noun}` } }), button('Cancel', onCancel)]);
    const row = el('tr', { className: 'editing' }, [...editor.cells.map((cell, i) => el('td', { className: spec.columns[i]?.className }, [cell])), el('td', { className: 'actions' }, [actions])]);
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') onCancel();
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) save();
    });
    return row;
  };

  const displayRow = (row: RowSpec): HTMLTableRowElement => {
    const actions: HTMLElement[] = [iconButton('Copy', `Copy ${spec.noun}`, () => ctx.post({ type: 'copy', text: row.copyText }))];
    if (!ctx.readOnly && row.edit) {
      const start = row.edit;
      actions.unshift(
        iconButton('Edit', `Edit ${spec.noun}`, () => {
          const editor = start();
          const editing = editorRow(editor, () => editing.replaceWith(displayRow(row)), 'Save');
          tr.replaceWith(editing);
          editor.focus();
        }),
      );
    }
    if (!ctx.readOnly && row.remove) {
      const edit = row.remove;
      actions.push(confirmButton('Delete', () => ctx.post({ type: 'edit', edit }), `Delete ${spec.noun}`));
    }
    const tr = el('tr', {}, [...row.cells.map((cell, i) => el('td', { className: spec.columns[i]?.className }, [cell])), el('td', { className: 'actions' }, [el('div', { className: 'row-actions' }, actions)])]);
    return tr;
  };

  body.replaceChildren(...spec.rows.map(displayRow));
  const head = el('thead', {}, [el('tr', {}, columns.map((c) => el('th', { text: c.label, className: c.className, attrs: { scope: 'col' } })))]);
  const tableNode = el('table', { className: 'values', attrs: { 'aria-label': spec.label } }, [head, body]);
  const emptyNode = el('p', { className: 'empty muted', text: spec.empty });
  const showEmpty = (): void => {
    emptyNode.hidden = body.childElementCount > 0;
    tableNode.hidden = !emptyNode.hidden;
  };

  const toolbar: HTMLElement[] = [];
  if (spec.add && !ctx.readOnly) {
    const makeEditor = spec.add;
    const add = button(`+ Add ${spec.noun}`, () => {
      const editor = makeEditor();
      const row = editorRow(
        editor,
        () => {
          row.remove();
          add.disabled = false;
          showEmpty();
        },
        'Add',
      );
      body.prepend(row);
      add.disabled = true;
      showEmpty();
      editor.focus();
    });
    toolbar.push(add);
  }
  showEmpty();
  return el('div', { className: 'editable-table' }, [el('div', { className: 'table-toolbar' }, toolbar), problem, tableNode, emptyNode]);
}
