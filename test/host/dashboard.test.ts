import assert from 'node:assert/strict';
import Redis from 'ioredis';
import * as vscode from 'vscode';
import { discoverDashboardNodes } from '../../src/core/redis/server/dashboardNodes';
import type { DashboardConnectionSource } from '../../src/dashboard/dashboardConnectionSource';
import { DashboardPanels } from '../../src/dashboard/dashboardPanels';
import { adminCommand } from '../fixtures/redis/admin';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { EXTENSION_ID, eventually } from './extensionApi';

/** INFO calls the server has counted; the INFO asking is counted after it ran. */
async function infoCalls(server: RedisFixture): Promise<number> {
  const text = String(await adminCommand(server, ['INFO', 'commandstats']));
  return Number(/cmdstat_info:calls=(\d+)/.exec(text)?.[1] ?? 0);
}

/** INFO calls that arrive while `ms` pass, not counting the two INFO that measure them. */
async function infoCallsDuring(server: RedisFixture, ms: number): Promise<number> {
  const before = await infoCalls(server);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return (await infoCalls(server)) - before - 1;
}

const log: vscode.LogOutputChannel = vscode.window.createOutputChannel('Redis dashboard test', { log: true });

describe('dashboard panel in the extension host', function () {
  this.timeout(60_000);
  let server: RedisFixture;
  let client: Redis;
  let panels: DashboardPanels;
  const stateChanged = new vscode.EventEmitter<string>();

  before(async () => {
    server = await startStandalone();
    client = new Redis({ host: server.host, port: server.port, lazyConnect: true });
    await client.connect();
    const source: DashboardConnectionSource = {
      listConnections: () => [{ id: 'fixture', name: 'Fixture server', kind: 'standalone', host: server.host, port: server.port, db: 0, connectTimeoutMs: 5000, keyDelimiter: ':', readOnly: false }],
      getNodes: () => discoverDashboardNodes(client),
      isReadOnly: () => false,
      getState: () => ({ connected: client.status === 'ready' }),
      onDidChangeState: stateChanged.event,
    };
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension under development is installed');
    panels = new DashboardPanels({ extensionUri: extension.extensionUri, source, log, settings: () => ({ intervalMs: 250, windowSeconds: 60 }) });
  });
  after(async () => {
    panels?.dispose();
    client?.disconnect();
    await server?.stop();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('polls while the panel is visible, stops when hidden, resumes when shown, stops for good when closed', async () => {
    const dashboard = panels.show('fixture');
    assert.equal(dashboard.panel.title, 'Redis: Fixture server');
    assert.equal(dashboard.panel.webview.options.enableScripts, true);
    assert.deepEqual(
      dashboard.panel.webview.options.localResourceRoots?.map((u) => u.path.split('/').slice(-1)[0]),
      ['dist', 'media'],
    );
    assert.match(dashboard.panel.webview.html, /default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]{24}'/);
    await eventually(async () => (await infoCallsDuring(server, 600)) >= 1 || undefined, 'polling while visible');

    // Another editor in the same column hides the panel.
    const document = await vscode.workspace.openTextDocument({ content: 'hide the dashboard' });
    await vscode.window.showTextDocument(document, { viewColumn: dashboard.panel.viewColumn, preview: false });
    await eventually(() => !dashboard.panel.visible || undefined, 'the panel hidden');
    await new Promise((resolve) => setTimeout(resolve, 500)); // a tick in flight when it hid may still land
    assert.equal(await infoCallsDuring(server, 1500), 0, 'no INFO while hidden');

    dashboard.reveal();
    await eventually(() => dashboard.panel.visible || undefined, 'the panel shown again');
    await eventually(async () => (await infoCallsDuring(server, 600)) >= 1 || undefined, 'polling resumed');

    assert.equal(panels.show('fixture'), dashboard, 'one panel per connection');
    dashboard.panel.dispose();
    assert.equal(panels.get('fixture'), undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await infoCallsDuring(server, 1500), 0, 'no INFO once closed');
  });
});
