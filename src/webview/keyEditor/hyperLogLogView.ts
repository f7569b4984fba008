import { el } from '../shared/dom';
import { formatBytes, formatInteger } from '../shared/format';
import type { WireView } from '../../core/protocol/keyEditor';

type HyperLogLogView = Extract<WireView, { kind: 'hll' }>;

/** A HyperLogLog: the count PFCOUNT estimates, not the register bytes (which mean nothing to read). */
export function hyperLogLogView(view: HyperLogLogView): HTMLElement {
  const size = view.header.size;
  return el('section', { className: 'hll' }, [
    el('p', { className: 'hll-count' }, [el('span', { className: 'hll-number', text: `≈ ${formatInteger(view.count)}` }), el('span', { className: 'muted', text: view.count === 1 ? ' distinct element' : ' distinct elements' })]),
    el('p', { className: 'muted', text: `PFCOUNT estimate (standard error 0.81 %) · ${view.representation} representation${size === undefined ? '' : ` · ${formatBytes(size)}`}. Add elements with PFADD; merge with PFMERGE.` }),
  ]);
}
