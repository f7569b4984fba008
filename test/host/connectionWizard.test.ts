import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/commands';
import type { RedisSpecialistApi } from '../../src/context';
import { adminCommand } from '../fixtures/redis/admin';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension } from './extensionApi';
import { QuickInputDriver } from './quickInputs';

/** Connections the server has accepted so far (INFO stats): the test before saving is one of them. */
async function connectionsReceived(server: RedisFixture): Promise<number> {
  return Number(/total_connections_received:(\d+)/.exec(String(await adminCommand(server, ['INFO', 'stats'])))?.[1] ?? 0);
}

describe('connections: Edit Connection and the test before saving, through the wizard', () => {
  let api: RedisSpecialistApi;
  let input: QuickInputDriver;
  let first: RedisFixture;
  let second: RedisFixture;
  const existing = new Set<string>();

  before(async () => {
    api = await activateExtension();
    input = new QuickInputDriver(api);
    for (const c of api.connections.list()) existing.add(c.id);
    [first, second] = await Promise.all([startStandalone(), startStandalone()]);
  });

  after(async () => {
    input?.dispose();
    for (const c of api.connections.list()) if (!existing.has(c.id)) await vscode.commands.executeCommand(Commands.removeConnection, c.id);
    await Promise.all([first?.stop(), second?.stop()]);
  });

  afterEach(() => input.reset());

  it('Save Anyway after a failed test keeps every answer, and the connection is saved unreachable', async () => {
    const adding = vscode.commands.executeCommand(Commands.addConnection);
    await input.choose(/deployment/, /Standalone/);
    await input.type(/Host and port/, '127.0.0.1:1');
    await input.type(/ACL user/, 'app');
    await input.type(/Password/, '');
    await input.type(/Database index/, '4');
    await input.pick(/Options/, (items) => items.filter((i) => i.label === 'Read-only'));
    await input.type(/Connection name/, 'Saved anyway');
    const failure = await input.choose(/failed/, /Save Anyway/);
    assert.match(String(failure.placeholder), /refused/i, 'the failure says why');
    const id = String(await adding);
    const saved = api.connections.get(id);
    assert.ok(saved);
    assert.deepEqual([saved.host, saved.port, saved.username, saved.db, saved.readOnly, saved.name], ['127.0.0.1', 1, 'app', 4, true, 'Saved anyway']);
  });

  it('Edit moves a connection to another server: the wizard shows the saved answers, the test reaches the new server before saving', async () => {
    const id = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: `${first.url}/1`, name: 'Moving' });
    const before = await connectionsReceived(second);
    const editing = vscode.commands.executeCommand(Commands.editConnection, id);
    const kind = await input.choose(/deployment/, /Standalone/);
    assert.equal(kind.title, 'Edit Redis Connection: Moving');
    assert.ok(!kind.items.some((i) => /URL/.test(i.label)), 'editing offers no URL step');
    assert.deepEqual(kind.activeItems.map((i) => i.label), ['$(server) Standalone'], 'the saved kind is selected');
    const address = await input.type(/Host and port/, `${second.host}:${second.port}`);
    assert.equal(address.value, `${first.host}:${first.port}`);
    await input.type(/ACL user/, '');
    const password = await input.type(/Password/, '');
    assert.match(String(password.prompt), /optional/, 'no saved password to keep');
    const db = await input.type(/Database index/, '3');
    assert.equal(db.value, '1');
    const options = await input.pick(/Options/, (items) => items.filter((i) => i.label === 'Production'));
    assert.deepEqual(options.selectedItems.map((i) => i.label), [], 'no option was on');
    await input.type(/Connection name/, 'Moved');
    await editing;
    assert.ok((await connectionsReceived(second)) > before, 'the test before saving connected to the new server');
    const saved = api.connections.get(id);
    assert.ok(saved);
    assert.deepEqual([saved.port, saved.db, saved.name, saved.label], [second.port, 3, 'Moved', 'production']);
    assert.equal(api.connections.list().filter((c) => c.id === id).length, 1, 'edited in place, not added');
  });
});
