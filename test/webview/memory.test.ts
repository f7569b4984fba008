import assert from 'node:assert/strict';
import { defaultThresholds, MemoryReportBuilder, type MemoryKeyInput } from '../../src/core/memory';
import { dumpReportSource, reportMessage } from '../../src/memory/reportMessage';
import { TREEMAP_BOX, type ReportMessage } from '../../src/core/protocol/memory';
import { WEBVIEW_PAGES, webviewPageHtml } from '../../src/webviewPanel/webviewPages';
import { buildBundles, closeBrowser, openWebview, serveWebview, type WebviewPage } from './support/webviewHarness';

// The callbacks given to page.evaluate run in the browser; this file is type-checked without the
// DOM lib (it is Node code), so the page's globals are declared here, for this file only.
/* eslint-disable @typescript-eslint/no-explicit-any -- the browser's globals, used only inside page.evaluate */
declare const document: any;
declare const window: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const XSS = '<img src=x onerror="window.__pwned=1">';
const SVG_XSS = '<svg onload="window.__pwned=2">';

function key(name: string | Buffer, over: Partial<MemoryKeyInput> = {}): MemoryKeyInput {
  return { db: 0, key: Buffer.isBuffer(name) ? name : Buffer.from(name), type: 'string', encoding: 'raw', memoryBytes: 100, elements: 10, ttlMs: null, idleSeconds: null, lfuFreq: null, maxElementBytes: 0, ...over };
}

/** A report built by the real core from hostile key names, as the panel would post it. */
function hostileReport(): ReportMessage {
  const builder = new MemoryReportBuilder({ thresholds: defaultThresholds(11, '7.2.4') });
  for (let i = 0; i < 20; i++) builder.add(key(`user:${i}:profile`, { type: 'hash', encoding: 'listpack', memoryBytes: 2000 + i, elements: 5 + i, lfuFreq: (i * 7) % 20 }));
  for (let i = 0; i < 10; i++) builder.add(key(`user:${i}:session`, { memoryBytes: 500, ttlMs: 60_000 }));
  builder.add(key(`${XSS}:1`, { memoryBytes: 90_000, elements: 3 }));
  builder.add(key(`${SVG_XSS}:2`, { memoryBytes: 80_000, elements: 4 }));
  builder.add(key(Buffer.from([0x00, 0x01, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0xff, 0x0a]), { memoryBytes: 70_000, elements: 1 }));
  builder.add(key(`long:${'x'.repeat(5000)}`, { type: 'list', encoding: 'quicklist', memoryBytes: 60_000, elements: 100_000 }));
  const report = builder.build();
  const analysis = { report, info: { version: 11, aux: { 'redis-ver': '7.2.4' }, functionLibraries: 0, moduleAux: [], resizeHints: {}, checksum: 'verified' as const }, fileBytes: 123_456 };
  return reportMessage(report, dumpReportSource(analysis, 'hostile.rdb'));
}

/** A live report: keys link to the key editor, a code pattern links to its lines, the figures are sampled. */
function liveReport(): ReportMessage {
  const sites = [{ file: 'src/cache.ts', line: 12 }, { file: `src/${XSS}.ts`, line: 3 }];
  const builder = new MemoryReportBuilder({ thresholds: defaultThresholds(10), codePatterns: [{ template: 'cache:{id}', sites }] });
  for (let i = 0; i < 5; i++) builder.countKey(Buffer.from(`cache:${i}`));
  builder.add(key(`${XSS}:1`, { memoryBytes: 90_000, elements: 3, db: 2, memoryEstimated: true }));
  builder.add(key('cache:9', { memoryBytes: 500 }));
  builder.note(`A note with ${XSS}.`);
  return reportMessage(builder.build(), { title: 'local — db2', facts: [{ label: 'Server', value: 'Redis 7.0.15' }], canOpenKeys: true });
}

/** Texts of one column of a table section, top to bottom. */
function column(view: WebviewPage, section: string, id: string): Promise<string[]> {
  return view.page.$$eval(`section[aria-label="${section}"] tbody td[data-column="${id}"]`, (cells) => cells.map((c) => c.textContent ?? ''));
}

describe('memory report webview (headless Chromium, real CSP)', function () {
  let server: Awaited<ReturnType<typeof serveWebview>>;
  let view: WebviewPage;
  const message = hostileReport();

  before(async () => {
    buildBundles();
    server = await serveWebview((origin) =>
      webviewPageHtml(WEBVIEW_PAGES.memoryReport, origin, (file) => `${origin}/${file}`),
    );
  });
  after(async () => {
    await closeBrowser();
    await server?.close();
  });
  beforeEach(async () => {
    view = await openWebview(server.origin);
    await view.send(message);
    await view.page.waitForSelector('section[aria-label="Top keys by memory"] tbody tr');
  });
  afterEach(async () => {
    const problems = await view.problems();
    await view.close();
    assert.deepEqual(problems, [], 'no CSP violation and no page error');
  });

  it('shows hostile key names as text: nothing runs, no element is made from them', async () => {
    assert.equal(await view.page.evaluate(() => window.__pwned), undefined);
    assert.equal(await view.page.evaluate(() => document.querySelectorAll('img, #app svg svg, script:not([nonce])').length), 0);
    const keys = await column(view, 'Top keys by memory', 'key');
    assert.deepEqual(keys, message.report.topKeys.map((k) => k.key));
    assert.equal(keys[0], `${XSS}:1`);
    assert.ok(keys.includes('\\x00\\x01\\x1b[31m\\xff\\n'), 'binary and control characters shown escaped');
    assert.ok(keys.some((k) => k.length > 5000), 'a very long name is kept whole (cut only by CSS)');
    const patterns = await column(view, 'Patterns', 'pattern');
    assert.ok(patterns.some((p) => p.startsWith('<img')), `patterns: ${patterns.join(' | ')}`);
    assert.equal(await view.page.textContent('[data-total="keys"]'), String(message.report.totalKeys));
    assert.deepEqual(await view.posted(), [{ type: 'ready' }]);
  });

  it('draws the treemap inside its box, biggest prefix first, and drills down by delimiter', async () => {
    const rects = (): Promise<{ prefix: string; x: number; y: number; width: number; height: number; inside: boolean }[]> =>
      view.page.evaluate(() => {
        const frame = document.querySelector('.treemap svg').getBoundingClientRect();
        return [...document.querySelectorAll('.treemap g.cell')].map((g) => {
          const r = g.querySelector('rect');
          const box = r.getBoundingClientRect();
          const inside = box.left >= frame.left - 0.5 && box.top >= frame.top - 0.5 && box.right <= frame.right + 0.5 && box.bottom <= frame.bottom + 0.5;
          return { prefix: g.getAttribute('data-prefix'), x: +r.getAttribute('x'), y: +r.getAttribute('y'), width: +r.getAttribute('width'), height: +r.getAttribute('height'), inside };
        });
      });
    const root = await rects();
    assert.ok(root.length >= 4, `root boxes: ${JSON.stringify(root.map((r) => r.prefix))}`);
    for (const r of root) {
      assert.ok(r.inside, `${r.prefix} drawn outside the treemap`);
      assert.ok(r.x >= 0 && r.y >= 0 && r.x + r.width <= TREEMAP_BOX.width + 1e-6 && r.y + r.height <= TREEMAP_BOX.height + 1e-6);
    }
    assert.equal(root[0].prefix, XSS, 'the biggest prefix first, its name as data');
    const covered = root.reduce((s, r) => s + r.width * r.height, 0);
    assert.ok(Math.abs(covered - TREEMAP_BOX.width * TREEMAP_BOX.height) < 1, 'the boxes fill the treemap');
    // Drill into "user", then "user:*": its two children; the breadcrumb goes back to the top.
    await view.page.click('.treemap g.cell[data-prefix="user"]');
    assert.deepEqual((await rects()).map((r) => r.prefix), ['user:*']);
    await view.page.click('.treemap g.cell[data-prefix="user:*"]');
    assert.deepEqual((await rects()).map((r) => r.prefix), ['user:*:profile', 'user:*:session']);
    assert.deepEqual(await view.page.$$eval('.breadcrumb > *', (nodes) => nodes.map((n) => n.textContent)), ['All keys', 'user', '*']);
    await view.page.click('.breadcrumb button[data-depth="0"]');
    assert.equal((await rects()).length, root.length);
  });

  it('sorts the top keys by any column, and asks the host to export', async () => {
    const table = 'Top keys by memory';
    const header = (id: string): string => `section[aria-label="${table}"] th button[data-sort="${id}"]`;
    await view.page.click(header('elements'));
    const elements = (await column(view, table, 'elements')).map((t) => Number(t.replace(/\D/g, '')));
    assert.deepEqual(elements, [...elements].sort((a, b) => b - a));
    assert.equal(elements[0], 100_000);
    await view.page.click(header('key'));
    const names = await column(view, table, 'key');
    // Sorted with the browser's own collation (its locale may differ from Node's).
    assert.deepEqual(names, await view.page.evaluate((shown: string[]) => [...shown].sort((a, b) => a.localeCompare(b)), names));
    await view.page.click(header('key'));
    assert.deepEqual(await column(view, table, 'key'), [...names].reverse());
    // Dumps written under an LFU policy: the hot keys, most used first.
    const freqs = (await column(view, 'Hot keys (LFU)', 'freq')).map(Number);
    assert.equal(freqs.length, message.report.hotKeys.length);
    assert.ok(freqs.length > 0);
    assert.deepEqual(freqs, [...freqs].sort((a, b) => b - a));
    await view.page.click('button[data-export="csv"]');
    assert.deepEqual((await view.posted()).at(-1), { type: 'export', format: 'csv' });
  });

  it('a live report: key names open the key editor, code sites open their line, notes and the sample error are shown', async () => {
    const live = liveReport();
    await view.send(live);
    await view.page.waitForSelector('button[data-open-key]');
    await view.page.click('section[aria-label="Top keys by memory"] tbody tr:first-child button[data-open-key]');
    assert.deepEqual((await view.posted()).at(-1), { type: 'openKey', key: `${XSS}:1`, db: 2 });
    await view.page.click('section[aria-label="Patterns"] button[data-open-site="src/cache.ts:12"]');
    assert.deepEqual((await view.posted()).at(-1), { type: 'openSite', file: 'src/cache.ts', line: 12 });
    assert.ok((await column(view, 'Top keys by memory', 'memory'))[0].startsWith('~'), 'an estimated size is marked');
    assert.match((await view.page.textContent('[data-total="memory"]')) ?? '', / ± /);
    assert.match((await view.page.textContent('[data-total="measured"]')) ?? '', /^2 of 7 keys/);
    assert.deepEqual(await view.page.$$eval('section[aria-label="About these figures"] li', (items) => items.map((i) => i.textContent)), [`A note with ${XSS}.`]);
    assert.equal(await view.page.evaluate(() => window.__pwned), undefined);
  });

  it('a dump report has no key links', async () => {
    assert.equal(await view.page.$$eval('button[data-open-key]', (nodes) => nodes.length), 0);
  });
});
