import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import Redis from 'ioredis';
import { Commands } from '../../src/commands';
import type { RedisSpecialistApi } from '../../src/context';
import type { ConnectionsTreeNode, KeyTreeNode, NodeOf } from '../../src/explorer/explorerNode';
import type { KeyEditorPanel } from '../../src/keyEditor/keyEditorPanel';
import { adminCommand } from '../fixtures/redis/admin';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension, eventually } from './extensionApi';
import { accept, QuickInputDriver } from './quickInputs';

type AnyNode = ConnectionsTreeNode | KeyTreeNode;

const KEYS_MODULE = 'export const sessionKey = (id: string) => `session:${id}`;\n';
const APP_MODULE = [
  `import Redis from 'ioredis';`,
  `import { sessionKey } from './folderKeys';`,
  `const redis = new Redis();`,
  `export async function save(id: string): Promise<void> {`,
  `  await redis.set(sessionKey(id), 'v', 'EX', 60);`,
  "  await redis.hset(`cart:${id}`, 'total', 1);",
  "  await redis.get(`session:${id}`);",
  `  await redis.lpush('queue:emails', id);`,
  `}`,
  '',
].join('\n');

async function commandCalls(server: RedisFixture, command: string): Promise<number> {
  return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(String(await adminCommand(server, ['INFO', 'commandstats'])))?.[1] ?? 0);
}

const scanCalls = (server: RedisFixture): Promise<number> => commandCalls(server, 'scan');

describe('key browser: key patterns from code as folders, scanned when opened', () => {
  let api: RedisSpecialistApi;
  let redis: RedisFixture;
  let connectionId: string;
  let readOnlyId: string | undefined;
  const files: vscode.Uri[] = [];
  const settings = () => vscode.workspace.getConfiguration('redisSpecialist');

  before(async () => {
    api = await activateExtension();
    const folder = vscode.Uri.joinPath((vscode.workspace.workspaceFolders ?? [])[0].uri, 'src');
    for (const [name, text] of [['folderKeys.ts', KEYS_MODULE], ['folderApp.ts', APP_MODULE]]) {
      const uri = vscode.Uri.joinPath(folder, name);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      files.push(uri);
    }
    // The workspace settings of the host tests turn the folders off (see test/fixtures/workspace/.vscode).
    await settings().update('keys.codePatternFolders', true, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand(Commands.refreshKeyPatterns);
    redis = await startStandalone();
    const client = new Redis(redis.port, redis.host);
    const pipeline = client.pipeline();
    for (let i = 0; i < 20; i++) pipeline.set(`session:${i}`, 'v', 'EX', 600);
    for (let i = 0; i < 6; i++) pipeline.hset(`cart:${i}`, 'total', String(i));
    for (let i = 0; i < 5; i++) pipeline.set(`sessions:${i}`, 'look-alike');
    for (let i = 1; i <= 25; i++) pipeline.set(`orphan:x${i}`, '1');
    pipeline.rpush('queue:emails', 'a', 'b');
    await pipeline.exec();
    client.disconnect();
    connectionId = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: redis.url, name: 'Pattern folders fixture' });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await settings().update('keys.codePatternFolders', false, vscode.ConfigurationTarget.Workspace);
    for (const id of [connectionId, readOnlyId]) if (id) await vscode.commands.executeCommand(Commands.removeConnection, id);
    for (const uri of files) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    // The next suites see the workspace's patterns without these files.
    await vscode.commands.executeCommand(Commands.refreshKeyPatterns);
    await redis?.stop();
  });

  async function label(node: AnyNode): Promise<string> {
    const item = await api.tree.getTreeItem(node);
    return `${typeof item.label === 'string' ? item.label : (item.label?.label ?? '')}|${String(item.description ?? '')}`;
  }
  async function db0(id = connectionId): Promise<NodeOf<'database'>> {
    const connection = (await api.tree.getChildren()).find((n) => n.kind === 'connection' && n.connection.id === id) as AnyNode;
    return (await api.tree.getChildren(connection)).find((n) => n.kind === 'database' && n.database.db === 0) as NodeOf<'database'>;
  }

  it('opening a database shows one folder per code pattern and Other keys, without a single SCAN', async () => {
    await adminCommand(redis, ['CONFIG', 'RESETSTAT']);
    const database = await db0();
    const top = await api.tree.getChildren(database);
    const labels = await Promise.all(top.map(label));
    assert.ok(labels.includes('session:{id}|2 sites'), labels.join(', '));
    assert.ok(labels.includes('cart:{id}|1 site'), labels.join(', '));
    assert.equal(labels.at(-1), 'Other keys|every key, by folder');
    assert.ok(top.slice(0, -1).every((n) => n.kind === 'pattern'), 'only pattern folders above Other keys');
    assert.equal(await scanCalls(redis), 0, 'no SCAN before a pattern folder is opened');
    const session = top.find((n) => n.kind === 'pattern' && n.folder.pattern === 'session:{id}') as NodeOf<'pattern'>;
    const item = await api.tree.getTreeItem(session);
    assert.equal(item.contextValue, 'keyPatternFolder');
    assert.deepEqual(session.folder.sites.map((s) => `${s.file}:${s.line + 1} ${s.command}`), ['src/folderApp.ts:5 SET', 'src/folderApp.ts:7 GET']);
    assert.match((await api.tree.getTreeItem(database)).contextValue ?? '', /^database\.patterns$/);
    // A template without a variable part names one key: it is looked up, not scanned for.
    const queue = top.find((n) => n.kind === 'pattern' && n.folder.pattern === 'queue:emails') as NodeOf<'pattern'>;
    const inQueue = await api.tree.getChildren(queue);
    assert.deepEqual(inQueue.map((n) => (n.kind === 'key' ? `${n.key.toString()} ${n.meta?.type}` : n.kind)), ['queue:emails list']);
    assert.equal(await scanCalls(redis), 0, 'no SCAN for a folder of one key');
  });

  it('opening a pattern folder lists exactly its keys (SCAN MATCH), which open in the key editor; Other keys browses every key by folder', async () => {
    const top = await api.tree.getChildren(await db0());
    const session = top.find((n) => n.kind === 'pattern' && n.folder.pattern === 'session:{id}') as NodeOf<'pattern'>;
    const keys = await api.tree.getChildren(session);
    assert.deepEqual(
      keys.map((n) => (n.kind === 'key' ? n.key.toString() : n.kind)),
      Array.from({ length: 20 }, (_, i) => `session:${i}`),
    );
    assert.ok((await scanCalls(redis)) > 0, 'the folder was scanned when opened');
    assert.equal(await label(session), 'session:{id}|2 sites · 20 keys');
    const first = await api.tree.getTreeItem(keys[0]);
    assert.equal(first.contextValue, 'key.string');
    assert.equal(first.command?.command, Commands.openKey);
    const panel = await vscode.commands.executeCommand<KeyEditorPanel>(first.command?.command ?? '', ...(first.command?.arguments ?? []));
    assert.equal(new URLSearchParams(panel.uri.query).get('connection'), connectionId);
    const other = top.at(-1) as AnyNode;
    const folders = await Promise.all((await api.tree.getChildren(other)).map(label));
    for (const name of ['cart|6', 'orphan|25', 'session|20', 'sessions|5']) assert.ok(folders.includes(name), folders.join(', '));
  });

  it('Show All Keys switches a database to folders by delimiter, Show Key Patterns from Code back', async () => {
    const database = await db0();
    await vscode.commands.executeCommand(Commands.showAllKeys, database);
    assert.ok((await api.tree.getChildren(database)).every((n) => n.kind === 'folder' || n.kind === 'key'));
    assert.match((await api.tree.getTreeItem(database)).contextValue ?? '', /^database$/);
    const shown = await vscode.commands.executeCommand<string[]>(Commands.showCodePatternFolders, database);
    assert.ok(shown.includes('session:{id}') && shown.includes('cart:{id}'), shown.join(', '));
    assert.equal((await api.tree.getChildren(database)).at(-1)?.kind, 'otherKeys');
  });

  it('Delete Keys Matching… on a pattern folder offers its glob, counts, asks for the count typed, and deletes only its keys (SCAN + UNLINK)', async () => {
    const client = new Redis(redis.port, redis.host);
    const input = new QuickInputDriver(api);
    try {
      await adminCommand(redis, ['CONFIG', 'RESETSTAT']);
      const cart = (await api.tree.getChildren(await db0())).find((n) => n.kind === 'pattern' && n.folder.pattern === 'cart:{id}') as NodeOf<'pattern'>;
      assert.ok(cart, 'the cart:{id} folder');
      const command = vscode.commands.executeCommand<{ deleted: number; cancelled: boolean } | undefined>(Commands.deleteKeysMatching, cart);
      const mode = await input.pick(/How should the text be read/, (_items, selected) => [...selected]);
      assert.match(mode.activeItems[0]?.label ?? '', /Glob/, 'a key pattern is read as a glob by default');
      const text = await input.type(/glob/, 'cart:*');
      assert.equal(text.value, 'cart:*', "the folder's glob is filled in");
      const confirm = (await input.next()) as vscode.InputBox;
      assert.match(confirm.title ?? '', /^Delete 6 keys in db0 of "Pattern folders fixture"\?$/);
      assert.match(confirm.prompt ?? '', /^Keys matching glob "cart:\*": cart:\d/);
      await accept();
      assert.match(confirm.validationMessage as string, /Type 6/, 'Enter alone deletes nothing');
      assert.equal(await client.exists('cart:0', 'cart:5'), 2);
      confirm.value = '6';
      await accept();
      const result = await command;
      assert.deepEqual([result?.deleted, result?.cancelled], [6, false]);
      assert.equal(await client.exists(...Array.from({ length: 6 }, (_, i) => `cart:${i}`)), 0, 'every key of the pattern is gone');
      assert.equal(await client.dbsize(), 20 + 5 + 25 + 1, 'session, sessions, orphan and queue keys stay');
      assert.ok((await commandCalls(redis, 'unlink')) > 0 && (await scanCalls(redis)) > 0, 'SCAN and UNLINK did it');
      assert.equal(await commandCalls(redis, 'keys'), 0, 'never KEYS');
      // The folder follows: scanned again when opened, it says so.
      const after = (await api.tree.getChildren(await db0())).find((n) => n.kind === 'pattern' && n.folder.pattern === 'cart:{id}') as NodeOf<'pattern'>;
      assert.deepEqual((await api.tree.getChildren(after)).map((n) => (n.kind === 'notice' ? n.text : n.kind)), ['No keys match cart:*']);
    } finally {
      input.dispose();
      client.disconnect();
    }
  });

  it('Delete Keys Matching… on a pattern folder of a read-only connection is refused before it asks anything', async () => {
    const config = api.connections.require(connectionId);
    readOnlyId = (await api.connections.save({ ...config, id: undefined, name: 'Pattern folders fixture (read-only)', readOnly: true })).id;
    const client = new Redis(redis.port, redis.host);
    try {
      await adminCommand(redis, ['CONFIG', 'RESETSTAT']);
      const session = (await api.tree.getChildren(await db0(readOnlyId))).find((n) => n.kind === 'pattern' && n.folder.pattern === 'session:{id}') as NodeOf<'pattern'>;
      assert.ok(session, 'the session:{id} folder under the read-only connection');
      // Were it to ask, the command would wait for an answer that never comes (and this test time out).
      assert.equal(await vscode.commands.executeCommand(Commands.deleteKeysMatching, session), undefined);
      assert.equal(await client.exists(...Array.from({ length: 20 }, (_, i) => `session:${i}`)), 20);
      assert.equal(await scanCalls(redis), 0, 'not even counted');
    } finally {
      client.disconnect();
    }
  });

  it('follows the code on disk: a new file adds its patterns\' folders, a deleted one takes them away', async () => {
    const later = vscode.Uri.joinPath(files[1], '..', 'folderLater.ts');
    files.push(later);
    await vscode.workspace.fs.writeFile(later, new TextEncoder().encode("import Redis from 'ioredis';\nconst redis = new Redis();\nexport const bill = (id: string) => redis.set(`invoice:${id}`, '1');\n"));
    await eventually(async () => (await Promise.all((await api.tree.getChildren(await db0())).map(label))).includes('invoice:{id}|1 site') || undefined, 'the invoice:{id} folder');
    await vscode.workspace.fs.delete(files[1]);
    const labels = await eventually(async () => {
      const shown = await Promise.all((await api.tree.getChildren(await db0())).map(label));
      return shown.some((l) => l.startsWith('cart:{id}|')) ? undefined : shown;
    }, 'the cart:{id} folder to go');
    assert.ok(!labels.some((l) => l.startsWith('session:{id}|')), labels.join(', '));
  });
});
