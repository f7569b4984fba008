import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/commands';
import { adminCommand } from '../fixtures/redis/admin';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension, eventually } from './extensionApi';
import { webviewPage } from './webviewPage';

/** INFO calls the server has counted (the INFO asking is counted after it ran, so each look adds one). */
async function infoCalls(server: RedisFixture): Promise<number> {
  const text = String(await adminCommand(server, ['INFO', 'commandstats']));
  return Number(/cmdstat_info:calls=(\d+)/.exec(text)?.[1] ?? 0);
}

/** Counts the INFO calls others make on a server between two looks. */
async function infoCounter(server: RedisFixture): Promise<() => Promise<number>> {
  const start = await infoCalls(server);
  let looks = 1;
  return async () => (await infoCalls(server)) - start - looks++;
}

function dashboardTab(title: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === title);
}

describe('dashboard: the extension polls a real server through a saved connection', function () {
  this.timeout(120_000);
  let watched: RedisFixture;
  let control: RedisFixture;
  const ids: string[] = [];
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('redisSpecialist');

  before(async () => {
    await activateExtension();
    await settings().update('dashboard.intervalMs', 250, vscode.ConfigurationTarget.Global);
    [watched, control] = await Promise.all([startStandalone(), startStandalone()]);
    ids.push(await vscode.commands.executeCommand<string>(Commands.addConnection, { url: watched.url, name: 'Watched' }));
    ids.push(await vscode.commands.executeCommand<string>(Commands.addConnection, { url: control.url, name: 'Control' }));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const id of ids) await vscode.commands.executeCommand(Commands.removeConnection, id);
    await settings().update('dashboard.intervalMs', undefined, vscode.ConfigurationTarget.Global);
    await Promise.all([watched?.stop(), control?.stop()]);
  });

  /**
   * "Nothing arrives" is measured against a visible dashboard on another server polling at the same
   * interval: while it polls `ticks` times, a stopped dashboard would have polled as often.
   */
  async function assertNoPollsWhile(server: RedisFixture, ticks: number, what: string): Promise<void> {
    const controlCalls = await infoCounter(control);
    // A tick already in flight when the panel hid or closed may still land: start after the next control tick.
    await eventually(async () => ((await controlCalls()) >= 1 ? true : undefined), 'a tick of the control dashboard');
    const calls = await infoCounter(server);
    const controlTicks = await infoCounter(control);
    await eventually(async () => ((await controlTicks()) >= ticks ? true : undefined), `${ticks} ticks of the control dashboard`);
    assert.equal(await calls(), 0, what);
  }

  it('polls while visible, stops when hidden, resumes when shown, stops for good when closed', async () => {
    const [watchedId, controlId] = ids;
    const calls = await infoCounter(watched);
    await vscode.commands.executeCommand(Commands.openDashboard, watchedId);
    await eventually(() => dashboardTab('Redis: Watched')?.isActive, 'the dashboard tab');
    await eventually(async () => ((await calls()) >= 2 ? true : undefined), 'INFO polls from the dashboard');
    // Through the connection's own client (named by the extension): besides this test's admin connection, the only one.
    const clients = String(await adminCommand(watched, ['CLIENT', 'LIST'])).trim().split('\n').filter((line) => !/cmd=client\|list/.test(line));
    assert.ok(clients.length > 0 && clients.every((line) => / name=redis-specialist /.test(line)), clients.join('\n'));
    // The page shows what the server answered.
    const version = /redis_version:(\S+)/.exec(String(await adminCommand(watched, ['INFO', 'server'])))?.[1];
    assert.ok(version);
    // Long enough for the panel's own recovery when its page does not start (a new panel after 10 s).
    await webviewPage.waitFor('.card dd', version, 45_000);

    // The control dashboard in a second column stays visible throughout.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'column two' }), { viewColumn: vscode.ViewColumn.Two, preview: false });
    await vscode.commands.executeCommand(Commands.openDashboard, controlId);
    await eventually(() => dashboardTab('Redis: Control')?.isActive, 'the control dashboard');
    await eventually(() => dashboardTab('Redis: Watched')?.isActive, 'the watched dashboard still in front of its column');

    // Another editor in the watched dashboard's column hides it.
    const column = dashboardTab('Redis: Watched')?.group.viewColumn;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'hide the dashboard' }), { viewColumn: column, preview: false });
    await eventually(() => (dashboardTab('Redis: Watched')?.isActive === false ? true : undefined), 'the dashboard hidden');
    await assertNoPollsWhile(watched, 4, 'no INFO while hidden');

    const resumed = await infoCounter(watched);
    await vscode.commands.executeCommand(Commands.openDashboard, watchedId);
    await eventually(() => dashboardTab('Redis: Watched')?.isActive, 'the dashboard shown again');
    await eventually(async () => ((await resumed()) >= 1 ? true : undefined), 'polling resumed');
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'Redis: Watched').length, 1, 'one dashboard per connection');

    const tab = dashboardTab('Redis: Watched');
    assert.ok(tab);
    await vscode.window.tabGroups.close(tab);
    await eventually(() => (dashboardTab('Redis: Watched') ? undefined : true), 'the dashboard closed');
    await assertNoPollsWhile(watched, 4, 'no INFO once closed');
  });
});
