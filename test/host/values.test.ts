import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import Redis from 'ioredis';
import Mocha from 'mocha';
import { Commands } from '../../src/commands';
import type { RedisSpecialistApi } from '../../src/context';
import type { ConnectionsTreeNode } from '../../src/explorer/explorerNode';
import type { DeleteResult } from '../../src/core/redis/keyspace/bulkDelete';
import type { KeyTreeNode } from '../../src/explorer/explorerNode';
import type { KeyEditorPanel } from '../../src/keyEditor/keyEditorPanel';
import type { WireView } from '../../src/core/protocol/keyEditor';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension, eventually } from './extensionApi';
import { accept, QuickInputDriver } from './quickInputs';
import { webviewPage as page } from './webviewPage';

type AnyNode = ConnectionsTreeNode | KeyTreeNode;
type KeyNode = Extract<KeyTreeNode, { kind: 'key' }>;

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const text = (value: string) => ({ text: value, mode: 'text' as const });
/** Every control of the key editor page that would write: row edits and deletes, add buttons, the enabled key actions. */
const WRITE_BUTTONS = [
  'table.values button[aria-label^="Edit"]',
  'table.values button[aria-label^="Delete"]',
  'button:text-matches("^[+] Add")',
  ...['Rename', 'Set the time to live', 'Remove the time to live', 'Copy the key to a new name', 'Delete the key'].map((title) => `button[aria-label^="${title}"]:not([disabled])`),
].join(', ');
/** The row of a key editor table (by its aria-label) that shows `cell` exactly. */
const row = (table: string, cell: string): string => `table[aria-label="${table}"] tbody tr:has(.cell-text:text-is(${JSON.stringify(cell)}))`;

/** Edits a row in the page as a user does: Edit, type into the inputs, Save; resolves once the page shows `shows`. */
async function editRow(table: string, noun: string, cell: string, inputs: Record<string, string>, shows: string): Promise<void> {
  await page.click(`${row(table, cell)} button[aria-label="Edit ${noun}"]`);
  for (const [label, value] of Object.entries(inputs)) await page.fill(`tr.editing [aria-label="${label}"]`, value);
  await page.click(`tr.editing button[aria-label="Save ${noun}"]`);
  await page.waitFor(row(table, shows));
}

/** "+ Add <noun>", fill the new row, Add; resolves once the page shows `shows`. */
async function addRow(noun: string, inputs: Record<string, string>, shows: string, options: { select?: Record<string, string>; escapes?: string } = {}): Promise<void> {
  await page.click(`button:text-is("+ Add ${noun}")`);
  for (const [label, value] of Object.entries(options.select ?? {})) await page.select(`tr.editing select[aria-label="${label}"]`, value);
  for (const [label, value] of Object.entries(inputs)) await page.fill(`tr.editing [aria-label="${label}"]`, value);
  if (options.escapes) await page.check(`tr.editing input[aria-label^="${options.escapes}: read"]`);
  await page.click(`tr.editing button[aria-label="Add ${noun}"]`);
  await page.waitFor(shows);
}

/** Delete, then the second click that confirms it (a webview has no dialogs); resolves once the row is gone. */
async function deleteRow(rowSelector: string, noun: string): Promise<void> {
  await page.click(`${rowSelector} button[aria-label="Delete ${noun}"]`);
  await page.click(`${rowSelector} button[aria-label="Confirm: Delete ${noun}"]`);
  await page.gone(rowSelector);
}

describe('values: key editor, string documents, key operations, bulk delete', () => {
  let api: RedisSpecialistApi;
  let redis: RedisFixture;
  let client: Redis;
  let connectionId: string;
  let readOnlyId: string;

  before(async () => {
    api = await activateExtension();
    redis = await startStandalone();
    client = new Redis(redis.port, redis.host);
    await client
      .multi()
      .set('greeting', 'hello', 'EX', 3600)
      .set('doc', '{"name":"Ada","id":12345678901234567890}')
      .set('blob', Buffer.from([0x00, 0xff, 0x41]))
      .hset('profile', 'name', 'alice', 'age', '30')
      .rpush('queue', 'a', 'b', 'c')
      .sadd('tags', 'red', 'green')
      .zadd('scores', 1, 'ann', 2, 'bob', 3, 'cy')
      .xadd('events', '1-1', 'type', 'login')
      .xadd('events', '1-2', 'type', 'logout')
      .xgroup('CREATE', 'events', 'mailer', '0')
      .exec();
    const tmp = client.pipeline();
    for (let i = 0; i < 50; i++) tmp.set(`tmp:${i}`, 'x');
    tmp.set('tmpx', 'not in the folder');
    await tmp.exec();
    connectionId = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: redis.url, name: 'Values fixture' });
    const config = api.connections.get(connectionId);
    assert.ok(config);
    readOnlyId = (await api.connections.save({ ...config, id: undefined, name: 'Values fixture (read-only)', readOnly: true })).id;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const id of [connectionId, readOnlyId]) if (id) await vscode.commands.executeCommand(Commands.removeConnection, id);
    client?.disconnect();
    await redis?.stop();
  });

  async function children(node?: AnyNode): Promise<AnyNode[]> {
    return api.tree.getChildren(node);
  }
  async function database(id: string): Promise<AnyNode> {
    const connection = (await children()).find((n) => n.kind === 'connection' && n.connection.id === id) as AnyNode;
    return (await children(connection)).find((n) => n.kind === 'database' && n.database.db === 0) as AnyNode;
  }
  async function keyNode(name: string, id = connectionId): Promise<KeyNode> {
    api.keys.reset();
    const found = (await children(await database(id))).find((n) => n.kind === 'key' && n.key.toString() === name);
    assert.ok(found, `key ${name} in the tree`);
    return found as KeyNode;
  }
  async function openKey(name: string, id = connectionId): Promise<KeyEditorPanel> {
    const node = await keyNode(name, id);
    const panel = await openLoaded(() => vscode.commands.executeCommand<KeyEditorPanel>(Commands.openKey, node), name);
    assert.ok(panel, `an editor for ${name}`);
    return panel;
  }
  /**
   * Opens a tab and waits until its page asked for its view. A page that never starts (seen now and
   * then in code-server's webview host: the frame runs nothing) has its tab reopened by the panel
   * itself; then the key's tab has a new panel, which this follows. The run says when that happened.
   */
  async function openLoaded(open: () => Thenable<KeyEditorPanel>, name: string): Promise<KeyEditorPanel> {
    let panel = await open();
    let reopened = 0;
    const deadline = Date.now() + 60_000;
    // Stages are noted only once the page asked for its view (lastView is set by the read alone).
    while (panel.stages.length === 0) {
      if (Date.now() > deadline) {
        Mocha.reporters.Base.consoleLog(await page.diagnose().catch((e: Error) => e.message));
        throw new Error(`The page of ${name} did not start within 60 s (its tab was reopened ${reopened} times, its page reloaded ${panel.pageReloads} times)`);
      }
      if (panel.isDisposed) {
        reopened++;
        panel = await open();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (reopened || panel.pageReloads) Mocha.reporters.Base.consoleLog(`      the page of ${name} started after its tab was reopened ${reopened} and its page reloaded ${panel.pageReloads} times by the extension`);
    return panel;
  }
  /** The view once the page has loaded (its bundle posts "ready", the host answers with the view). */
  function viewOf<K extends WireView['kind']>(panel: KeyEditorPanel, kind: K): Promise<Extract<WireView, { kind: K }>> {
    // A webview page loads slowly on a busy machine: this bounds a hang, it measures nothing.
    return eventually(() => (panel.lastView?.kind === kind ? (panel.lastView as Extract<WireView, { kind: K }>) : undefined), `a ${kind} view`, 60_000).catch((error: Error) => {
      throw new Error(`${error.message} of ${panel.key.key.toString()} (the panel shows ${panel.lastView?.kind ?? 'nothing yet'}; stages ${panel.stages.map((s) => s.stage).join(', ')})`);
    });
  }

  it('opens a key of each type from the tree in an editor tab with type, TTL, encoding and size', async () => {
    const greeting = await viewOf(await openKey('greeting'), 'string');
    assert.equal(greeting.header.type, 'string');
    assert.ok(greeting.header.ttlMs !== null && greeting.header.ttlMs > 3_500_000, 'TTL in the header');
    assert.equal(greeting.header.encoding, 'embstr');
    assert.equal(greeting.header.size, 5);
    assert.deepEqual([greeting.format, greeting.text, greeting.complete], ['text', 'hello', true]);

    const doc = await viewOf(await openKey('doc'), 'string');
    assert.equal(doc.format, 'json');
    assert.match(doc.text, /\n {2}"id": 12345678901234567890\n/, 'pretty-printed, digits kept');

    const blob = await viewOf(await openKey('blob'), 'string');
    assert.deepEqual([blob.format, blob.text], ['binary', '\\x00\\xffA']);

    const profile = await viewOf(await openKey('profile'), 'hash');
    assert.deepEqual(profile.rows.map((r) => [r.field.text, r.value.text]).sort(), [['age', '30'], ['name', 'alice']]);
    assert.equal(profile.header.size, 2);

    const queue = await viewOf(await openKey('queue'), 'list');
    assert.deepEqual(queue.rows.map((r) => `${r.index}:${r.value.text}`), ['0:a', '1:b', '2:c']);

    const tags = await viewOf(await openKey('tags'), 'set');
    assert.deepEqual(tags.rows.map((r) => r.text).sort(), ['green', 'red']);

    const scores = await viewOf(await openKey('scores'), 'zset');
    assert.deepEqual(scores.rows.map((r) => `${r.rank}:${r.member.text}:${r.score}`), ['0:ann:1', '1:bob:2', '2:cy:3']);

    const eventsPanel = await openKey('events');
    const events = await viewOf(eventsPanel, 'stream');
    assert.deepEqual(events.entries.map((e) => e.id), ['1-2', '1-1'], 'newest first');
    assert.deepEqual(events.groups.map((g) => [g.name.text, g.consumers, g.pending]), [['mailer', 0, 0]]);

    assert.equal(await openKey('events'), eventsPanel, 'opening a key again shows its tab');
  });

  /** The key editor tabs now open, with their labels and whether each is a preview. */
  function keyTabs(): { label: string; preview: boolean }[] {
    return vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === 'redisSpecialist.keyEditor')
      .map((t) => ({ label: t.label, preview: t.isPreview }));
  }

  it('opens a key in a preview tab: the header before the first page, an open tab revealed without reading again', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const node = await keyNode('greeting');
    const clicked = performance.now();
    const clickedAt = Date.now();
    const panel = await openLoaded(() => vscode.commands.executeCommand<KeyEditorPanel>(Commands.openKey, node), 'greeting');
    await eventually(() => panel.stages.some((s) => s.stage === 'page'), 'the page shows the first page');
    assert.deepEqual(panel.stages.map((s) => s.stage), ['header', 'page'], 'the header is shown first, then the first page');
    const [header, page] = panel.stages.map((s) => Math.round(s.at - clicked));
    const read = (panel.lastView as Extract<WireView, { header: unknown }>).header.readAt - clickedAt;
    // Printed through the reporter: the extension host's console goes to code-server's log.
    Mocha.reporters.Base.consoleLog(`      open time on a local server: key read ${read} ms, header shown ${header} ms, first page ${page} ms after the click (the page's load decides)`);
    assert.equal(panel.uri.scheme, 'redis-key');

    assert.equal(await vscode.commands.executeCommand(Commands.openKey, node), panel);
    assert.equal(panel.stages.length, 2, 'revealing an open tab reads nothing');
    assert.deepEqual(keyTabs(), [{ label: 'greeting', preview: true }]);

    const queue = await openKey('queue');
    await viewOf(queue, 'list');
    assert.deepEqual(keyTabs(), [{ label: 'queue', preview: true }], 'the next single click reuses the preview tab');

    await addRow('element', { Element: 'pinned' }, row('List elements', 'pinned'));
    await eventually(() => keyTabs().some((t) => t.label === 'queue' && !t.preview), 'an edited tab is kept open');
    await client.rpop('queue');
    await viewOf(await openKey('tags'), 'set');
    assert.deepEqual(keyTabs().map((t) => t.label).sort(), ['queue', 'tags'], 'a kept tab is not replaced by the next preview');
  });

  it('reopens a tab in place, preview and all, with a new page that shows the key (what it does when a page does not start)', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const node = await keyNode('greeting');
    const first = await openLoaded(() => vscode.commands.executeCommand<KeyEditorPanel>(Commands.openKey, node), 'greeting');
    await viewOf(first, 'string');
    await first.reopenTab();
    await eventually(() => first.isDisposed || undefined, 'the first panel to go with its tab');
    const second = await openLoaded(() => vscode.commands.executeCommand<KeyEditorPanel>(Commands.openKey, node), 'greeting (reopened)');
    assert.notEqual(second, first, 'a new panel, so a new webview frame');
    assert.equal((await viewOf(second, 'string')).text, 'hello');
    assert.deepEqual(keyTabs(), [{ label: 'greeting', preview: true }]);
    await second.reopenTab(); // a reopen would have closed the tab before this resolves
    assert.equal(second.isDisposed, false, 'a tab reopened a moment ago is not reopened again (no loop): the user is told instead');
  });

  it('keeps showing an open key, read-only, when its connection is removed', async () => {
    const config = api.connections.get(connectionId);
    assert.ok(config);
    const temporary = await api.connections.save({ ...config, id: undefined, name: 'Values fixture (temporary)' });
    const panel = await vscode.commands.executeCommand<KeyEditorPanel>(Commands.openKey, { connection: temporary, db: 0, key: Buffer.from('tags') });
    await viewOf(panel, 'set');
    await vscode.commands.executeCommand(Commands.removeConnection, temporary.id);
    // The page asks for its view again when VS Code reloads a hidden tab.
    await panel.handlePageMessage({ type: 'ready' });
    assert.equal(panel.lastView?.kind, 'set');
  });

  it('Open Key… suggests the keys that start with what is typed, the exact name always first', async () => {
    const driver = new QuickInputDriver(api);
    try {
      const opening = vscode.commands.executeCommand<KeyEditorPanel>(Commands.openKey, await database(connectionId));
      const widget = (await driver.next()) as vscode.QuickPick<vscode.QuickPickItem>;
      widget.value = 'sco';
      await eventually(() => widget.items.some((i) => i.label === 'scores'), 'a suggestion from SCAN');
      assert.deepEqual(widget.items.map((i) => i.label), ['sco', 'scores'], 'the typed name first, then the keys that start with it');
      widget.value = 'scores';
      await eventually(() => !widget.busy && widget.items.length === 1, 'the typed name, once, when it is a key');
      widget.activeItems = [widget.items[0]];
      await accept();
      await viewOf(await opening, 'zset');
    } finally {
      driver.dispose();
    }
  });

  it('says so, instead of spinning, when a restored tab names a connection that is gone', async () => {
    const uri = vscode.Uri.from({ scheme: 'redis-key', path: '/Removed · db0/ghost', query: new URLSearchParams({ connection: 'no-such-connection', db: '0', key: Buffer.from('ghost').toString('base64url') }).toString() });
    await vscode.commands.executeCommand('vscode.openWith', uri, 'redisSpecialist.keyEditor');
    await eventually(() => keyTabs().some((t) => t.label === 'ghost'), 'a tab for the restored key');
    const note = await page.text('.missing .note');
    assert.match(note, /^The connection of this key no longer exists in settings \(redisSpecialist\.connections\), so the key cannot be read\. Close this tab, or add the connection again\.$/);
    assert.equal(await page.count('.busy, [aria-busy="true"]'), 0, 'no progress bar running');
    assert.equal(await page.count(WRITE_BUTTONS), 0, 'nothing offered that writes');
  });

  it('pages and searches a collection on the host side', async () => {
    await client.hset('wide', Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`f${i}`, `v${i}`])));
    const panel = await openKey('wide');
    const first = await viewOf(panel, 'hash');
    assert.ok(first.rows.length >= 200 && first.paging.hasNext && !first.paging.hasPrevious);
    await panel.handlePageMessage({ type: 'page', direction: 'next' });
    const second = panel.lastView as Extract<WireView, { kind: 'hash' }>;
    assert.equal(second.paging.page, 2);
    assert.ok(second.paging.hasPrevious);
    await panel.handlePageMessage({ type: 'search', match: 'f44?' });
    const found = panel.lastView as Extract<WireView, { kind: 'hash' }>;
    assert.deepEqual(found.rows.map((r) => r.field.text).sort(), Array.from({ length: 10 }, (_, i) => `f44${i}`));
  });

  it('edits a string in a text editor and keeps its TTL; JSON is stored back compact', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(Commands.editStringValue, await keyNode('greeting'));
    assert.ok(editor);
    assert.equal(editor.document.uri.scheme, 'redis-value');
    assert.equal(editor.document.getText(), 'hello');
    await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, 0, 5), 'hello, world'));
    assert.ok(await editor.document.save(), 'saved');
    assert.equal(await client.get('greeting'), 'hello, world');
    assert.ok((await client.pttl('greeting')) > 3_500_000, 'SET … KEEPTTL kept the TTL');

    const json = await vscode.commands.executeCommand<vscode.TextEditor>(Commands.editStringValue, await keyNode('doc'));
    assert.ok(json);
    assert.equal(json.document.languageId, 'json');
    const text = json.document.getText();
    await json.edit((edit) => edit.replace(new vscode.Range(json.document.positionAt(text.indexOf('Ada')), json.document.positionAt(text.indexOf('Ada') + 3)), 'Grace'));
    assert.ok(await json.document.save());
    assert.equal(await client.get('doc'), '{"name":"Grace","id":12345678901234567890}');
  });

  it('edits, adds and deletes hash fields, list elements, set and sorted-set members and stream entries in the page', async function () {
    this.timeout(300_000);
    // Each edit is made in the real page: its script posts the message the panel receives. Each key
    // gets a tab of its own (the previous ones closed), so no page waits behind a reused preview tab.
    const openFresh = async (name: string): Promise<KeyEditorPanel> => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      return openKey(name);
    };
    await viewOf(await openFresh('profile'), 'hash');
    await editRow('Hash fields', 'field', 'name', { Value: 'bob' }, 'bob');
    await addRow('field', { Field: 'city', Value: 'Paris' }, row('Hash fields', 'Paris'));
    await deleteRow(row('Hash fields', 'age'), 'field');
    await addRow('field', { Field: 'bin\\xff', Value: 'raw' }, row('Hash fields', 'bin\\xff'), { escapes: 'Field' });
    assert.deepEqual(await client.hgetall('profile'), { name: 'bob', city: 'Paris', 'bin\ufffd': 'raw' });
    assert.equal((await client.hgetBuffer('profile', Buffer.from([0x62, 0x69, 0x6e, 0xff])))?.toString(), 'raw', 'escapes were read as bytes');

    await viewOf(await openFresh('queue'), 'list');
    await editRow('List elements', 'element', 'b', { Element: 'B' }, 'B');
    await addRow('element', { Element: 'first' }, row('List elements', 'first'), { select: { 'Where to add': 'head' } });
    await deleteRow(row('List elements', 'c'), 'element');
    assert.deepEqual(await client.lrange('queue', 0, -1), ['first', 'a', 'B']);

    await viewOf(await openFresh('tags'), 'set');
    await editRow('Set members', 'member', 'red', { Member: 'blue' }, 'blue');
    await page.gone(row('Set members', 'red'));
    assert.deepEqual((await client.smembers('tags')).sort(), ['blue', 'green']);

    await viewOf(await openFresh('scores'), 'zset');
    await editRow('Sorted set members', 'member', 'ann', { Score: '10' }, 'ann');
    await page.waitFor(`${row('Sorted set members', 'ann')} span.number:text-is("10")`);
    await deleteRow(row('Sorted set members', 'bob'), 'member');
    assert.deepEqual(await client.zrange('scores', 0, -1, 'WITHSCORES'), ['cy', '3', 'ann', '10']);

    await viewOf(await openFresh('events'), 'stream');
    const entry = (id: string): string => `table[aria-label="Stream entries"] tbody tr:has(.stream-id:text-is("${id}"))`;
    await addRow('entry', { 'Entry id': '2-0', Field: 'type', Value: 'signup' }, entry('2-0'));
    await deleteRow(entry('1-1'), 'entry');
    assert.deepEqual((await client.xrange('events', '-', '+')).map(([id]) => id), ['1-2', '2-0']);
  });

  it('renames (refusing to replace unless told), sets and removes TTLs, duplicates and deletes keys', async () => {
    await client.set('old', 'v', 'EX', 500);
    await client.set('taken', 'other');
    const panel = await openKey('old');
    await viewOf(panel, 'string');

    await vscode.commands.executeCommand(Commands.renameKey, await keyNode('old'), { newName: 'taken' });
    assert.equal(await client.get('taken'), 'other', 'RENAMENX did not replace an existing key');
    await vscode.commands.executeCommand(Commands.renameKey, await keyNode('old'), { newName: 'new' });
    assert.deepEqual([await client.exists('old'), await client.get('new')], [0, 'v']);
    await eventually(() => panel.key.key.toString() === 'new' && panel.lastView?.kind === 'string', 'the editor follows the rename');

    await vscode.commands.executeCommand(Commands.setKeyTtl, await keyNode('new'), { seconds: 100 });
    const ttl = await client.ttl('new');
    assert.ok(ttl > 90 && ttl <= 100, `TTL ${ttl}`);
    await vscode.commands.executeCommand(Commands.persistKey, await keyNode('new'));
    assert.equal(await client.ttl('new'), -1);

    await client.expire('new', 300);
    await vscode.commands.executeCommand(Commands.duplicateKey, await keyNode('new'), { newName: 'new:copy' });
    assert.equal(await client.get('new:copy'), 'v');
    assert.ok((await client.ttl('new:copy')) > 200, 'the copy keeps the TTL');

    await vscode.commands.executeCommand(Commands.deleteKey, await keyNode('new'), {});
    assert.equal(await client.exists('new'), 0);
    await eventually(() => panel.lastView?.kind === 'missing', 'the editor shows the key is gone');
  });

  it('creates a key of each type with an optional TTL', async () => {
    const db = await database(connectionId);
    const make = (args: object) => vscode.commands.executeCommand(Commands.newKey, db, args);
    await make({ type: 'string', name: 'made:string', first: 'v', ttlSeconds: 60 });
    await make({ type: 'hash', name: 'made:hash', first: 'f', second: 'v' });
    await make({ type: 'list', name: 'made:list', first: 'e', ttlSeconds: 60 });
    await make({ type: 'set', name: 'made:set', first: 'm' });
    await make({ type: 'zset', name: 'made:zset', first: 'm', second: '2.5' });
    await make({ type: 'stream', name: 'made:stream', first: 'f', second: 'v' });
    const types = await Promise.all(['string', 'hash', 'list', 'set', 'zset', 'stream'].map((t) => client.type(`made:${t}`)));
    assert.deepEqual(types, ['string', 'hash', 'list', 'set', 'zset', 'stream']);
    assert.ok((await client.ttl('made:string')) > 0 && (await client.ttl('made:list')) > 0);
    assert.equal(await client.ttl('made:hash'), -1);
    assert.equal(await client.zscore('made:zset', 'm'), '2.5');
  });

  it('New Key… counts only the steps it shows, and says up front that JSON needs a module this server lacks', async () => {
    const driver = new QuickInputDriver(api);
    try {
      const creating = vscode.commands.executeCommand(Commands.newKey, await database(connectionId));
      const typeStep = await driver.pick(/Type of the new key/, (items) => [items.find((i) => i.label === 'List') as vscode.QuickPickItem]);
      assert.ok(!typeStep.items.some((i) => /JSON/.test(i.label)), 'no JSON type offered without RedisJSON');
      assert.match(typeStep.placeholder ?? '', /JSON documents need the RedisJSON module/);
      const name = await driver.type(/Key name/, 'made:counted');
      const element = await driver.type(/First element/, 'e1');
      const ttl = await driver.type(/Time to live/, '');
      await creating;
      assert.deepEqual([typeStep, name, element, ttl].map((w) => w.step), [1, 2, 3, 4], 'no number skipped');
      assert.deepEqual([name, element, ttl].map((w) => w.totalSteps), [4, 4, 4]);
      assert.deepEqual(await client.lrange('made:counted', 0, -1), ['e1']);
    } finally {
      driver.dispose();
    }
  });

  it('New Key… writes a string in a multi-line editor whose first save creates the key with its TTL', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(Commands.newKey, await database(connectionId), { type: 'string', name: 'made:multiline', first: '', inEditor: true, ttlSeconds: 120 });
    assert.ok(editor, 'a document for the new value');
    assert.equal(editor.document.uri.scheme, 'redis-value');
    assert.equal(await client.exists('made:multiline'), 0, 'nothing is created before the save');
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'first line\nsecond line'));
    assert.ok(await editor.document.save(), 'saved');
    assert.equal(await client.get('made:multiline'), 'first line\nsecond line');
    const ttl = await client.ttl('made:multiline');
    assert.ok(ttl > 100 && ttl <= 120, `TTL ${ttl}`);
    await editor.edit((edit) => edit.insert(editor.document.positionAt(editor.document.getText().length), '!'));
    assert.ok(await editor.document.save(), 'saved again');
    assert.equal(await client.get('made:multiline'), 'first line\nsecond line!', 'later saves edit the key');
    assert.ok((await client.ttl('made:multiline')) > 100, 'and keep its TTL');
  });

  it('deletes all and only the keys of a folder', async () => {
    const folder = (await children(await database(connectionId))).find((n) => n.kind === 'folder' && n.name.toString() === 'tmp');
    assert.ok(folder, 'the tmp folder');
    const result = await vscode.commands.executeCommand<DeleteResult>(Commands.deleteKeysMatching, folder, {});
    assert.deepEqual([result?.deleted, result?.cancelled], [50, false]);
    assert.equal((await client.scan('0', 'MATCH', 'tmp:*', 'COUNT', 1000))[1].length, 0);
    assert.equal(await client.get('tmpx'), 'not in the folder');
    assert.equal(await client.get('greeting'), 'hello, world');
  });

  it('refuses every write on a read-only connection', async () => {
    await client.set('guarded', 'keep', 'EX', 1000);
    await vscode.commands.executeCommand(Commands.renameKey, await keyNode('guarded', readOnlyId), { newName: 'moved' });
    await vscode.commands.executeCommand(Commands.setKeyTtl, await keyNode('guarded', readOnlyId), { seconds: 5 });
    await vscode.commands.executeCommand(Commands.persistKey, await keyNode('guarded', readOnlyId));
    await vscode.commands.executeCommand(Commands.duplicateKey, await keyNode('guarded', readOnlyId), { newName: 'guarded:copy' });
    await vscode.commands.executeCommand(Commands.deleteKey, await keyNode('guarded', readOnlyId), {});
    await vscode.commands.executeCommand(Commands.newKey, await database(readOnlyId), { type: 'string', name: 'ro:new', first: 'x' });
    const bulk = await vscode.commands.executeCommand(Commands.deleteKeysMatching, await database(readOnlyId), { pattern: 'guarded*' });
    assert.equal(bulk, undefined, 'bulk delete refused');
    assert.equal(await client.get('guarded'), 'keep');
    assert.ok((await client.ttl('guarded')) > 900, 'TTL untouched');
    assert.deepEqual(await client.exists('moved', 'guarded:copy', 'ro:new'), 0);

    const panel = await openKey('profile', readOnlyId);
    await viewOf(panel, 'hash');
    await page.waitFor(row('Hash fields', 'bob'));
    assert.equal(await page.count(WRITE_BUTTONS), 0, 'the page offers no write');
    assert.ok((await page.count('button:not([disabled])', 'Refresh')) === 1, 'reading again is still offered');
    // A message the page never sends on a read-only connection is refused by the host too.
    await panel.handlePageMessage({ type: 'edit', edit: { op: 'hashSet', field: text('name'), value: text('mallory'), original: b64('name') } });
    assert.equal(await client.hget('profile', 'name'), 'bob');

    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(Commands.editStringValue, await keyNode('guarded', readOnlyId));
    assert.ok(editor);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(editor.document.uri, Buffer.from('changed'))), /read-only/);
    assert.equal(await client.get('guarded'), 'keep');
  });
});
