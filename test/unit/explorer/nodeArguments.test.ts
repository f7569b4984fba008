import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConnectionConfig } from '../../../src/core/redis/connection/connectionConfig';
import { connectionContextValue, databaseContextValue, keyContextValue, type ExplorerNode } from '../../../src/explorer/explorerNode';
import { connectionIdOf, connectionIdOfUri, databaseScopeOf, isExplorerNode, keyTargetOf, patternGlobOf } from '../../../src/explorer/nodeArguments';

const connection = { id: 'c1', name: 'local', kind: 'standalone', host: '127.0.0.1', port: 6379, db: 0, connectTimeoutMs: 5000, keyDelimiter: ':', readOnly: false } as ConnectionConfig;
const scope = { connection, db: 2 };
const key = Buffer.from('user:1');
const nodes: Record<ExplorerNode['kind'], ExplorerNode> = {
  connection: { kind: 'connection', connection },
  database: { kind: 'database', connection, database: { db: 2, keys: 5, expires: 1 } },
  message: { kind: 'message', connection, text: 'refused', icon: 'error' },
  folder: { kind: 'folder', id: 'f', scope, prefix: Buffer.from('user:'), name: Buffer.from('user'), count: 3, complete: true },
  key: { kind: 'key', id: 'k', scope, key, name: Buffer.from('1') },
  loadMore: { kind: 'loadMore', id: 'm', scope, prefix: Buffer.from('user:') },
  notice: { kind: 'notice', id: 'n', scope, text: 'No keys', icon: 'info' },
  pattern: { kind: 'pattern', id: 'p', scope, folder: { pattern: 'session:{id}', glob: 'session:*', templates: ['session:{id}'], sites: [] } },
  otherKeys: { kind: 'otherKeys', id: 'o', scope, tooBroad: [] },
};

describe('command arguments: one set of decoders for every node of the Redis view', () => {
  it('recognises each node kind, and nothing else', () => {
    for (const node of Object.values(nodes)) assert.ok(isExplorerNode(node), node.kind);
    for (const arg of [undefined, null, 'c1', { kind: 'key' }, { kind: 'other', connection }, { connection, db: 0, key }]) assert.equal(isExplorerNode(arg), false);
  });

  it('connectionIdOf: an id, any node (its connection or its database\'s), a key target or { connectionId }', () => {
    assert.equal(connectionIdOf('c9'), 'c9');
    for (const node of Object.values(nodes)) assert.equal(connectionIdOf(node), 'c1', node.kind);
    assert.equal(connectionIdOf({ connection, db: 0, key }), 'c1');
    assert.equal(connectionIdOf({ connectionId: 'c4' }), 'c4');
    for (const arg of [undefined, null, '', 42, {}, { connection: {} }, { connectionId: '' }]) assert.equal(connectionIdOf(arg), undefined);
  });

  it('keyTargetOf: a key node or a key target, never a folder or a database', () => {
    assert.deepEqual(keyTargetOf(nodes.key), { connection, db: 2, key });
    assert.deepEqual(keyTargetOf({ connection, db: 1, key }), { connection, db: 1, key });
    for (const kind of ['connection', 'database', 'folder', 'loadMore', 'notice'] as const) assert.equal(keyTargetOf(nodes[kind]), undefined, kind);
    assert.equal(keyTargetOf({ connection, db: '1', key }), undefined);
    assert.equal(keyTargetOf({ connection, db: 1, key: 'user:1' }), undefined);
  });

  it('databaseScopeOf: the database and the folder prefix a node stands for', () => {
    assert.deepEqual(databaseScopeOf(nodes.database), { scope: { connection, db: 2 }, prefix: Buffer.alloc(0) });
    assert.deepEqual(databaseScopeOf(nodes.folder), { scope, prefix: Buffer.from('user:') });
    assert.deepEqual(databaseScopeOf(nodes.loadMore), { scope, prefix: Buffer.from('user:') });
    assert.deepEqual(databaseScopeOf(nodes.key), { scope, prefix: Buffer.alloc(0) });
    // A pattern folder's keys share no prefix: commands that act on a prefix get the database's.
    assert.deepEqual(databaseScopeOf(nodes.pattern), { scope, prefix: Buffer.alloc(0) });
    assert.deepEqual(databaseScopeOf(nodes.otherKeys), { scope, prefix: Buffer.alloc(0) });
    assert.deepEqual(databaseScopeOf({ connection, db: 4, key }), { scope: { connection, db: 4 }, prefix: Buffer.alloc(0) });
    assert.equal(databaseScopeOf(nodes.connection), undefined);
    assert.equal(databaseScopeOf(nodes.message), undefined);
    assert.equal(databaseScopeOf('c1'), undefined);
  });

  it('patternGlobOf: a pattern folder (its database) or a Key Patterns row analysed on a connection (that connection\'s database)', () => {
    assert.deepEqual(patternGlobOf(nodes.pattern), { scope, glob: 'session:*' });
    const row = { pattern: 'cart:{id}', glob: 'cart:*', inferred: false, code: null, live: null };
    const analysed = { ...connection, db: 5 };
    assert.deepEqual(patternGlobOf({ kind: 'pattern', row, live: { connection: analysed } }), { scope: { connection: analysed, db: 5 }, glob: 'cart:*' });
    // Not analysed on a connection: nowhere to act; and no other node is a pattern.
    assert.equal(patternGlobOf({ kind: 'pattern', row }), undefined);
    assert.equal(patternGlobOf({ kind: 'pattern', row, live: { connection: {} } }), undefined);
    assert.equal(patternGlobOf({ kind: 'site', row, live: { connection } }), undefined);
    for (const kind of ['connection', 'database', 'folder', 'key', 'loadMore', 'notice', 'otherKeys'] as const) assert.equal(patternGlobOf(nodes[kind]), undefined, kind);
    assert.equal(patternGlobOf('c1'), undefined);
  });
});

describe('connectionIdOfUri: which connection an editor belongs to', () => {
  it('reads key editor and value document URIs', () => {
    assert.equal(connectionIdOfUri({ scheme: 'redis-key', query: 'connection=abc&db=0&key=eA' }), 'abc');
    assert.equal(connectionIdOfUri({ scheme: 'redis-value', query: 'connection=x-1&db=2&key=eA%3D%3D' }), 'x-1');
  });
  it('ignores other schemes and URIs without a connection', () => {
    assert.equal(connectionIdOfUri({ scheme: 'file', query: 'connection=abc' }), undefined);
    assert.equal(connectionIdOfUri({ scheme: 'redis-key', query: 'db=0' }), undefined);
    assert.equal(connectionIdOfUri(undefined), undefined);
  });
});

describe('contextValues: the strings package.json menus read', () => {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
  /** `viewItem =~ /…/` and `viewItem == …` conditions of the Redis view's context and inline menus. */
  const conditions = manifest.contributes.menus['view/item/context'].flatMap(({ command, when }) => {
    const regex = /viewItem =~ \/(.+?)\/(?:\s|$)/.exec(when ?? '')?.[1];
    const equal = /viewItem == (\S+)/.exec(when ?? '')?.[1];
    return regex ? [{ command, matches: (v: string) => new RegExp(regex).test(v) }] : equal ? [{ command, matches: (v: string) => v === equal }] : [];
  });
  const menusOf = (value: string): string[] => conditions.filter((c) => c.matches(value)).map((c) => c.command.replace('redisSpecialist.', ''));

  it('connection items get the connection menu; connect or disconnect by state', () => {
    assert.ok(menusOf(connectionContextValue(false, false)).includes('connect'));
    assert.ok(!menusOf(connectionContextValue(false, true)).includes('disconnect'));
    assert.ok(menusOf(connectionContextValue(true, true)).includes('disconnect'));
    assert.ok(menusOf(connectionContextValue(true, false)).includes('openCli'));
  });

  it('database items get the key commands; a filtered one the inline Clear Filter', () => {
    assert.ok(menusOf(databaseContextValue(false, false)).includes('filterKeys'));
    assert.ok(!menusOf(databaseContextValue(true, false)).includes('clearKeyFilter'));
    assert.ok(menusOf(databaseContextValue(true, true)).includes('clearKeyFilter'));
    assert.ok(menusOf('keyFolder').includes('newKey'));
  });

  it('a database offers Show Key Patterns from Code or Show All Keys by what it shows; a pattern folder gets no command that acts on a prefix', () => {
    for (const cluster of [false, true]) {
      const plain = menusOf(databaseContextValue(cluster, false));
      assert.ok(plain.includes('showCodePatternFolders') && !plain.includes('showAllKeys'), plain.join(', '));
      const patterns = menusOf(databaseContextValue(cluster, false, true));
      assert.ok(patterns.includes('showAllKeys') && !patterns.includes('showCodePatternFolders') && patterns.includes('filterKeys'), patterns.join(', '));
    }
    assert.equal(databaseContextValue(true, true, true), 'database.cluster.patterns.filtered');
    assert.ok(menusOf(databaseContextValue(false, true, true)).includes('clearKeyFilter'));
    // Delete Keys Matching… acts on the folder's glob (patternGlobOf), not on a prefix.
    const folder = menusOf('keyPatternFolder');
    assert.deepEqual(folder.sort(), ['deleteKeysMatching', 'findKeyInCode', 'refreshKeys']);
    assert.deepEqual(menusOf('otherKeys'), []);
  });

  it('a Key Patterns row offers Delete Keys Matching… only with figures from a connection (`.live`)', () => {
    for (const base of ['keyPattern', 'keyPattern.inferred']) {
      assert.deepEqual(menusOf(base), ['showKeyPatternInBrowser'], base);
      assert.deepEqual(menusOf(`${base}.live`).sort(), ['deleteKeysMatching', 'showKeyPatternInBrowser'], base);
    }
    assert.deepEqual(menusOf('keyPatternSite'), []);
  });

  it('key items get the key menu; string keys Edit Value as Text', () => {
    assert.ok(menusOf(keyContextValue('hash')).includes('renameKey'));
    assert.ok(!menusOf(keyContextValue('hash')).includes('editStringValue'));
    assert.ok(menusOf(keyContextValue('string')).includes('editStringValue'));
    assert.deepEqual([keyContextValue(undefined), connectionContextValue(true, true), databaseContextValue(true, true)], ['key.unknown', 'connection.connected.readOnly', 'database.cluster.filtered']);
  });
});
