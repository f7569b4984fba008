import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import Redis from 'ioredis';
import { Commands } from '../../src/commands';
import type { RedisSpecialistApi } from '../../src/context';
import type { ConnectionsTreeNode } from '../../src/explorer/explorerNode';
import type { ConnectionConfig } from '../../src/core/redis/connection/connectionConfig';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension, eventually } from './extensionApi';
import { QuickInputDriver } from './quickInputs';

const PASSWORD = 'host-test-secret-7f3a';

describe('connections: add by URL, browse databases, errors keep the list', () => {
  let api: RedisSpecialistApi;
  let redis: RedisFixture;
  const added: string[] = [];

  before(async () => {
    api = await activateExtension();
    redis = await startStandalone({ password: PASSWORD });
    const client = new Redis({ host: redis.host, port: redis.port, password: PASSWORD });
    await client.set('session:1', 'a', 'EX', 600);
    await client.set('counter', '1');
    client.disconnect();
  });

  after(async () => {
    for (const id of added) await vscode.commands.executeCommand(Commands.removeConnection, id);
    await redis?.stop();
  });

  async function add(url: string, name: string): Promise<string> {
    const id = await vscode.commands.executeCommand<string>(Commands.addConnection, { url, name });
    assert.ok(id, 'addConnection returns the new id');
    added.push(id);
    return id;
  }

  function connectionNode(id: string): ConnectionsTreeNode {
    const connection = api.connections.get(id);
    assert.ok(connection);
    return { kind: 'connection', connection };
  }

  it('stores the connection with its password only in secret storage', async () => {
    const id = await add(`redis://:${PASSWORD}@${redis.host}:${redis.port}/0`, 'Password fixture');
    const settings = JSON.stringify(vscode.workspace.getConfiguration('redisSpecialist').inspect('connections'));
    assert.ok(settings.includes(id), 'the connection is in settings');
    assert.ok(!settings.includes(PASSWORD), 'the password is not in settings');
    assert.deepEqual(await api.connections.getSecrets(id), { password: PASSWORD });
  });

  it('expanding the connection lists databases with key counts and shows the server version', async () => {
    const id = added[0];
    const children = (await api.tree.getChildren(connectionNode(id))) as ConnectionsTreeNode[];
    const db0 = children.find((c) => c.kind === 'database' && c.database.db === 0);
    assert.ok(db0 && db0.kind === 'database', JSON.stringify(children));
    assert.equal(db0.database.keys, 2);
    assert.equal(db0.database.expires, 1);
    const item = await api.tree.getTreeItem(connectionNode(id));
    assert.match(String(item.description), /Redis \d+\.\d+/);
    assert.equal(api.manager.state(id).status, 'connected');
  });

  it('a wrong password shows a clear message in the tree and keeps the stored list intact', async () => {
    const before = api.connections.list().length;
    const id = await add(`redis://:wrong@${redis.host}:${redis.port}`, 'Wrong password');
    const children = (await api.tree.getChildren(connectionNode(id))) as ConnectionsTreeNode[];
    assert.equal(children.length, 1);
    assert.equal(children[0].kind, 'message');
    assert.match((children[0] as { text: string }).text, /password|WRONGPASS|auth/i);
    assert.equal(api.connections.list().length, before + 1);
    assert.equal(api.manager.state(id).status, 'error');
  });

  it('a refused port shows a clear message', async () => {
    const id = await add('redis://127.0.0.1:1', 'Refused port');
    const children = (await api.tree.getChildren(connectionNode(id))) as ConnectionsTreeNode[];
    assert.equal(children[0].kind, 'message');
    assert.match((children[0] as { text: string }).text, /refused|ECONNREFUSED/i);
  });

  it('a malformed URL is rejected without touching the stored list', async () => {
    const before = JSON.stringify(api.connections.list());
    const result = await vscode.commands.executeCommand(Commands.addConnection, { url: 'localhost:6379', name: 'bad' });
    assert.equal(result, undefined);
    assert.equal(JSON.stringify(api.connections.list()), before);
  });

  it('removing a connection deletes its secret too', async () => {
    const id = added.shift() as string;
    await vscode.commands.executeCommand(Commands.removeConnection, id);
    assert.equal(api.connections.get(id), undefined);
    assert.deepEqual(await api.connections.getSecrets(id), {});
  });
});

describe('connections: the Add Connection wizard', () => {
  let api: RedisSpecialistApi;
  let secured: RedisFixture;
  let open: RedisFixture;
  let input: QuickInputDriver;
  const existing = new Set<string>();

  before(async () => {
    api = await activateExtension();
    input = new QuickInputDriver(api);
    [secured, open] = await Promise.all([startStandalone({ password: PASSWORD }), startStandalone()]);
    for (const c of api.connections.list()) existing.add(c.id);
  });

  after(async () => {
    input?.dispose();
    for (const c of api.connections.list()) if (!existing.has(c.id)) await vscode.commands.executeCommand(Commands.removeConnection, c.id);
    await Promise.all([secured?.stop(), open?.stop()]);
  });

  // A failed test leaves its wizard open: close it so that the next test starts clean.
  afterEach(() => input.reset());

  const added = (): ConnectionConfig[] => api.connections.list().filter((c) => !existing.has(c.id));

  /** Add Connection with a closed port, then "Edit": the wizard resumes at the address, keeping every other answer. */
  async function addAfterFailedTest(name: string, target: RedisFixture, password: string): Promise<void> {
    const command = vscode.commands.executeCommand(Commands.addConnection);
    const kind = await input.choose(/deployment/, /Standalone/);
    assert.equal(kind.step, 1);
    await input.type(/Host and port/, '127.0.0.1:1');
    await input.type(/ACL user/, '');
    await input.type(/Password/, password);
    const db = await input.type(/Database index/, '0');
    const options = await input.pick(/Options/, () => []);
    const last = await input.type(/Connection name/, name);
    // Steps that do not apply (Sentinel, TLS) are neither shown nor counted.
    assert.deepEqual([db.step, options.step, last.step, last.totalSteps], [5, 6, 7, 7]);

    const failure = await input.choose(/failed/, /Edit the address/);
    assert.match(String(failure.placeholder), /refused/i);
    const resumed = await input.type(/Host and port/, `${target.host}:${target.port}`);
    assert.equal(resumed.value, '127.0.0.1:1', 'the failing field shows what was typed');
    assert.equal(resumed.step, 2);
    await input.type(/ACL user/, '');
    const again = await input.type(/Password/, '');
    assert.match(String(again.prompt), password ? /keep/ : /optional/, 'a password typed before is kept');
    await input.type(/Database index/, '0');
    await input.pick(/Options/, (_, selected) => [...selected]);
    const named = await input.type(/Connection name/, name);
    assert.equal(named.value, name);
    assert.ok(await command, 'Add Connection returns the new id');
  }

  it('a connection saved after "Edit" on a failed test gets its own id, and the next one never replaces it', async () => {
    await addAfterFailedTest('Wizard first', secured, PASSWORD);
    await addAfterFailedTest('Wizard second', open, '');
    const [first, second] = ['Wizard first', 'Wizard second'].map((name) => added().find((c) => c.name === name));
    assert.ok(first && second, `both connections are saved: ${JSON.stringify(added().map((c) => c.name))}`);
    assert.notEqual(first.id, second.id);
    assert.equal(second.port, open.port);
    assert.deepEqual(await api.connections.getSecrets(first.id), { password: PASSWORD }, 'the first keeps its password');
    assert.deepEqual(await api.connections.getSecrets(second.id), {}, 'the second does not inherit it');
    const children = (await api.tree.getChildren({ kind: 'connection', connection: first })) as ConnectionsTreeNode[];
    assert.equal(children[0].kind, 'database', JSON.stringify(children));
  });

  it('a wrong password resumes at the password', async () => {
    const command = vscode.commands.executeCommand(Commands.addConnection);
    await input.choose(/deployment/, /Standalone/);
    await input.type(/Host and port/, `${secured.host}:${secured.port}`);
    await input.type(/ACL user/, '');
    await input.type(/Password/, 'not-the-password');
    await input.type(/Database index/, '0');
    await input.pick(/Options/, () => []);
    await input.type(/Connection name/, 'Wizard password');
    await input.choose(/failed/, /Edit the password/);
    await input.type(/Password/, PASSWORD);
    await input.type(/Database index/, '0');
    await input.pick(/Options/, () => []);
    await input.type(/Connection name/, 'Wizard password');
    const id = await command;
    assert.deepEqual(await api.connections.getSecrets(String(id)), { password: PASSWORD });
  });

  it('every option of a URL is selected in the next steps and saved (?readonly, database, user)', async () => {
    const command = vscode.commands.executeCommand(Commands.addConnection);
    await input.choose(/deployment/, /URL/);
    await input.type(/Redis URL/, `redis://default:${PASSWORD}@${secured.host}:${secured.port}/3?readonly`);
    const options = await input.pick(/Options/, (_, selected) => [...selected]);
    assert.deepEqual(options.selectedItems.map((i) => i.label), ['Read-only']);
    const name = await input.type(/Connection name/, 'Wizard URL');
    assert.equal(name.step, name.totalSteps, 'the name is the last step');
    const id = String(await command);
    const saved = api.connections.get(id);
    assert.ok(saved);
    assert.deepEqual([saved.readOnly, saved.db, saved.username, saved.port], [true, 3, 'default', secured.port]);
    assert.deepEqual(await api.connections.getSecrets(id), { password: PASSWORD });
  });
});

describe('connections: the status bar follows the active editor', () => {
  let api: RedisSpecialistApi;
  let redis: RedisFixture;
  const ids: string[] = [];

  before(async () => {
    api = await activateExtension();
    redis = await startStandalone();
    const seed = new Redis({ host: redis.host, port: redis.port });
    await seed.set('status:key', 'v');
    seed.disconnect();
    for (const name of ['Status A', 'Status B']) ids.push(await vscode.commands.executeCommand<string>(Commands.addConnection, { url: redis.url, name }));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const id of ids) await vscode.commands.executeCommand(Commands.removeConnection, id);
    await redis?.stop();
  });

  it('shows the connection of the active key editor, not the one touched last', async () => {
    const [a, b] = ids.map((id) => api.connections.get(id));
    assert.ok(a && b);
    await vscode.commands.executeCommand(Commands.connect, a.id);
    await vscode.commands.executeCommand(Commands.connect, b.id);
    await eventually(() => api.statusBar.connectionId === b.id || undefined, 'the last connected connection shown');
    await vscode.commands.executeCommand(Commands.openKey, { connection: a, db: 0, key: Buffer.from('status:key') });
    await eventually(() => api.statusBar.connectionId === a.id || undefined, 'the key editor\'s connection shown');
    // B changes state again in the background: the editor's connection stays shown.
    await vscode.commands.executeCommand(Commands.disconnect, b.id);
    await vscode.commands.executeCommand(Commands.connect, b.id);
    assert.equal(api.statusBar.connectionId, a.id);
  });
});
