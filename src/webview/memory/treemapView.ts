import { button, el, replaceChildren } from '../shared/dom';
import { formatBytes, formatInteger } from '../shared/format';
import { TREEMAP_BOX, type TreemapBoxData, type TreemapLevelData } from '../../core/protocol/memory';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Roughly one character of the label font, to shorten labels that would overflow their box. */
const CHAR_WIDTH = 7;
const COLOURS = 6;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

/** A path as a map key: segments may hold any character but NUL never survives key escaping. */
const pathKey = (path: readonly string[]): string => path.join('\u0000');

/**
 * Memory by key prefix, drawn from the levels the host laid out: a box with patterns below it
 * drills down on click or Enter; the breadcrumb goes back up. Every name goes in with textContent,
 * so a hostile key pattern stays text.
 */
export class TreemapView {
  readonly element = el('section', { className: 'treemap', attrs: { 'aria-label': 'Memory by key prefix' } });
  private readonly crumbs = el('nav', { className: 'breadcrumb', attrs: { 'aria-label': 'Prefix' } });
  private readonly canvas = svg('svg', { viewBox: `${TREEMAP_BOX.x} ${TREEMAP_BOX.y} ${TREEMAP_BOX.width} ${TREEMAP_BOX.height}`, role: 'group', 'aria-label': 'Treemap' });
  private levels = new Map<string, TreemapLevelData>();
  private delimiter = ':';
  private path: string[] = [];

  constructor() {
    this.element.append(el('h2', { text: 'Memory by key prefix' }), this.crumbs, this.canvas);
  }

  show(levels: readonly TreemapLevelData[], delimiter: string): void {
    this.levels = new Map(levels.map((level) => [pathKey(level.path), level]));
    this.delimiter = delimiter;
    this.path = [];
    this.render();
  }

  private go(path: string[]): void {
    this.path = path;
    this.render();
  }

  private render(): void {
    const boxes = this.levels.get(pathKey(this.path))?.boxes ?? [];
    this.renderCrumbs();
    const total = boxes.reduce((sum, box) => sum + box.memoryBytes, 0);
    replaceChildren(
      this.canvas,
      boxes.map((box, index) => this.box(box, index, total)),
    );
    if (boxes.length === 0) {
      const empty = svg('text', { x: TREEMAP_BOX.width / 2, y: TREEMAP_BOX.height / 2, 'text-anchor': 'middle', class: 'muted' });
      empty.textContent = 'No memory to show.';
      this.canvas.append(empty);
    }
  }

  private renderCrumbs(): void {
    const parts: Node[] = [this.path.length === 0 ? el('span', { text: 'All keys', attrs: { 'aria-current': 'location' } }) : button('All keys', () => this.go([]), { attrs: { 'data-depth': '0' } })];
    this.path.forEach((segment, i) => {
      parts.push(document.createTextNode(` ${this.delimiter} `));
      const last = i === this.path.length - 1;
      parts.push(last ? el('span', { text: segment, attrs: { 'aria-current': 'location' } }) : button(segment, () => this.go(this.path.slice(0, i + 1)), { attrs: { 'data-depth': String(i + 1) } }));
    });
    replaceChildren(this.crumbs, parts);
  }

  private box(box: TreemapBoxData, index: number, total: number): SVGGElement {
    const name = box.path.join(this.delimiter);
    const share = total > 0 ? ` (${((box.memoryBytes / total) * 100).toFixed(1)} %)` : '';
    const description = `${name}${box.hasChildren ? this.delimiter + '…' : ''}: ${formatBytes(box.memoryBytes)}${share}, ${formatInteger(box.keys)} keys`;
    const group = svg('g', { class: `cell c${index % COLOURS}${box.hasChildren ? ' drill' : ''}`, 'data-prefix': name });
    const title = svg('title', {});
    title.textContent = description;
    group.append(title, svg('rect', { x: box.x, y: box.y, width: box.width, height: box.height }));
    if (box.width > 40 && box.height > 18) {
      const label = svg('text', { x: box.x + 4, y: box.y + 14 });
      const room = Math.floor((box.width - 8) / CHAR_WIDTH);
      const text = box.label === '' ? '(empty)' : box.label;
      label.textContent = text.length > room ? `${text.slice(0, Math.max(1, room - 1))}…` : text;
      group.append(label);
    }
    if (box.hasChildren) {
      group.setAttribute('tabindex', '0');
      group.setAttribute('role', 'button');
      group.setAttribute('aria-label', description);
      group.addEventListener('click', () => this.go(box.path));
      group.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          this.go(box.path);
        }
      });
    }
    return group;
  }
}
