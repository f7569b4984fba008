import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from '../../scripts/lib/browser';
import { startCodeServer } from '../../scripts/lib/codeServer';
import { startWebviewBridge } from './webviewBridge';

/**
 * Runs a test module (exporting `run(): Promise<void>`) inside the real VS Code extension host
 * of code-server, the way @vscode/test-electron does on a desktop: the workbench is opened in
 * headless Chromium with extensionDevelopmentPath/extensionTestsPath in the URL's payload, and
 * the workbench reports the result through `codeAutomationExit`.
 */
export interface ExtensionHostRunOptions {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  /** A folder copied to a temp dir and opened as the workspace. */
  workspaceTemplate: string;
  timeoutMs: number;
  env?: Record<string, string>;
}

export async function runInExtensionHost(options: ExtensionHostRunOptions): Promise<number> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'redis-specialist-ws-'));
  if (existsSync(options.workspaceTemplate)) cpSync(options.workspaceTemplate, workspace, { recursive: true });
  const resultsFile = path.join(workspace, '..', `${path.basename(workspace)}-results.txt`);
  const logFile = path.join(workspace, '..', `${path.basename(workspace)}-code-server.log`);
  // Host tests act on webview pages through this runner's Playwright page (test/host/webviewPage.ts).
  const bridge = await startWebviewBridge();
  const server = await startCodeServer({ env: { ...options.env, REDIS_SPECIALIST_TEST_RESULTS: resultsFile, REDIS_SPECIALIST_WEBVIEW_BRIDGE: bridge.url }, logFile });
  const browser = await launchChromium();
  let printed = 0;
  const printResults = (): void => {
    if (!existsSync(resultsFile)) return;
    const text = readFileSync(resultsFile, 'utf8');
    process.stdout.write(text.slice(printed));
    printed = text.length;
  };
  const ticker = setInterval(printResults, 500);
  try {
    const page = await browser.newPage();
    bridge.attach(page);
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      if (process.env.REDIS_SPECIALIST_HOST_LOG) console.log(`[host ${type}]`, ...args);
    });
    const authority = `127.0.0.1:${server.port}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${authority}${options.extensionDevelopmentPath}`],
      ['extensionTestsPath', `vscode-remote://${authority}${options.extensionTestsPath}`],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        console.error(`The extension host test run did not finish within ${options.timeoutMs / 1000} s.`);
        resolve(124);
      }, options.timeoutMs);
    });
    const code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    printResults();
    if (code !== 0 && !existsSync(resultsFile)) {
      console.error(`No test results were written. code-server log tail:\n${existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '(none)'}`);
    }
    return code;
  } finally {
    clearInterval(ticker);
    await browser.close().catch(() => undefined);
    await server.stop();
    await bridge.close();
  }
}
