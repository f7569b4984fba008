import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WebviewPanelHost } from '../../src/webviewPanel/webviewPanelHost';
import { WEBVIEW_PAGES, type WebviewPageAssets } from '../../src/webviewPanel/webviewPages';
import { activateExtension, EXTENSION_ID, eventually } from './extensionApi';

/**
 * A page that never starts (VS Code's webview frame sometimes runs nothing) is loaded again by its
 * host, and a page that started is left alone. The stall is made real: a page whose script does
 * not exist never posts a message, exactly like a frame that never runs its script.
 */
/** The tabs of webview panels with this title. */
const tabsOf = (title: string): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label === title);

describe('webview pages that do not start', function () {
  this.timeout(120_000);
  let extensionUri: vscode.Uri;
  let log: vscode.LogOutputChannel;
  const hosts: WebviewPanelHost<unknown, unknown>[] = [];

  before(async () => {
    await activateExtension();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    extensionUri = extension.extensionUri;
    log = vscode.window.createOutputChannel('Redis Specialist page-start test', { log: true });
  });

  after(async () => {
    for (const host of hosts) host.dispose();
    log.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  function open(page: WebviewPageAssets, startTimeoutMs: number, onMessage: () => void = () => undefined): WebviewPanelHost<unknown, unknown> {
    const panel = vscode.window.createWebviewPanel('redisSpecialist.pageStartTest', page.title, vscode.ViewColumn.Active);
    const host = new WebviewPanelHost<unknown, unknown>(panel, { extensionUri, page, name: 'Test page', log, isPageMessage: (_m): _m is unknown => true, onMessage, closesPanel: true, startTimeoutMs });
    hosts.push(host);
    return host;
  }

  it('opens a silent page in a new panel, then loads it again, and stops after two recoveries', async () => {
    const silent = { title: 'Silent page', script: 'dist/webview/does-not-exist.js', styles: [] };
    const host = open(silent, 300);
    const firstPanel = host.panel;
    await eventually(() => host.reloads === 2, 'two reloads of the silent page', 30_000);
    assert.notEqual(host.panel, firstPanel, 'the first recovery opens the page in a new panel (a new webview frame)');
    assert.equal(tabsOf('Silent page').length, 1, 'in place of the old one, not beside it');
    assert.match(host.panel.webview.html, /does-not-exist\.js/, 'the new panel shows the same page');
    // Giving up is final: no third reload however long the page stays silent (300 + 600 + 1200 ms have passed).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal(host.reloads, 2);
  });

  it('leaves a page that started alone', async () => {
    let spoke = false;
    const host = open(WEBVIEW_PAGES.keyEditor, 3000, () => (spoke = true));
    // On a busy machine the first load may be reloaded; what matters is what happens once it spoke.
    await eventually(() => spoke, 'the key editor page to post its first message', 60_000);
    const reloads = host.reloads;
    await new Promise((resolve) => setTimeout(resolve, 7000));
    assert.equal(host.reloads, reloads, 'no reload after the page spoke (its wait was 3 s)');
  });
});
