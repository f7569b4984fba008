import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import Redis from 'ioredis';
import { Commands } from '../../src/commands';
import type { RedisSpecialistApi } from '../../src/context';
import type { ConnectionsTreeNode, KeyTreeNode } from '../../src/explorer/explorerNode';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension, eventually } from './extensionApi';
import { accept, QuickInputDriver } from './quickInputs';

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
    return api.tree.getChildren(node);
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

  it('asks pattern then type (Enter keeps any type), opens the folders holding the matches, and clears from the view title', async () => {
    const input = new QuickInputDriver(api);
    try {
      const command = vscode.commands.executeCommand(Commands.filterKeys, await db0());
      const pattern = await input.type(/key or prefix/, 'user:1');
      assert.deepEqual([pattern.step, pattern.totalSteps], [1, 2]);
      const type = await input.pick(/type/, (items) => items.slice(0, 1));
      assert.equal(type.activeItems[0]?.label, 'Any type', 'Enter alone means any type');
      await command;
    } finally {
      input.dispose();
    }
    const top = await children(await db0());
    const user = top.find((n) => n.kind === 'folder' && n.name.toString() === 'user') as AnyNode;
    assert.ok(user, (await Promise.all(top.map(label))).join(', '));
    assert.equal((await api.tree.getTreeItem(user)).collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'the folder with the matches is open');
    assert.match(String((await api.tree.getTreeItem(await db0())).contextValue), /\.filtered$/, 'the inline Clear Filter shows');
    await vscode.commands.executeCommand(Commands.clearKeyFilter);
    assert.doesNotMatch(await label(await db0()), /filter/);
    assert.equal((await api.tree.getTreeItem(await db0())).contextValue, 'database');
  });
});

describe('key browser: Delete Keys Matching… asks for a mode, keeps to what the tree shows, and never defaults to delete', () => {
  let api: RedisSpecialistApi;
  let redis: RedisFixture;
  let seed: Redis;
  let connectionId: string;
  let input: QuickInputDriver;

  before(async () => {
    api = await activateExtension();
    input = new QuickInputDriver(api);
    redis = await startStandalone();
    seed = new Redis(redis.port, redis.host);
    const pipeline = seed.pipeline();
    for (let i = 0; i < 11; i++) pipeline.set(`s:${i}:x`, '1');
    for (let i = 0; i < 29; i++) pipeline.set(`s:${i}:y`, '1');
    pipeline.set('*', '1').set('*a', '1').set('ab', '1');
    await pipeline.exec();
    connectionId = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: redis.url, name: 'Bulk delete fixture' });
  });

  afterEach(() => input.reset());

  after(async () => {
    input?.dispose();
    if (connectionId) await vscode.commands.executeCommand(Commands.removeConnection, connectionId);
    seed?.disconnect();
    await redis?.stop();
  });

  async function db0(): Promise<AnyNode> {
    const connection = api.connections.get(connectionId);
    assert.ok(connection);
    const dbs = (await api.tree.getChildren({ kind: 'connection', connection })) as AnyNode[];
    return dbs.find((n) => n.kind === 'database' && n.database.db === 0) as AnyNode;
  }

  it('on a folder of a filtered tree, deletes only the keys the tree shows, after the count is typed', async () => {
    await vscode.commands.executeCommand(Commands.filterKeys, await db0(), { pattern: '*:x' });
    const top = (await api.tree.getChildren(await db0())) as AnyNode[];
    const folder = top.find((n) => n.kind === 'folder' && n.name.toString() === 's') as Extract<KeyTreeNode, { kind: 'folder' }>;
    assert.ok(folder, JSON.stringify(top.map((n) => n.kind)));

    const command = vscode.commands.executeCommand<{ deleted: number } | undefined>(Commands.deleteKeysMatching, folder);
    const mode = await input.choose(/How should the text be read/, /Exact name or prefix/);
    assert.match(mode.activeItems[0]?.label ?? '', /Exact/, 'exact is the default');
    const text = await input.type(/prefix/, 's:');
    assert.equal(text.value, 's:', 'the folder prefix is filled in');
    assert.match(String(text.prompt), /filter: glob "\*:x"/, 'the prompt says the filter applies');

    const confirm = (await input.next()) as vscode.InputBox;
    assert.match(confirm.title ?? '', /Delete 11 keys/);
    assert.match(confirm.prompt ?? '', /exact name or prefix "s:", within the tree's filter \(glob "\*:x"\)/);
    await accept();
    assert.match(confirm.validationMessage as string, /Type 11/, 'Enter alone deletes nothing');
    confirm.value = '11';
    await accept();
    assert.equal((await command)?.deleted, 11);
    assert.equal(await seed.dbsize(), 32, 'the 29 keys the filter hid are still there');
    await vscode.commands.executeCommand(Commands.clearKeyFilter, await db0());
  });

  it('a copied key name with glob characters is matched literally in exact mode', async () => {
    const command = vscode.commands.executeCommand<{ deleted: number } | undefined>(Commands.deleteKeysMatching, await db0());
    await input.choose(/How should the text be read/, /Exact name or prefix/);
    await input.type(/prefix/, '*');
    const confirm = (await input.next()) as vscode.InputBox;
    assert.match(confirm.title ?? '', /Delete 2 keys/, '"*" and "*a", not every key');
    confirm.value = '2';
    await accept();
    assert.equal((await command)?.deleted, 2);
    assert.equal(await seed.exists('ab'), 1);
  });

  it('called as a multi-select tree calls it (item, selection), it still asks instead of taking the selection as answers', async () => {
    const before = await seed.dbsize();
    const db = await db0();
    const command = vscode.commands.executeCommand(Commands.deleteKeysMatching, db, [db]);
    await input.choose(/How should the text be read/, /Exact/);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await command, undefined);
    assert.equal(await seed.dbsize(), before);
  });

  it('Escape at the confirmation keeps every key', async () => {
    const before = await seed.dbsize();
    const command = vscode.commands.executeCommand(Commands.deleteKeysMatching, await db0());
    await input.choose(/How should the text be read/, /Glob/);
    await input.type(/glob/, 's:*');
    await input.next();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await command, undefined);
    assert.equal(await seed.dbsize(), before);
  });
});

describe('key browser: changes from the tree keep the pages "Load more" loaded', () => {
  let api: RedisSpecialistApi;
  let redis: RedisFixture;
  let seed: Redis;
  let connectionId: string;
  const settings = () => vscode.workspace.getConfiguration('redisSpecialist');
  const TOTAL = 1531;

  before(async () => {
    api = await activateExtension();
    redis = await startStandalone();
    seed = new Redis(redis.port, redis.host);
    const pipeline = seed.pipeline();
    // One folder per key, so every SCAN page adds folders at the top level.
    for (let i = 0; i < TOTAL; i++) pipeline.set(`f${i}:k`, '1');
    await pipeline.exec();
    await settings().update('keys.scanCount', 100, vscode.ConfigurationTarget.Global);
    await settings().update('keys.pageSize', 10, vscode.ConfigurationTarget.Global);
    connectionId = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: redis.url, name: 'Paged tree fixture' });
  });

  after(async () => {
    await settings().update('keys.scanCount', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('keys.pageSize', undefined, vscode.ConfigurationTarget.Global);
    if (connectionId) await vscode.commands.executeCommand(Commands.removeConnection, connectionId);
    seed?.disconnect();
    await redis?.stop();
  });

  async function db0(): Promise<AnyNode> {
    const connection = api.connections.get(connectionId);
    assert.ok(connection);
    const dbs = (await api.tree.getChildren({ kind: 'connection', connection })) as AnyNode[];
    return dbs.find((n) => n.kind === 'database' && n.database.db === 0) as AnyNode;
  }
  const folders = async (): Promise<string[]> =>
    ((await api.tree.getChildren(await db0())) as AnyNode[]).flatMap((n) => (n.kind === 'folder' ? [n.name.toString()] : []));
  async function keyIn(folder: string): Promise<Extract<KeyTreeNode, { kind: 'key' }>> {
    const node = ((await api.tree.getChildren(await db0())) as AnyNode[]).find((n) => n.kind === 'folder' && n.name.toString() === folder) as AnyNode;
    const key = ((await api.tree.getChildren(node)) as AnyNode[]).find((n) => n.kind === 'key');
    assert.ok(key && key.kind === 'key', `a key in ${folder}`);
    return key;
  }

  it('Set TTL, Rename, Delete and Duplicate update rows in place instead of scanning from the first page', async () => {
    const first = await folders();
    const more = ((await api.tree.getChildren(await db0())) as AnyNode[]).find((n) => n.kind === 'loadMore');
    assert.ok(more, 'the first page leaves a "Load more…"');
    await vscode.commands.executeCommand(Commands.loadMoreKeys, more);
    const loaded = await folders();
    assert.ok(loaded.length > first.length, `"Load more" added folders: ${first.length} → ${loaded.length}`);
    const late = loaded.find((f) => !first.includes(f)) as string;
    const [other, third] = loaded.filter((f) => f !== late);

    await vscode.commands.executeCommand(Commands.setKeyTtl, await keyIn(late), { seconds: 500 });
    await eventually(async () => ((await keyIn(late)).meta?.ttlMs ?? 0) > 0, 'the TTL shown on the row');
    assert.deepEqual(await folders(), loaded, 'Set TTL keeps every loaded folder');

    await vscode.commands.executeCommand(Commands.renameKey, await keyIn(late), { newName: `${late}:renamed` });
    await eventually(async () => (await api.tree.getTreeItem(await keyIn(late))).label === 'renamed', 'the renamed row');
    assert.deepEqual(await folders(), loaded, 'Rename keeps every loaded folder');

    await vscode.commands.executeCommand(Commands.deleteKey, await keyIn(other), {});
    await eventually(async () => !(await folders()).includes(other), 'the deleted key\'s folder gone');
    assert.deepEqual(await folders(), loaded.filter((f) => f !== other), 'Delete removes only that folder');

    await vscode.commands.executeCommand(Commands.duplicateKey, await keyIn(third), { newName: 'zz-new:k' });
    await eventually(async () => (await folders()).includes('zz-new'), 'the new key shown');
    assert.equal((await folders()).length, loaded.length, 'one folder gone, one added, none forgotten');
  });

  it('Refresh Keys reads the database\'s key count again', async () => {
    // The row as shown: listing the connection's databases again would read the count by itself.
    const db = await db0();
    const pipeline = seed.pipeline();
    for (let i = 0; i < 10; i++) pipeline.set(`behind:${i}`, '1');
    await pipeline.exec();
    await vscode.commands.executeCommand(Commands.refreshKeys, db);
    const expected = (await seed.dbsize()).toLocaleString('en-US');
    await eventually(async () => String((await api.tree.getTreeItem(db)).description).startsWith(`${expected} keys`), `db0 showing ${expected} keys`);
  });
});

describe('key browser: errors after the server goes away read as one clear sentence', () => {
  let api: RedisSpecialistApi;
  let redis: RedisFixture | undefined;
  let connectionId: string;

  before(async () => {
    api = await activateExtension();
    redis = await startStandalone();
    const seed = new Redis(redis.port, redis.host);
    await seed.set('a:1', '1');
    seed.disconnect();
    connectionId = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: redis.url, name: 'Dropped server fixture' });
  });

  after(async () => {
    if (connectionId) await vscode.commands.executeCommand(Commands.removeConnection, connectionId);
    await redis?.stop();
  });

  it('the tree shows the translator\'s sentence, never the raw client message', async () => {
    const connection = api.connections.get(connectionId);
    assert.ok(connection);
    const dbs = (await api.tree.getChildren({ kind: 'connection', connection })) as AnyNode[];
    const db = dbs.find((n) => n.kind === 'database') as AnyNode;
    assert.ok((await api.tree.getChildren(db)).length > 0);
    await redis?.stop();
    redis = undefined;
    const texts: string[] = [];
    for (const node of [db, { kind: 'connection', connection } as const]) {
      if (node === db) await vscode.commands.executeCommand(Commands.refreshKeys, db);
      const children = (await api.tree.getChildren(node)) as AnyNode[];
      texts.push(...children.flatMap((n) => (n.kind === 'notice' || n.kind === 'message' ? [n.text] : [])));
    }
    assert.ok(texts.length > 0, 'the tree says something');
    for (const text of texts) {
      assert.doesNotMatch(text, /Stream isn't writeable|enableOfflineQueue|^Connection is closed\.$/);
      assert.match(text, /lost|refused|not answering|No answer/i);
    }
  });
});

describe('key browser: a server that stops answering', () => {
  let api: RedisSpecialistApi;
  let redis: RedisFixture;
  let connectionId: string;
  const settings = () => vscode.workspace.getConfiguration('redisSpecialist');

  before(async () => {
    api = await activateExtension();
    redis = await startStandalone();
    const seed = new Redis(redis.port, redis.host);
    await seed.set('a:1', '1');
    seed.disconnect();
    await settings().update('connection.commandTimeoutMs', 500, vscode.ConfigurationTarget.Global);
    connectionId = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: redis.url, name: 'Frozen server fixture' });
  });

  after(async () => {
    // A stopped redis-server ignores SIGTERM: wake it before stopping it.
    process.kill(redis.pid, 'SIGCONT');
    await settings().update('connection.commandTimeoutMs', undefined, vscode.ConfigurationTarget.Global);
    if (connectionId) await vscode.commands.executeCommand(Commands.removeConnection, connectionId);
    await redis?.stop();
  });

  it('the tree says the server is not answering instead of spinning', async () => {
    const db = await database();
    process.kill(redis.pid, 'SIGSTOP');
    api.keys.reset();
    const children = (await api.tree.getChildren(db)) as AnyNode[];
    assert.equal(children.length, 1);
    assert.equal(children[0].kind, 'notice');
    assert.match((children[0] as { text: string }).text, /not answering/);
  });

  it('Stop Loading Keys ends a load the server never answers; a redraw keeps it stopped, Refresh Keys loads again', async () => {
    await settings().update('connection.commandTimeoutMs', 600_000, vscode.ConfigurationTarget.Global);
    const db = await database();
    api.keys.reset();
    const loading = api.tree.getChildren(db) as Promise<AnyNode[]>;
    await eventually(async () => (await vscode.commands.executeCommand<number>(Commands.stopLoadingKeys)) > 0, 'a load to stop');
    const children = await loading;
    assert.equal(children[0].kind, 'notice');
    assert.match((children[0] as { text: string }).text, /Loading stopped/);
    // A redraw (any key's change redraws the view) does not start the stopped scan again, even once the server answers…
    process.kill(redis.pid, 'SIGCONT');
    const redrawn = (await api.tree.getChildren(db)) as AnyNode[];
    assert.match((redrawn[0] as { text: string }).text, /Loading stopped/);
    // …Refresh Keys does.
    await vscode.commands.executeCommand(Commands.refreshKeys, db);
    assert.ok(((await api.tree.getChildren(db)) as AnyNode[]).some((n) => n.kind === 'folder' || n.kind === 'key'), 'the keys are listed again');
  });

  async function database(): Promise<AnyNode> {
    const connection = api.connections.get(connectionId);
    assert.ok(connection);
    process.kill(redis.pid, 'SIGCONT');
    const db = ((await api.tree.getChildren({ kind: 'connection', connection })) as AnyNode[]).find((n) => n.kind === 'database') as AnyNode;
    assert.ok((await api.tree.getChildren(db)).length > 0);
    process.kill(redis.pid, 'SIGSTOP');
    return db;
  }
});

describe('key browser: several selected keys at once (multi-select, keyboard Delete)', () => {
  let api: RedisSpecialistApi;
  let redis: RedisFixture;
  let seed: Redis;
  let connectionId: string;
  let input: QuickInputDriver;

  before(async () => {
    api = await activateExtension();
    input = new QuickInputDriver(api);
    redis = await startStandalone();
    seed = new Redis(redis.port, redis.host);
    await seed.mset('m:a', '1', 'm:b', '1', 'm:c', '1', 'm:d', '1', 'm:e', '1', 'm:f', '1', 'm:keep', '1');
    connectionId = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: redis.url, name: 'Multi-select fixture' });
  });

  afterEach(() => input.reset());

  after(async () => {
    input?.dispose();
    if (connectionId) await vscode.commands.executeCommand(Commands.removeConnection, connectionId);
    seed?.disconnect();
    await redis?.stop();
  });

  async function keys(...names: string[]): Promise<KeyTreeNode[]> {
    const connection = api.connections.get(connectionId);
    assert.ok(connection);
    const db = ((await api.tree.getChildren({ kind: 'connection', connection })) as AnyNode[]).find((n) => n.kind === 'database') as AnyNode;
    const folder = ((await api.tree.getChildren(db)) as AnyNode[]).find((n) => n.kind === 'folder') as AnyNode;
    const all = (await api.tree.getChildren(folder)) as KeyTreeNode[];
    return names.map((name) => {
      const node = all.find((n) => n.kind === 'key' && n.key.toString() === name);
      assert.ok(node, name);
      return node;
    });
  }

  it('Delete on a multi-selection asks for the count once and deletes every selected key', async () => {
    const [a, b] = await keys('m:a', 'm:b');
    // How VS Code calls a command of a multi-select tree: the clicked item, then the whole selection.
    const command = vscode.commands.executeCommand(Commands.deleteKey, a, [a, b]);
    const confirm = (await input.next()) as vscode.InputBox;
    assert.match(confirm.title ?? '', /Delete 2 keys/);
    confirm.value = '2';
    await accept();
    await command;
    assert.equal(await seed.exists('m:a', 'm:b'), 0);
    assert.equal(await seed.exists('m:keep'), 1);
  });

  it('Set TTL on a multi-selection asks once and sets every selected key', async () => {
    const [c, d] = await keys('m:c', 'm:d');
    const command = vscode.commands.executeCommand(Commands.setKeyTtl, c, [c, d]);
    await input.type(/Seconds/, '5m');
    await command;
    for (const key of ['m:c', 'm:d']) assert.ok((await seed.ttl(key)) > 200, key);
    assert.equal(await seed.ttl('m:keep'), -1);
  });

  it('the keyboard\'s Delete (no arguments) acts on the view\'s selection', async () => {
    api.keys.selection = await keys('m:e', 'm:f');
    const command = vscode.commands.executeCommand(Commands.deleteKey);
    const confirm = (await input.next()) as vscode.InputBox;
    assert.match(confirm.title ?? '', /Delete 2 keys/);
    confirm.value = '2';
    await accept();
    await command;
    assert.equal(await seed.exists('m:e', 'm:f'), 0);
    api.keys.selection = [];
  });
});
