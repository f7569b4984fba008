import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import Redis from 'ioredis';
import { Commands } from '../../src/commands';
import type { RedisSpecialistApi } from '../../src/context';
import type { ConnectionsTreeNode } from '../../src/connections/connectionsTree';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension } from './extensionApi';

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
