import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildSync } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../scripts/lib/browser';
import { THEMES, type ThemeName } from './themes';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * Builds the page bundles once per run, with the options esbuild.mjs gives them (browser IIFE,
 * es2022). Only the pages: a page test must not depend on the extension's bundle building.
 */
let built = false;
export function buildBundles(): void {
  if (built) return;
  const pages = { dashboard: 'src/webview/dashboard/main.ts', keyEditor: 'src/webview/keyEditor/main.ts', memory: 'src/webview/memory/main.ts' };
  buildSync({ absWorkingDir: repoRoot, bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: true, logLevel: 'warning', entryPoints: pages, outdir: 'dist/webview', loader: { '.css': 'css' } });
  built = true;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.html': 'text/html' };

/**
 * Serves a webview page as VS Code would show it: the given HTML (with its CSP meta tag) at `/`,
 * and files only from dist/ and media/ (the panel's localResourceRoots).
 */
export async function serveWebview(html: (origin: string) => string): Promise<{ origin: string; close(): Promise<void> }> {
  let origin = '';
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html(origin));
      return;
    }
    const file = path.normalize(path.join(repoRoot, decodeURIComponent(url.pathname)));
    const allowed = ['dist', 'media'].some((root) => file.startsWith(path.join(repoRoot, root) + path.sep));
    try {
      if (!allowed) throw new Error('outside the resource roots');
      const body = readFileSync(file);
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface WebviewPage {
  page: Page;
  /** Delivers a message to the page as the host's `webview.postMessage` does. */
  send(message: unknown): Promise<void>;
  /** Messages the page posted to the host through the stub `acquireVsCodeApi`. */
  posted(): Promise<{ type: string; [key: string]: unknown }[]>;
  /** CSP violations and uncaught page errors so far: a correct page has none. */
  problems(): Promise<string[]>;
  setTheme(theme: ThemeName): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs in the page before its scripts: the stub `acquireVsCodeApi` records what the page posts,
 * CSP violations are collected, and VS Code's theme is applied (variables on <html>, the theme
 * kind as a <body> class) as soon as those elements exist, before the page's own script runs.
 */
const STUB_SCRIPT = String.raw`function (themes) {
  var posted = [];
  var violations = [];
  var state;
  var current = 'dark';
  window.__posted = posted;
  window.__cspViolations = violations;
  window.acquireVsCodeApi = function () {
    return {
      postMessage: function (message) { posted.push(JSON.parse(JSON.stringify(message))); },
      getState: function () { return state; },
      setState: function (next) { state = next; },
    };
  };
  document.addEventListener('securitypolicyviolation', function (e) { violations.push(e.violatedDirective + ' ' + e.blockedURI); });
  function apply() {
    var theme = themes[current];
    if (document.documentElement) {
      for (var key in theme.vars) document.documentElement.style.setProperty(key, theme.vars[key]);
    }
    if (document.body) {
      document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast');
      document.body.classList.add(theme.bodyClass);
      return true;
    }
    return false;
  }
  window.__applyTheme = function (name) { current = name; apply(); };
  if (!apply()) {
    var observer = new MutationObserver(function () { if (apply()) observer.disconnect(); });
    observer.observe(document, { childList: true, subtree: true });
  }
}`;

// Used only inside page.evaluate (the browser's global); this Node file has no DOM lib.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;

let browser: Browser | undefined;

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

/** Opens a page with a stub `acquireVsCodeApi` and VS Code's theme variables, before any page script runs. */
export async function openWebview(url: string, options: { theme?: ThemeName; viewport?: { width: number; height: number } } = {}): Promise<WebviewPage> {
  browser ??= await launchChromium();
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // A string, not a function: the test runner's transpiler would add helpers the page does not have.
  await page.addInitScript(`(${STUB_SCRIPT})(${JSON.stringify(THEMES)});`);
  await page.goto(url);
  if (options.theme && options.theme !== 'dark') await page.evaluate((name) => window.__applyTheme(name), options.theme);
  return {
    page,
    send: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
    posted: () => page.evaluate(() => window.__posted as { type: string }[]),
    problems: async () => [...(await page.evaluate(() => window.__cspViolations as string[])), ...errors.map((e) => `page error: ${e}`)],
    setTheme: (name) => page.evaluate((n) => window.__applyTheme(n), name),
    close: () => context.close(),
  };
}
