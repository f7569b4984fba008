import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import Redis from 'ioredis';
import { Commands } from '../../src/commands';
import type { RedisSpecialistApi } from '../../src/context';
import type { ConnectionsTreeNode } from '../../src/connections/connectionsTree';
import type { KeyTreeNode } from '../../src/keys/keyNodes';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension } from './extensionApi';

type AnyNode = ConnectionsTreeNode | KeyTreeNode;

describe('key browser: folders, load more, filter, TTLs, binary names', () => {
  let api: RedisSpecialistApi;
  let redis: RedisFixture;
  let connectionId: string;
  const settings = () => vscode.workspace.getConfiguration('redisSpecialist');

  before(async () => {
    api = await activateExtension();
    redis = await startStandalone();
    const client = new Redis(redis.port, redis.host);
    const pipeline = client.pipeline();
    for (let i = 0; i < 30; i++) pipeline.set(`user:${i}:name`, `n${i}`, 'EX', 3600);
    for (let i = 0; i < 12; i++) pipeline.hset(`order:${i}`, 'total', String(i));
    for (let i = 0; i < 25; i++) pipeline.rpush(`job:${String(i).padStart(2, '0')}`, 'x');
    pipeline.set('plain', 'no ttl here');
    pipeline.set(Buffer.from([0x62, 0x3a, 0xff, 0x00]), 'binary name');
    await pipeline.exec();
    client.disconnect();
    await settings().update('keys.pageSize', 10, vscode.ConfigurationTarget.Global);
    connectionId = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: redis.url, name: 'Key browser fixture' });
  });

  after(async () => {
    await settings().update('keys.pageSize', undefined, vscode.ConfigurationTarget.Global);
    if (connectionId) await vscode.commands.executeCommand(Commands.removeConnection, connectionId);
    await redis?.stop();
  });

  async function children(node?: AnyNode): Promise<AnyNode[]> {
    return (await api.tree.getChildren(node)) as AnyNode[];
  }
  async function label(node: AnyNode): Promise<string> {
    const item = await api.tree.getTreeItem(node);
    return `${typeof item.label === 'string' ? item.label : item.label?.label ?? ''}|${String(item.description ?? '')}`;
  }
  async function db0(): Promise<AnyNode> {
    const connection = (await children()).find((n) => n.kind === 'connection' && n.connection.id === connectionId) as AnyNode;
    const dbs = await children(connection);
    return dbs.find((n) => n.kind === 'database' && n.database.db === 0) as AnyNode;
  }

  it('groups keys into folders by delimiter with counts, and shows leaves with type and TTL', async () => {
    const top = await children(await db0());
    const labels = await Promise.all(top.map(label));
    assert.ok(labels.includes('user|30'), labels.join(', '));
    assert.ok(labels.includes('order|12'), labels.join(', '));
    assert.ok(labels.some((l) => l.startsWith('plain|no TTL')), labels.join(', '));
    assert.ok(labels.some((l) => l.startsWith('b|')), 'the binary key sits in folder "b"');
  });

  it('pages a folder with "Load more…" and names binary keys with escapes', async () => {
    const job = (await children(await db0())).find((n) => n.kind === 'folder' && n.name.toString() === 'job') as KeyTreeNode;
    const first = await children(job);
    assert.equal(first.filter((n) => n.kind === 'key').length, 10, 'one page of 10 keys');
    const more = first.at(-1) as KeyTreeNode;
    assert.equal(more.kind, 'loadMore');
    await vscode.commands.executeCommand(Commands.loadMoreKeys, more);
    const second = await children(job);
    assert.equal(second.filter((n) => n.kind === 'key').length, 20);
    assert.equal((await api.tree.getTreeItem(second[0])).contextValue, 'key.list');
    const user = (await children(await db0())).find((n) => n.kind === 'folder' && n.name.toString() === 'user') as KeyTreeNode;
    assert.equal((await children(user)).filter((n) => n.kind === 'folder').length, 30, 'user:0: … user:29: are folders');
    const binaryFolder = (await children(await db0())).find((n) => n.kind === 'folder' && n.name.toString() === 'b') as KeyTreeNode;
    const binary = await children(binaryFolder);
    const item = await api.tree.getTreeItem(binary[0]);
    assert.equal(item.label, '\\xff\\x00');
    assert.equal(item.contextValue, 'key.string');
  });

  it('filters by prefix and by type, shows the filter on the database, and clears it', async () => {
    const db = await db0();
    await vscode.commands.executeCommand(Commands.filterKeys, db, { pattern: 'order:1', type: undefined });
    let top = await children(await db0());
    let labels = await Promise.all(top.map(label));
    assert.deepEqual(labels.map((l) => l.split('|')[0]), ['order'], labels.join(', '));
    assert.match(await label(await db0()), /filter: prefix "order:1"/);
    const order = await children(top[0]);
    const names = (await Promise.all(order.map(label))).map((l) => l.split('|')[0]).sort();
    assert.deepEqual(names, ['1', '10', '11']);

    await vscode.commands.executeCommand(Commands.filterKeys, await db0(), { pattern: '', type: 'hash' });
    top = await children(await db0());
    labels = await Promise.all(top.map(label));
    assert.deepEqual(labels.map((l) => l.split('|')[0]), ['order']);

    await vscode.commands.executeCommand(Commands.clearKeyFilter, await db0());
    top = await children(await db0());
    assert.ok(top.length >= 4);
    assert.doesNotMatch(await label(await db0()), /filter/);
  });
});
