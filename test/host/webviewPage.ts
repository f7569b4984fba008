import type { WebviewAction } from '../runner/webviewBridge';

/**
 * The webview page in front, as a user sees and uses it: host tests read its text, click its
 * buttons and type into its fields through the runner's browser (test/runner/webviewBridge.ts), so
 * an edit travels the real way — the page's script posts the message, the panel receives it.
 */
export const webviewPage = {
  /** The text of the first element matching `selector` (waits until there is one). */
  text: (selector: string, hasText?: string | RegExp): Promise<string> => act({ action: 'text', selector, ...textFilter(hasText) }).then((t) => t ?? ''),
  click: (selector: string, hasText?: string | RegExp): Promise<unknown> => act({ action: 'click', selector, ...textFilter(hasText) }),
  fill: (selector: string, value: string): Promise<unknown> => act({ action: 'fill', selector, value }),
  /** Chooses the option with this value in a `<select>`. */
  select: (selector: string, value: string): Promise<unknown> => act({ action: 'select', selector, value }),
  check: (selector: string): Promise<unknown> => act({ action: 'check', selector }),
  /** How many elements match now (no waiting). */
  count: (selector: string, hasText?: string | RegExp): Promise<number> => act({ action: 'count', selector, ...textFilter(hasText) }).then(Number),
  /** Waits until no element matches `selector` (and `hasText`). */
  gone: (selector: string, hasText?: string | RegExp): Promise<unknown> => act({ action: 'gone', selector, ...textFilter(hasText) }),
  /** Waits until an element matching `selector` (and `hasText`) is on the page. */
  /** The webview frames and recent console of the workbench, for a test to print when a page stalls. */
  diagnose: (): Promise<string> => act({ action: 'diagnose', selector: '' }).then((t) => t ?? ''),
  waitFor: (selector: string, hasText?: string | RegExp, timeoutMs?: number): Promise<unknown> => act({ action: 'waitFor', selector, ...textFilter(hasText), ...(timeoutMs ? { timeoutMs } : {}) }),
};

function textFilter(hasText: string | RegExp | undefined): Pick<WebviewAction, 'hasText' | 'hasTextRegExp'> {
  if (hasText === undefined) return {};
  return hasText instanceof RegExp ? { hasText: hasText.source, hasTextRegExp: true } : { hasText };
}

async function act(request: WebviewAction): Promise<string | undefined> {
  const bridge = process.env.REDIS_SPECIALIST_WEBVIEW_BRIDGE;
  if (!bridge) throw new Error('No webview bridge: this test acts on a webview page and runs under `npm run test:host` (test/runner/runHostTests.ts), which provides one.');
  const response = await fetch(bridge, { method: 'POST', body: JSON.stringify(request) });
  const reply = (await response.json()) as { text?: string; error?: string };
  if (!response.ok) throw new Error(`${request.action} ${request.selector}${request.hasText ? ` (${request.hasText})` : ''} in the webview: ${reply.error ?? response.status}`);
  return reply.text;
}
