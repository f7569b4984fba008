import assert from 'node:assert/strict';
import type { ViewMessage, WireBytes, WireHeader, WireView } from '../../src/core/protocol/keyEditor';
import { WEBVIEW_PAGES, webviewPageHtml } from '../../src/webviewPanel/webviewPages';
import { buildBundles, closeBrowser, openWebview, serveWebview, type WebviewPage } from './support/webviewHarness';

// The callbacks given to page.evaluate run in the browser; this Node file has no DOM lib.
/* eslint-disable @typescript-eslint/no-explicit-any -- the browser's globals, used only inside page.evaluate */
declare const document: any;
declare const window: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const HOSTILE = ['<img src=x onerror="window.__pwned = 1">', '</script><script>window.__pwned = 2</script>', '"><svg onload="window.__pwned = 3">', '${7*7}{{7*7}}'];

const bytes = (text: string, mode: WireBytes['mode'] = 'text'): WireBytes => ({ id: Buffer.from(text).toString('base64'), mode, text, bytes: Buffer.byteLength(text) });
const header = (type: string, extra: Partial<WireHeader> = {}): WireHeader => ({ type, ttlMs: null, readAt: 0, ...extra });
const viewMessage = (view: WireView, readOnly = false): ViewMessage => ({ type: 'view', connection: { name: 'local <b>dev</b>', readOnly }, db: 0, view });
const paging = { page: 1, hasPrevious: false, hasNext: true, match: '' };

function hashView(rows: [string, string][], key = 'user:1'): WireView {
  return { kind: 'hash', key: bytes(key), header: header('hash', { size: rows.length, encoding: 'listpack', ttlMs: 90_000 }), rows: rows.map(([f, v]) => ({ field: bytes(f), value: bytes(v) })), paging };
}

describe('key editor webview (headless Chromium, real CSP)', function () {
  let server: Awaited<ReturnType<typeof serveWebview>>;
  let view: WebviewPage;

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
  beforeEach(async () => {
    view = await openWebview(server.origin);
  });
  afterEach(async () => {
    const problems = await view.problems();
    await view.close();
    assert.deepEqual(problems, [], 'no CSP violation and no page error');
  });

  it('asks the host for its view when it loads, and shows it', async () => {
    assert.deepEqual(await view.posted(), [{ type: 'ready' }]);
    await view.send(viewMessage(hashView([['name', 'ada'], ['plan', 'pro']])));
    await view.page.locator('table.values').waitFor();
    const cells = await view.page.$$eval('table.values tbody td:not(.actions)', (nodes) => nodes.map((n) => n.textContent));
    assert.deepEqual(cells, ['name', 'ada', 'plan', 'pro']);
    assert.equal(await view.page.textContent('.type-badge'), 'Hash');
    assert.match((await view.page.textContent('.facts')) ?? '', /TTL1m 30s|TTL1m 29s/);
    assert.match((await view.page.textContent('.facts')) ?? '', /Encodinglistpack.*Size2 fields/);
  });

  it('renders hostile names and values as text, never as markup', async () => {
    const rows = HOSTILE.map((h, i): [string, string] => [h, HOSTILE[(i + 1) % HOSTILE.length]]);
    await view.send(viewMessage(hashView(rows, HOSTILE[0])));
    await view.send({ type: 'notice', level: 'error', text: HOSTILE[1] });
    await view.page.locator('.notice.error').waitFor();
    const texts = await view.page.$$eval('table.values tbody .cell-text', (nodes) => nodes.map((n) => n.textContent));
    assert.deepEqual(texts, rows.flat());
    assert.equal(await view.page.textContent('.key-name'), HOSTILE[0]);
    assert.equal(await view.page.textContent('.notice'), HOSTILE[1]);
    assert.equal(await view.page.textContent('.where'), 'local <b>dev</b> · db0');
    const injected = await view.page.evaluate(() => ({ images: document.querySelectorAll('img, svg, b, script:not([src])').length, pwned: window.__pwned }));
    assert.deepEqual(injected, { images: 0, pwned: undefined });
  });

  it('turns an edit into one typed message, and asks twice before a delete', async () => {
    await view.send(viewMessage(hashView([['name', 'ada']])));
    await view.page.click('button[aria-label="Edit field"]');
    await view.page.fill('tr.editing textarea[aria-label="Value"]', 'grace');
    await view.page.click('button[aria-label="Save field"]');
    // The host answers a save with the new view, which ends the editing.
    await view.send(viewMessage(hashView([['name', 'grace']])));
    await view.page.click('button[aria-label="Delete field"]');
    assert.equal((await view.posted()).filter((m) => m.type === 'edit').length, 1, 'the first click on Delete only asks');
    await view.page.click('button[aria-label="Confirm: Delete field"]');
    const edits = (await view.posted()).filter((m) => m.type === 'edit').map((m) => m.edit);
    assert.deepEqual(edits, [
      { op: 'hashSet', field: { text: 'name', mode: 'text' }, value: { text: 'grace', mode: 'text' }, original: bytes('name').id },
      { op: 'hashDelete', field: bytes('name').id },
    ]);
  });

  it('offers no way to write on a read-only connection', async () => {
    await view.send(viewMessage(hashView([['name', 'ada']]), true));
    await view.page.locator('table.values').waitFor();
    assert.equal(await view.page.locator('button[aria-label="Edit field"], button[aria-label="Delete field"]').count(), 0);
    assert.equal(await view.page.locator('button', { hasText: '+ Add field' }).count(), 0);
    for (const action of ['Rename the key (asks before replacing another key)', 'Set the time to live', 'Delete the key (asks first)']) {
      assert.ok(await view.page.locator(`button[aria-label="${action}"]`).isDisabled(), action);
    }
    assert.equal(await view.page.textContent('.badge'), 'read-only');
  });

  it('shows binary strings escaped, pages large ones, and sends Edit in Editor to the host', async () => {
    const binary: WireView = { kind: 'string', key: bytes('blob'), header: header('string', { size: 3 }), format: 'binary', text: '\\x00\\xffA', offset: 0, length: 3, complete: true, hex: false };
    await view.send(viewMessage(binary));
    assert.equal(await view.page.textContent('pre.string-value'), '\\x00\\xffA');
    await view.page.click('button:has-text("Show hex dump")');
    await view.page.click('button:has-text("Edit in Editor")');
    const large: WireView = { kind: 'string', key: bytes('big'), header: header('string', { size: 50_000_000 }), format: 'text', text: 'x'.repeat(100), offset: 0, length: 1_048_576, complete: false, hex: false };
    await view.send(viewMessage(large));
    await view.page.locator('.string-info', { hasText: 'Bytes 0–1,048,575 of 50,000,000' }).waitFor();
    assert.equal(await view.page.locator('button:has-text("Edit in Editor")').count(), 0, `a partial value cannot be edited: ${(await view.page.locator('button').allTextContents()).join(', ')}`);
    assert.ok(await view.page.locator('button:has-text("Previous bytes")').isDisabled());
    await view.page.click('button:has-text("Next bytes")');
    const posted = (await view.posted()).filter((m) => m.type !== 'ready');
    assert.deepEqual(posted, [
      { type: 'hex', on: true },
      { type: 'keyAction', action: 'editValue' },
      { type: 'page', direction: 'next' },
    ]);
  });

  it('shows a HyperLogLog as its estimated count, with one number format for counts, indexes and sizes', async () => {
    const hll: WireView = { kind: 'hll', key: bytes('visitors'), header: header('string', { size: 12_304, memoryBytes: 1_033_288 }), count: 1_234_567, representation: 'dense' };
    await view.send(viewMessage(hll));
    await view.page.locator('.hll-number').waitFor();
    assert.equal(await view.page.textContent('.hll-number'), '≈ 1,234,567');
    assert.equal(await view.page.textContent('.type-badge'), 'HyperLogLog');
    assert.match((await view.page.textContent('.facts')) ?? '', /Size12.02 KB.*Memory0\.99 MB/);
    const list: WireView = { kind: 'list', key: bytes('jobs'), header: header('list', { size: 12_345 }), fromTail: false, paging: { ...paging, from: 10_000, total: 12_345 }, rows: [{ index: 10_000, value: bytes('job') }] };
    await view.send(viewMessage(list));
    await view.page.locator('table.values').waitFor();
    assert.equal(await view.page.textContent('table.values tbody td .muted'), '10,000');
    assert.match((await view.page.textContent('.pager')) ?? '', /Elements 10,001–10,001 of 12,345/);
  });

  it('takes every write action away when the key turns out to be gone', async () => {
    await view.send(viewMessage(hashView([['name', 'ada']])));
    await view.page.locator('table.values').waitFor();
    await view.send(viewMessage({ kind: 'missing', key: bytes('user:1'), note: 'user:1 does not exist (any more).' }));
    await view.page.locator('.missing').waitFor();
    assert.equal(await view.page.locator('table.values, button:has-text("+ Add")').count(), 0, 'no rows to edit and nothing to add');
    const enabled = await view.page.$$eval('button:not(:disabled)', (nodes) => nodes.map((n) => n.textContent));
    assert.deepEqual(enabled.sort(), ['Copy name', '↻ Check again', '↻ Refresh'].sort());
  });

  it('shows a cut cell with "Load full value", asks the host for it and puts the whole value in place', async () => {
    const cut: WireBytes = { id: `sha1:${'a'.repeat(40)}`, mode: 'text', text: 'x'.repeat(100), bytes: 10 * 1024 * 1024, truncated: true, ref: 'cell1' };
    const list: WireView = { kind: 'list', key: bytes('jobs'), header: header('list', { size: 1 }), fromTail: false, paging: { ...paging, from: 0, total: 1 }, rows: [{ index: 0, value: cut }] };
    await view.send(viewMessage(list));
    await view.page.click('button:has-text("Load full value (10 MB)")');
    assert.deepEqual((await view.posted()).filter((m) => m.type === 'loadFull'), [{ type: 'loadFull', ref: 'cell1' }]);
    assert.equal(await view.page.locator('button[aria-label="Edit element"]').count(), 0, 'a cut value is not edited in place');
    const whole = 'y'.repeat(200_000);
    await view.send({ type: 'fullValue', ref: 'cell1', value: { ...cut, text: whole, truncated: undefined } });
    await view.page.locator('.cell-text.full').waitFor();
    assert.equal(await view.page.textContent('.cell-text.full'), whole);
    assert.equal(await view.page.locator('button.load-full').count(), 0);
  });

  it('shows the header of a key being opened while its first page is read', async () => {
    await view.send(viewMessage({ kind: 'loading', key: bytes('user:1'), header: header('hash', { size: 2_500, ttlMs: 90_000 }) }));
    await view.page.locator('.loading', { hasText: 'Reading the first page…' }).waitFor();
    assert.equal(await view.page.textContent('.type-badge'), 'Hash');
    assert.match((await view.page.textContent('.facts')) ?? '', /Size2,500 fields/);
  });
});
