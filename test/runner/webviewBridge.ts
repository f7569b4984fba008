import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FrameLocator, Page } from 'playwright-core';

/**
 * Lets host tests act on a webview page as a user would. The extension host cannot reach the
 * page (it lives in the workbench, in Chromium); this runner can, through Playwright. A host test
 * sends one action per request to `REDIS_SPECIALIST_WEBVIEW_BRIDGE` (test/host/webviewPage.ts):
 * read the text of an element, click it, or type into it — in the webview page in front.
 */
export interface WebviewAction {
  action: 'text' | 'click' | 'fill' | 'select' | 'check' | 'waitFor' | 'gone' | 'count' | 'diagnose';
  /** A Playwright selector inside the page (`css`, `role=button[name="Save field"]`, `text=…`). */
  selector: string;
  /** Only elements whose text contains this (a regular expression's source when `hasTextRegExp`). */
  hasText?: string;
  hasTextRegExp?: boolean;
  /** What `fill` types, or the option `select` chooses. */
  value?: string;
  timeoutMs?: number;
}

export interface WebviewBridge {
  url: string;
  attach(page: Page): void;
  close(): Promise<void>;
}

/** The page of the webview in front: VS Code nests each webview in two iframes. */
function frontWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
}

/** Console lines and page errors of the workbench and its webview frames, the newest last. */
const recentConsole: string[] = [];

/** What a stalled webview looks like: the webview iframes and the frames, with the recent console. */
async function diagnose(page: Page): Promise<string> {
  const iframes = await page.locator('iframe.webview').evaluateAll((nodes) =>
    nodes.map((n) => `${n.className} visible=${(n as unknown as { offsetParent: unknown }).offsetParent !== null} src=${(n.getAttribute('src') ?? '').slice(0, 160)}`),
  );
  const frames = page.frames().map((f) => `${f.name() || '-'} ${f.url().slice(0, 160)}`);
  return ['webview iframes:', ...iframes, 'frames:', ...frames, 'console:', ...recentConsole.slice(-40)].join('\n');
}

async function perform(page: Page, request: WebviewAction): Promise<string | undefined> {
  if (request.action === 'diagnose') return diagnose(page);
  const hasText = request.hasText === undefined ? undefined : request.hasTextRegExp ? new RegExp(request.hasText) : request.hasText;
  const all = frontWebview(page).locator(request.selector, hasText === undefined ? {} : { hasText });
  const target = all.first();
  const timeout = request.timeoutMs ?? 15_000;
  if (request.action === 'count') return String(await all.count());
  if (request.action === 'gone') {
    await target.waitFor({ state: 'detached', timeout });
    return undefined;
  }
  await target.waitFor({ timeout });
  switch (request.action) {
    case 'text':
      return (await target.innerText({ timeout })).replace(/\u00a0/g, ' ');
    case 'click':
      await target.click({ timeout });
      return undefined;
    case 'fill':
      await target.fill(request.value ?? '', { timeout });
      return undefined;
    case 'select':
      await target.selectOption(request.value ?? '', { timeout });
      return undefined;
    case 'check':
      await target.check({ timeout });
      return undefined;
    case 'waitFor':
      return undefined;
  }
}

export async function startWebviewBridge(): Promise<WebviewBridge> {
  let page: Page | undefined;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const reply = (status: number, payload: object): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (!page) return reply(503, { error: 'The workbench page is not open yet.' });
      perform(page, JSON.parse(body) as WebviewAction).then(
        (text) => reply(200, { text }),
        // A failed action says what the webview frames looked like (a page that never started shows as a pending frame).
        async (error: unknown) => reply(500, { error: `${error instanceof Error ? error.message : String(error)}\n${await diagnose(page as Page).catch(() => '')}` }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    attach: (p) => {
      page = p;
      const remember = (line: string): void => {
        recentConsole.push(line.slice(0, 300));
        if (recentConsole.length > 200) recentConsole.shift();
      };
      p.on('console', (m) => remember(`${m.type()} ${m.location().url.slice(0, 80)}: ${m.text()}`));
      p.on('pageerror', (e) => remember(`pageerror: ${e.message}`));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
