import assert from 'node:assert/strict';
import type { ViewMessage, WireBytes, WireHeader, WireView } from '../../src/core/protocol/keyEditor';
import { WEBVIEW_PAGES, webviewPageHtml } from '../../src/webviewPanel/webviewPages';
import { buildBundles, closeBrowser, openWebview, serveWebview, type WebviewPage } from './support/webviewHarness';

// The callbacks given to page.evaluate run in the browser; this Node file has no DOM lib.
/* eslint-disable @typescript-eslint/no-explicit-any -- the browser's globals, used only inside page.evaluate */
declare const document: any;
declare const window: any;
declare const getComputedStyle: any;
type DomNode = any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const WIDTHS = [400, 800, 1200];

const bytes = (text: string): WireBytes => ({ id: Buffer.from(text).toString('base64'), mode: 'text', text, bytes: Buffer.byteLength(text) });
const header = (type: string, size?: number): WireHeader => ({ type, ttlMs: 86_400_000, readAt: 0, encoding: 'listpack', memoryBytes: 1_033_000, ...(size === undefined ? {} : { size }) });
const paging = { page: 1, hasPrevious: false, hasNext: true, match: '' };
const key = bytes('service:orders:2024:eu-west-1:customer:000123456');
const longText = `${'a-long-value-without-spaces-'.repeat(12)}end`;

/** One realistic view per viewer, with the widths that stress a layout: long ids, long values, many columns. */
const VIEWS: Record<string, WireView> = {
  string: { kind: 'string', key, header: header('string', 420), format: 'text', text: `${longText}\n${'word '.repeat(60)}`, offset: 0, length: 420, complete: true, hex: false },
  hash: { kind: 'hash', key, header: header('hash', 3), paging, rows: [{ field: bytes('name'), value: bytes('Ada Lovelace') }, { field: bytes(`field-${'x'.repeat(60)}`), value: bytes(longText) }, { field: bytes('n'), value: bytes('1') }] },
  list: { kind: 'list', key, header: header('list', 12_345), paging: { ...paging, from: 0, total: 12_345 }, fromTail: false, rows: [0, 1, 2].map((i) => ({ index: 10_000 + i, value: i === 2 ? { ...bytes(longText), bytes: 10 * 1024 * 1024, truncated: true, ref: 'cell1' } : bytes(i === 1 ? longText : `job-${i}`) })) },
  set: { kind: 'set', key, header: header('set', 3), paging, rows: [bytes('red'), bytes(longText), bytes('blue')] },
  zset: { kind: 'zset', key, header: header('zset', 3), paging: { ...paging, from: 0, total: 3 }, descending: false, rows: [{ member: bytes('ann'), score: '1', rank: 0 }, { member: bytes(longText), score: '-1.5e+21', rank: 1 }, { member: bytes('cy'), score: 'inf', rank: 1_000_001 }] },
  stream: {
    kind: 'stream',
    key,
    header: header('stream', 3),
    paging,
    descending: true,
    entries: [
      { id: '1733492012345-12', fields: [[bytes('type'), bytes('login')], [bytes('user'), bytes('ada')]] },
      { id: '1733492012344-0', fields: [[bytes('type'), bytes('logout')]] },
      { id: '1733492012343-999', fields: [[bytes('payload'), bytes(longText)]] },
    ],
    groups: [
      { name: bytes('mailer'), consumers: 2, pending: 1_204, lastDeliveredId: '1733492012344-0', lag: 1 },
      { name: bytes('audit-log-writer'), consumers: 0, pending: 0, lastDeliveredId: '0-0' },
    ],
    consumers: { group: bytes('mailer').id, list: [{ name: bytes('worker-1'), pending: 1_200, idleMs: 65_000 }, { name: bytes('worker-2'), pending: 4, idleMs: 300 }] },
  },
  json: { kind: 'json', key, header: header('ReJSON-RL'), text: JSON.stringify({ name: 'Ada', tags: ['a', 'b'], nested: { deep: longText } }, null, 2) },
  hll: { kind: 'hll', key, header: header('string', 12_304), count: 1_234_567, representation: 'dense' },
  missing: { kind: 'missing', key, note: 'The key does not exist (any more).' },
};

/**
 * Measures the rendered page and returns what is wrong with its layout: the page scrolls
 * sideways, a header is not over its column, a cell's content is wider than the cell, a stream
 * id wraps or is wider than its column, a stream entry is taller than its fields.
 */
function layoutProblems(view: WebviewPage): Promise<string[]> {
  return view.page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth + 1) problems.push(`the page scrolls sideways (${root.scrollWidth} px > ${window.innerWidth} px)`);
    for (const table of document.querySelectorAll('table')) {
      if (table.hidden) continue;
      const label = table.getAttribute('aria-label');
      const heads = [...table.querySelectorAll('thead th')];
      // Cells of one row side by side, left to right (a cell that is not a table cell stacks under its neighbour).
      for (const group of [heads, ...[...table.querySelectorAll('tbody tr')].map((row: DomNode) => [...row.children])]) {
        const boxes = group.map((n: DomNode) => n.getBoundingClientRect());
        for (let i = 1; i < boxes.length; i++) {
          if (Math.abs(boxes[i].top - boxes[0].top) > 1 || boxes[i].left < boxes[i - 1].right - 1) problems.push(`${label}: ${group === heads ? 'header' : 'cell'} ${i} is not beside its left neighbour`);
        }
      }
      for (const row of table.querySelectorAll('tbody tr')) {
        const cells = [...row.children];
        if (cells.length !== heads.length) problems.push(`${label}: a row has ${cells.length} cells under ${heads.length} headers`);
        cells.forEach((cell: DomNode, i: number) => {
          const head = heads[i]?.getBoundingClientRect();
          const box = cell.getBoundingClientRect();
          if (head && (Math.abs(head.left - box.left) > 1 || Math.abs(head.width - box.width) > 1)) {
            problems.push(`${label}: header "${heads[i].textContent}" spans ${Math.round(head.left)}+${Math.round(head.width)} px, its column ${Math.round(box.left)}+${Math.round(box.width)} px`);
          }
          const content = cell.firstElementChild;
          const align = content ? getComputedStyle(content).textAlign : 'start';
          if (heads[i] && content && getComputedStyle(content).display === 'block' && (align === 'right') !== (getComputedStyle(heads[i]).textAlign === 'right')) {
            problems.push(`${label}: header "${heads[i].textContent}" is aligned ${getComputedStyle(heads[i]).textAlign}, its column's values ${align}`);
          }
          if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`${label}: column ${i} content is ${cell.scrollWidth} px wide in a ${cell.clientWidth} px cell`);
        });
      }
    }
    for (const id of document.querySelectorAll('.stream-id')) {
      const range = document.createRange();
      range.selectNodeContents(id);
      const lines = range.getClientRects().length;
      if (lines > 1) problems.push(`stream id ${id.textContent} wraps onto ${lines} lines`);
      const cell = id.closest('td');
      const style = getComputedStyle(cell);
      const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (range.getBoundingClientRect().width > room + 0.5) problems.push(`stream id ${id.textContent} is wider than its column`);
    }
    for (const row of document.querySelectorAll('table[aria-label="Stream entries"] tbody tr')) {
      const pairs = row.querySelector('.pairs');
      if (!pairs) continue;
      const style = getComputedStyle(pairs.closest('td'));
      const frame = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) + parseFloat(style.borderBottomWidth);
      const rowHeight = row.getBoundingClientRect().height;
      const fieldsHeight = pairs.getBoundingClientRect().height;
      if (rowHeight > fieldsHeight + frame + 1) problems.push(`stream entry ${row.querySelector('.stream-id')?.textContent} is ${Math.round(rowHeight)} px tall for ${Math.round(fieldsHeight)} px of fields`);
    }
    return problems;
  });
}

describe('key editor layout at common widths (headless Chromium, measured)', function () {
  let server: Awaited<ReturnType<typeof serveWebview>>;

  before(async () => {
    buildBundles();
    server = await serveWebview((origin) =>
      webviewPageHtml(WEBVIEW_PAGES.keyEditor, origin, (file) => `${origin}/${file}`),
    );
  });
  after(async () => {
    await closeBrowser();
    await server?.close();
  });

  for (const width of WIDTHS) {
    it(`lays out every viewer at ${width} px: headers over their columns, nothing wider than its cell or the page`, async () => {
      const view = await openWebview(server.origin, { viewport: { width, height: 900 } });
      try {
        const problems: string[] = [];
        for (const [name, wire] of Object.entries(VIEWS)) {
          const message: ViewMessage = { type: 'view', connection: { name: 'local', readOnly: false }, db: 0, view: wire };
          await view.send(message);
          await view.page.locator(`#app[data-kind="${wire.kind}"]`).waitFor({ state: 'attached' });
          problems.push(...(await layoutProblems(view)).map((p) => `${name}: ${p}`));
        }
        assert.deepEqual(problems, []);
        assert.deepEqual(await view.problems(), [], 'no CSP violation and no page error');
      } finally {
        await view.close();
      }
    });
  }

  it('shows the stream id column at least as wide as its widest id, with consumer-group headers over their columns', async () => {
    const view = await openWebview(server.origin, { viewport: { width: 800, height: 900 } });
    try {
      await view.send({ type: 'view', connection: { name: 'local', readOnly: false }, db: 0, view: VIEWS.stream });
      await view.page.locator('table[aria-label="Consumer groups"]').waitFor();
      const sizes = await view.page.evaluate(() => {
        const ids = [...document.querySelectorAll('table[aria-label="Stream entries"] .stream-id')].map((id: DomNode) => {
          const range = document.createRange();
          range.selectNodeContents(id);
          return { lines: range.getClientRects().length, width: range.getBoundingClientRect().width };
        });
        const widest = Math.max(...ids.map((id) => id.width));
        const lines = ids.map((id) => id.lines);
        const column = document.querySelector('table[aria-label="Stream entries"] th.col-id').getBoundingClientRect().width;
        const heads = [...document.querySelectorAll('table[aria-label="Consumer groups"] thead th')].map((th: DomNode) => Math.round(th.getBoundingClientRect().left));
        const cells = [...document.querySelectorAll('table[aria-label="Consumer groups"] tbody tr:first-child td')].map((td: DomNode) => Math.round(td.getBoundingClientRect().left));
        return { widest, lines, column, heads, cells };
      });
      assert.deepEqual(sizes.lines, sizes.lines.map(() => 1), 'every id on one line');
      assert.ok(sizes.heads.every((left, i) => i === 0 || left > sizes.heads[i - 1]), `headers side by side: ${sizes.heads.join(', ')}`);
      assert.ok(sizes.column >= sizes.widest, `the id column (${sizes.column} px) holds the widest id (${sizes.widest} px)`);
      assert.deepEqual(sizes.heads, sizes.cells, 'each consumer-group header starts where its column starts');
    } finally {
      await view.close();
    }
  });
});
