import { button, el } from '../shared/dom';
import { formatBytes } from '../shared/format';
import type { WireView } from '../../core/protocol/keyEditor';
import { formatNumber, type ViewContext } from './controls';

type StringView = Extract<WireView, { kind: 'string' }>;

const FORMAT_LABELS: Record<StringView['format'], string> = { json: 'JSON', text: 'Text', binary: 'Binary · escaped', hex: 'Binary · hex dump' };

/**
 * A string value: JSON pretty-printed, text as is, binary as escapes or a hex dump. Values over
 * the size limit arrive one GETRANGE page at a time. Editing happens in a real text editor
 * ("Edit in Editor"), which saves with SET … KEEPTTL after checking nobody changed the value.
 */
export function stringView(view: StringView, ctx: ViewContext): HTMLElement {
  const total = view.header.size ?? view.length;
  const controls: HTMLElement[] = [el('span', { className: `format-badge format-${view.format}`, text: FORMAT_LABELS[view.format] })];
  if (view.complete) {
    controls.push(el('span', { className: 'muted', text: formatBytes(total) }));
  } else {
    const last = view.offset + view.length - 1;
    controls.push(el('span', { className: 'muted', text: `Bytes ${formatNumber(view.offset)}–${formatNumber(last)} of ${formatNumber(total)} · shown in pages, never read whole` }));
  }
  const actions: HTMLElement[] = [];
  if (view.complete && !ctx.readOnly) actions.push(button('Edit in Editor', () => ctx.post({ type: 'keyAction', action: 'editValue' }), { className: 'primary', title: 'Edit the value as a text document; saving keeps the TTL' }));
  if (view.complete && ctx.readOnly) actions.push(button('Open in Editor', () => ctx.post({ type: 'keyAction', action: 'editValue' }), { title: 'Show the value as a read-only text document' }));
  if (view.format === 'binary' || view.format === 'hex') actions.push(button(view.hex ? 'Show escapes' : 'Show hex dump', () => ctx.post({ type: 'hex', on: !view.hex })));
  if (view.complete) actions.push(button('Copy', () => ctx.post({ type: 'keyAction', action: 'copyValue' }), { title: 'Copy the value as stored (escaped when binary)' }));
  if (!view.complete || view.offset > 0) {
    const previous = button('◀ Previous bytes', () => ctx.post({ type: 'page', direction: 'previous' }));
    const next = button('Next bytes ▶', () => ctx.post({ type: 'page', direction: 'next' }));
    previous.disabled = view.offset === 0;
    next.disabled = view.offset + view.length >= total;
    actions.push(previous, next);
  }
  if (!view.complete && !ctx.readOnly) actions.push(el('span', { className: 'muted', text: 'Too large to edit as text (setting redisSpecialist.values.stringLimitBytes).' }));
  return el('section', { className: 'string' }, [
    el('div', { className: 'string-bar' }, [el('div', { className: 'string-info' }, controls), el('div', { className: 'string-actions' }, actions)]),
    el('pre', { className: `string-value format-${view.format}`, text: view.text, attrs: { tabindex: '0', 'aria-label': 'Value' } }),
  ]);
}
