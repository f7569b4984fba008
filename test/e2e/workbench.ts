import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/browser';
import { startCodeServer, type CodeServer } from '../../scripts/lib/codeServer';

export const repoRoot = path.resolve(__dirname, '..', '..');
/**
 * Where the e2e tests save their screenshots: an ignored folder, so a test run never dirties the
 * work tree; `npm run screenshots` points it at docs/screenshots/ (which the README shows).
 */
export const screenshotDir = path.resolve(repoRoot, process.env.REDIS_SPECIALIST_SCREENSHOT_DIR ?? path.join('test-results', 'screenshots'));

export function packagedVsix(): string {
  const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const vsix = path.join(repoRoot, `redis-specialist-${version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first (npm run test:e2e does).`);
  return vsix;
}

/**
 * Pages of the workbenches now open, with their code-server's user-data folder: a failing test's
 * hook photographs them and keeps their logs (test/e2e/failureScreenshots.ts).
 */
export const openPages = new Map<Page, { userDataDir: string }>();

export interface Workbench {
  page: Page;
  server: CodeServer;
  workspace: string;
  close(): Promise<void>;
}

/**
 * code-server with the packaged VSIX installed (as a user installs it) and the workbench open in
 * headless Chromium on a fresh copy of a workspace.
 */
export async function openWorkbench(options: { workspaceTemplate?: string; settings?: Record<string, unknown>; theme?: 'dark' | 'light' } = {}): Promise<Workbench> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'redis-specialist-e2e-'));
  if (options.workspaceTemplate) cpSync(options.workspaceTemplate, workspace, { recursive: true });
  const server = await startCodeServer({
    installVsix: [packagedVsix()],
    settings: {
      'workbench.colorTheme': options.theme === 'light' ? 'Default Light Modern' : 'Default Dark Modern',
      'window.commandCenter': false,
      'chat.commandCenter.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      ...options.settings,
    },
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
    const opened = browser;
    openPages.set(page, { userDataDir: server.userDataDir });
    return {
      page,
      server,
      workspace,
      close: async () => {
        openPages.delete(page);
        await opened.close().catch(() => undefined);
        await server.stop();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
}

/** Runs a command from the command palette by its title, e.g. "Redis: Add Connection". */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Types into the open quick input (input box or pick) and accepts. */
export async function answerQuickInput(page: Page, text: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input');
  await input.waitFor({ state: 'visible' });
  const title = widget.locator('.quick-input-title');
  const step = async (): Promise<string> => ((await title.isVisible()) ? ((await title.textContent()) ?? '') : '');
  const before = await step();
  await input.fill(text);
  await page.keyboard.press('Enter');
  // A multi-step input reuses one widget: wait until this step is gone (hidden, another title, or
  // another value) so the next answer cannot land in it. A step that stays (a validation message)
  // gives up after a while and lets the caller's own assertion say what went wrong.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (!(await widget.isVisible()) || (await step()) !== before || (await input.inputValue()) !== text) return;
    await page.waitForTimeout(50);
  }
}

export async function openRedisView(page: Page): Promise<void> {
  const icon = page.locator('.activitybar .action-item a[aria-label^="Redis Specialist"]');
  await icon.waitFor({ timeout: 30_000 });
  const title = page.locator('.sidebar .composite.title .title-label', { hasText: /Redis Specialist/i });
  if (!(await title.isVisible())) await icon.click();
  await title.waitFor();
}

/** A row of the Connections tree whose label contains `text`. */
export function treeRow(page: Page, text: string) {
  return page.locator('.sidebar .monaco-list-row', { hasText: text });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.waitForTimeout(300); // let animations (progress bars, focus outlines) settle
  await page.screenshot({ path: file });
  return file;
}

/** Right-clicks a tree row and runs a context-menu entry (retrying once: Monaco menus ignore a click while they animate in). */
export async function runContextMenu(page: Page, row: ReturnType<typeof treeRow>, label: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await row.click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-item', { hasText: label }).first();
    await item.waitFor();
    await item.hover();
    await page.keyboard.press('Enter');
    const menu = page.locator('.monaco-menu');
    try {
      await menu.waitFor({ state: 'detached', timeout: 2000 });
      return;
    } catch {
      await page.keyboard.press('Escape');
    }
  }
  throw new Error(`The context menu entry "${label}" did not run`);
}
