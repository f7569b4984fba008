import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSlowlog } from '../../src/core/redis/server/slowlog';
import { WEBVIEW_PAGES, webviewPageHtml } from '../../src/webviewPanel/webviewPages';
import { ALL_NODES, type DashboardNodeOption, type InitMessage, type MetricSample, type NodeTickOk, type TickMessage } from '../../src/core/protocol/dashboard';
import { buildBundles, closeBrowser, openWebview, repoRoot, serveWebview, type WebviewPage } from './support/webviewHarness';

// The callbacks given to page.evaluate run in the browser; this file is type-checked without the
// DOM lib (it is Node code), so the page's globals are declared here, for this file only.
/* eslint-disable @typescript-eslint/no-explicit-any -- the browser's globals, used only inside page.evaluate */
declare const document: any;
declare const window: any;
declare const getComputedStyle: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Real poller output recorded from fixture servers by test/fixtures/dashboard/record.ts. */
interface Session {
  nodes: DashboardNodeOption[];
  ticks: TickMessage[];
}
const session = (name: string): Session => JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/dashboard', `session-${name}.json`), 'utf8')) as Session;
const standalone = session('standalone');
const cluster = session('cluster');
const screenshots = path.join(repoRoot, 'test-results', 'screenshots');

/** The init message the host sends for the first `historyTicks` ticks of a session. */
function initFor(s: Session, historyTicks: number, overrides: Partial<InitMessage> = {}): InitMessage {
  const history: Record<string, MetricSample[]> = {};
  for (const tick of s.ticks.slice(0, historyTicks)) {
    for (const node of tick.nodes) if (node.ok) (history[node.nodeId] ??= []).push(node.sample);
  }
  return { type: 'init', connection: { id: 'conn-1', name: 'local dev', readOnly: false }, state: 'connected', nodes: s.nodes, intervalMs: 250, windowSize: 240, history, ...overrides };
}

async function play(view: WebviewPage, s: Session, historyTicks = 50, init: Partial<InitMessage> = {}): Promise<void> {
  await view.send(initFor(s, historyTicks, init));
  for (const tick of s.ticks.slice(historyTicks)) await view.send(tick);
}

/** The last tick of a node in a recorded session (recorded in full: every slowlog is there). */
const lastOk = (s: Session, nodeId: string): NodeTickOk => {
  const node = s.ticks.at(-1)?.nodes.find((n) => n.nodeId === nodeId);
  assert.ok(node?.ok && node.slowlog);
  return { ...node, slowlog: node.slowlog };
};

/** Texts of one column of the slowlog table, top to bottom. */
function column(view: WebviewPage, table: 'Slow log' | 'Command statistics', id: string): Promise<string[]> {
  return view.page.$$eval(`section[aria-label="${table}"] tbody td[data-column="${id}"]`, (cells) => cells.map((c) => c.textContent ?? ''));
}

describe('dashboard webview (headless Chromium, real CSP)', function () {
  let server: Awaited<ReturnType<typeof serveWebview>>;
  let view: WebviewPage;

  before(async () => {
    buildBundles();
    server = await serveWebview((origin) =>
webviewPageHtml(WEBVIEW_PAGES.dashboard, origin, (file) => `${origin}/${file}`),
    );
    mkdirSync(screenshots, { recursive: true });
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

  it('asks the host for its state when it loads', async () => {
    await view.page.waitForSelector('#app .top');
    assert.deepEqual(await view.posted(), [{ type: 'ready' }]);
  });

  it('draws every chart from recorded samples, in the theme\'s chart colours', async () => {
    await play(view, standalone);
    await view.page.waitForFunction(() => document.querySelectorAll('figure[data-chart] canvas').length === 5);
    const coloured = await view.page.evaluate(() => {
      const target = getComputedStyle(document.documentElement).getPropertyValue('--vscode-charts-blue').trim();
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(target.slice(i, i + 2), 16));
      return [...document.querySelectorAll('figure[data-chart]')].map((figure) => {
        const canvas = figure.querySelector('canvas');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] > 200 && Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 60) count++;
        }
        return [figure.dataset.chart, count] as const;
      });
    });
    assert.deepEqual(coloured.map(([id]) => id), ['ops', 'memory', 'clients', 'hits', 'network']);
    for (const [id, count] of coloured) assert.ok(count > 150, `chart ${id} has a drawn series (${count} px)`);
  });

  it('breaks the ops line across ticks missing from the history instead of bridging them', async () => {
    const nodeId = standalone.nodes[0].id;
    const base = standalone.ticks.map((t) => t.nodes.find((n) => n.nodeId === nodeId)).find((n) => n?.ok);
    assert.ok(base?.ok);
    // Ten seconds of samples, a 30 s outage the host history simply lacks, ten more seconds.
    const times = [...Array.from({ length: 11 }, (_, i) => i * 1000), ...Array.from({ length: 11 }, (_, i) => 40_000 + i * 1000)];
    const history = { [nodeId]: times.map((t) => ({ ...base.sample, t: 1_700_000_000_000 + t, opsPerSec: 100 })) };
    await view.send(initFor(standalone, 0, { history, intervalMs: 1000, windowSize: 300 }));
    await view.page.waitForFunction(() => document.querySelectorAll('figure[data-chart] canvas').length === 5);
    const strokeInMiddle = await view.page.evaluate(() => {
      const target = getComputedStyle(document.documentElement).getPropertyValue('--vscode-charts-blue').trim();
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(target.slice(i, i + 2), 16));
      const canvas = document.querySelector('figure[data-chart="ops"] canvas');
      // The middle fifth of the canvas lies inside the outage (x from 20 % to 80 % of the plot).
      const x0 = Math.floor(canvas.width * 0.4);
      const data = canvas.getContext('2d').getImageData(x0, 0, Math.floor(canvas.width * 0.2), canvas.height).data;
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 200 && Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 60) count++;
      }
      return count;
    });
    assert.equal(strokeInMiddle, 0, 'no line drawn across the outage');
  });

  it('shows the header of the selected node, with TTL coverage per database', async () => {
    await play(view, standalone);
    const node = lastOk(standalone, standalone.nodes[0].id);
    const header = await view.page.textContent('section.header');
    assert.ok(header?.includes(node.snapshot.version));
    assert.ok(header?.includes('standalone'));
    assert.ok(header?.includes('noeviction'));
    const db0 = await view.page.$$eval('table.keyspace tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    const { keys, expires, ttlCoverage } = node.snapshot.keyspace[0];
    assert.equal(db0[0][0], 'db0');
    assert.equal(Number(db0[0][1]?.replace(/\D/g, '')), keys);
    assert.equal(Number(db0[0][2]?.replace(/\D/g, '')), expires);
    assert.ok(db0[0][3]?.includes(String(Math.round(ttlCoverage * 100))));
  });

  it('lists the slowlog newest first and sorts it by any column', async () => {
    await play(view, standalone);
    const entries = lastOk(standalone, standalone.nodes[0].id).slowlog;
    assert.ok(entries.length >= 4, 'the recording has slow commands');
    const ids = (): Promise<number[]> => column(view, 'Slow log', 'id').then((c) => c.map(Number));
    const newestFirst = [...entries].sort((a, b) => b.time - a.time || b.id - a.id).map((e) => e.id);
    assert.deepEqual(await ids(), newestFirst);

    await view.page.click('section[aria-label="Slow log"] button[data-sort="duration"]');
    assert.deepEqual(await ids(), [...entries].sort((a, b) => b.durationUsec - a.durationUsec).map((e) => e.id));
    assert.equal(await view.page.getAttribute('section[aria-label="Slow log"] th:has(button[data-sort="duration"])', 'aria-sort'), 'descending');
    await view.page.click('section[aria-label="Slow log"] button[data-sort="duration"]');
    assert.deepEqual(await ids(), [...entries].sort((a, b) => a.durationUsec - b.durationUsec).map((e) => e.id));
    await view.page.click('section[aria-label="Slow log"] button[data-sort="id"]');
    assert.deepEqual(await ids(), [...entries].sort((a, b) => b.id - a.id).map((e) => e.id));
    // The chosen order survives the next tick, and a tick without a slowlog means "unchanged".
    await view.send(standalone.ticks.at(-1));
    assert.deepEqual(await ids(), [...entries].sort((a, b) => b.id - a.id).map((e) => e.id));
    const last = standalone.ticks.at(-1) as TickMessage;
    await view.send({ ...last, nodes: last.nodes.map((n) => (n.ok ? { ...n, slowlog: undefined } : n)) });
    assert.deepEqual(await ids(), [...entries].sort((a, b) => b.id - a.id).map((e) => e.id));
  });

  it('shows the slowlog settings, copies through the host and asks the host to reset', async () => {
    await play(view, standalone);
    assert.match((await view.page.textContent('.slowlog-settings')) ?? '', /slower than 5 ms, keeping the last 128/);
    await view.page.click('section[aria-label="Slow log"] tbody tr:first-child button:text("Copy")');
    await view.page.click('button:text("Reset slowlog")');
    const first = [...lastOk(standalone, standalone.nodes[0].id).slowlog].sort((a, b) => b.time - a.time || b.id - a.id)[0];
    assert.deepEqual((await view.posted()).slice(1), [
      { type: 'copy', text: first.commandLine },
      { type: 'resetSlowlog', nodeId: standalone.nodes[0].id },
    ]);
  });

  it('disables the reset on a read-only connection', async () => {
    await play(view, standalone, 50, { connection: { id: 'c', name: 'prod', readOnly: true } });
    assert.equal(await view.page.isDisabled('button:text("Reset slowlog")'), true);
  });

  it('ranks command stats by calls or by time', async () => {
    await play(view, standalone);
    const stats = lastOk(standalone, standalone.nodes[0].id).commandStats;
    assert.deepEqual(await column(view, 'Command statistics', 'command'), [...stats].sort((a, b) => b.calls - a.calls).map((s) => s.command).slice(0, 15));
    await view.page.click('button:text("By time")');
    assert.deepEqual(await column(view, 'Command statistics', 'command'), [...stats].sort((a, b) => b.usec - a.usec).map((s) => s.command).slice(0, 15));
    assert.equal(await view.page.getAttribute('button:text("By time")', 'aria-pressed'), 'true');
    await view.page.click('button:text("Refresh")');
    assert.deepEqual((await view.posted()).at(-1), { type: 'refresh' });
  });

  it('offers every cluster node and the merged view, and remembers the choice', async () => {
    await play(view, cluster, 10);
    const options = await view.page.$$eval('select[aria-label="Node"] option', (o) => o.map((x) => [x.getAttribute('value'), x.textContent]));
    assert.deepEqual(options, cluster.nodes.map((n) => [n.id, n.label]));
    assert.match((await view.page.textContent('section.header')) ?? '', /3 masters, 3 replicas/);
    const replica = cluster.nodes.find((n) => n.label.endsWith('(replica)'));
    assert.ok(replica);
    await view.page.selectOption('select[aria-label="Node"]', replica.id);
    assert.match((await view.page.textContent('section.header')) ?? '', /replica/);
    assert.match((await view.page.textContent('section.header')) ?? '', /Link\s*up/);
    assert.deepEqual(await view.page.evaluate(() => window.acquireVsCodeApi().getState()), { connectionId: 'conn-1', selectedNode: replica.id });
    // The merged slowlog says which node logged each entry.
    await view.page.selectOption('select[aria-label="Node"]', ALL_NODES);
    assert.ok((await view.page.$$('section[aria-label="Slow log"] button[data-sort="node"]')).length === 1);
  });

  it('shows a banner while the connection is down and hides it when it is back', async () => {
    await play(view, standalone);
    assert.equal(await view.page.isVisible('.banner'), false);
    await view.send({ type: 'connectionState', state: 'disconnected', message: 'Connection is closed.' });
    assert.match((await view.page.textContent('.banner')) ?? '', /Disconnected\. Connection is closed\. Polling resumes/);
    const nodeId = standalone.nodes[0].id;
    await view.send({ type: 'connectionState', state: 'connected' });
    await view.send({ type: 'tick', t: Date.now(), nodes: [{ nodeId, ok: false, error: 'INFO got no reply within 5000 ms.' }] });
    assert.match((await view.page.textContent('.banner')) ?? '', /INFO got no reply within 5000 ms/);
    await view.send(standalone.ticks.at(-1));
    assert.equal(await view.page.isVisible('.banner'), false);
  });

  it('renders a hostile corpus literally and executes none of it', async () => {
    const corpus = [
      Buffer.from('<script>window.__pwned=1</script>'),
      Buffer.from('<img src=x onerror="window.__pwned=1">'),
      Buffer.from('javascript:window.__pwned=1'),
      Buffer.from(`"'><svg onload=window.__pwned=1>`),
      Buffer.from('tab\tnul\x00esc\x1b[31m\r\n'),
      Buffer.from([0xff, 0xfe, 0x3c, 0x62, 0x3e, 0xc3]),
      Buffer.from('\u202Egnp.exe'),
      Buffer.from('&lt;b&gt;&amp;'),
      Buffer.from(`<img src=x onerror="window.__pwned=1">${'<i>'.repeat(100)}`),
    ];
    const slowlog = parseSlowlog(
      corpus.map((key, i) => [100 + i, 1_700_000_000 + i, 1000 * (i + 1), [Buffer.from('SET'), key, Buffer.from('<b>v</b>')], Buffer.from('127.0.0.1:6000'), Buffer.from('<img/src=x/onerror=window.__pwned=1>')]),
    );
    // Two of the expected displays, spelled out rather than computed.
    assert.equal(slowlog[1].commandLine, 'SET "<img src=x onerror=\\"window.__pwned=1\\">" <b>v</b>');
    assert.equal(slowlog[5].commandLine, 'SET "\\xff\\xfe<b>\\xc3" <b>v</b>');
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const base = lastOk(standalone, standalone.nodes[0].id);
    const snapshot = { ...base.snapshot, version: '<script>window.__pwned=1</script>', maxMemoryPolicy: 'javascript:window.__pwned=1' };
    const commandStats = corpus.map((key, i) => ({ command: key.toString('latin1'), calls: 100 - i, usec: 10, usecPerCall: 0.1, rejectedCalls: 0, failedCalls: 0 }));
    await view.send({
      type: 'init',
      connection: { id: 'c', name: '<script>window.__pwned=1</script>', readOnly: false },
      state: 'connected',
      nodes: [{ id: ALL_NODES, label: 'All' }, { id: 'n1', label: hostile }, { id: 'n2', label: '<script>window.__pwned=1</script>' }],
      intervalMs: 1000,
      windowSize: 60,
      history: {},
    } satisfies InitMessage);
    await view.send({
      type: 'tick',
      t: Date.now(),
      nodes: [
        { ...base, nodeId: ALL_NODES, snapshot, commandStats, slowlog: slowlog.map((e) => ({ ...e, nodeId: hostile })) },
        { ...base, nodeId: 'n1', snapshot, commandStats, slowlog },
        { nodeId: 'n2', ok: false, error: hostile },
      ],
    } satisfies TickMessage);
    await view.send({ type: 'notice', level: 'error', text: hostile });
    // Expand the long entry: the whole text is shown, still as text.
    await view.page.click('section[aria-label="Slow log"] button.expand');
    await view.page.waitForTimeout(300); // an injected <img onerror> would have fired by now

    const report = await view.page.evaluate(() => {
      const app = document.getElementById('app');
      return {
        pwned: window.__pwned,
        dangerous: app.querySelectorAll('script, img, svg, iframe, object, embed, a, b, i').length,
        handlers: [...app.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
        commands: [...app.querySelectorAll('section[aria-label="Slow log"] td[data-column="command"] .cmd-text')].map((c) => c.textContent),
        nodes: [...app.querySelectorAll('section[aria-label="Slow log"] td[data-column="node"]')].map((c) => c.textContent),
        clients: [...app.querySelectorAll('section[aria-label="Slow log"] .client-name')].map((c) => c.textContent),
        commandNames: [...app.querySelectorAll('section[aria-label="Command statistics"] td[data-column="command"]')].map((c) => c.textContent),
        title: document.querySelector('h1')?.textContent,
        options: [...app.querySelectorAll('select option')].map((o) => o.textContent),
        banner: document.querySelector('.banner')?.textContent,
        notice: document.querySelector('.notice span')?.textContent,
        header: document.querySelector('section.header')?.textContent,
      };
    });
    assert.equal(report.pwned, undefined);
    assert.equal(report.dangerous, 0);
    assert.deepEqual(report.handlers, []);
    const expanded = slowlog.find((e) => e.commandLine.length > 80);
    assert.ok(expanded);
    assert.deepEqual(
      [...report.commands].sort(),
      slowlog.map((e) => (e === expanded || e.commandLine.length <= 80 ? e.commandLine : `${Array.from(e.commandLine).slice(0, 80).join('')}…`)).sort(),
    );
    assert.ok(report.commands.includes(expanded.commandLine));
    assert.deepEqual(report.nodes, slowlog.map(() => hostile));
    assert.deepEqual(report.clients, slowlog.map(() => ' <img/src=x/onerror=window.__pwned=1>'));
    assert.deepEqual(report.commandNames, commandStats.map((s) => s.command));
    assert.equal(report.title, 'Redis dashboard: <script>window.__pwned=1</script>');
    assert.deepEqual(report.options, ['All', hostile, '<script>window.__pwned=1</script>']);
    assert.ok(report.banner?.includes(`<script>window.__pwned=1</script>: ${hostile}`));
    assert.equal(report.notice, hostile);
    assert.ok(report.header?.includes('<script>window.__pwned=1</script>') && report.header.includes('javascript:window.__pwned=1'));
  });

  for (const theme of ['dark', 'light', 'high-contrast'] as const) {
    it(`looks right in the ${theme} theme (screenshot)`, async () => {
      await view.close();
      view = await openWebview(server.origin, { theme, viewport: { width: 1280, height: 900 } });
      await play(view, standalone);
      await view.page.waitForFunction(() => document.querySelectorAll('figure[data-chart] canvas').length === 5);
      const background = await view.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, { dark: 'rgb(31, 31, 31)', light: 'rgb(255, 255, 255)', 'high-contrast': 'rgb(0, 0, 0)' }[theme]);
      await view.page.screenshot({ path: path.join(screenshots, `dashboard-${theme}.png`), fullPage: true });
    });
  }

  it('re-themes the charts when VS Code switches theme', async () => {
    await play(view, standalone);
    const axisColour = (): Promise<string> =>
      view.page.evaluate(() => {
        const canvas = document.querySelector('figure[data-chart="ops"] canvas');
        return canvas.toDataURL();
      });
    const before = await axisColour();
    await view.setTheme('light');
    await view.page.waitForFunction((old) => document.querySelector('figure[data-chart="ops"] canvas').toDataURL() !== old, before);
  });
});
