import assert from 'node:assert/strict';
import { formatKeyCount } from '../../../../src/core/redis/bytes/formatCount';
import { KeyspaceTree, type FolderLevel } from '../../../../src/core/redis/keyspace/keyspaceTree';

const b = (text: string): Buffer => Buffer.from(text, 'latin1');
const names = (level: FolderLevel): { folders: string[]; leaves: string[] } => ({
  folders: level.folders.map((f) => `${f.name.toString('latin1')}(${f.keyCount})`),
  leaves: level.leaves.map((l) => l.name.toString('latin1')),
});

describe('KeyspaceTree', () => {
  it('counts keys below and directly in a folder without listing it, as level() does', () => {
    const tree = new KeyspaceTree(':');
    tree.addAll(['a:1', 'a:2', 'a:b:3', 'c'].map((k) => Buffer.from(k)));
    for (const prefix of ['', 'a:', 'a:b:', 'zz:']) {
      const level = tree.level(Buffer.from(prefix));
      assert.deepEqual(tree.counts(Buffer.from(prefix)), { keyCount: level.keyCount, leafCount: level.leafCount }, prefix);
    }
    assert.deepEqual(tree.counts(Buffer.from('a:')), { keyCount: 3, leafCount: 2 });
  });

  it('groups keys into folders by the delimiter with counts at every depth', () => {
    const tree = new KeyspaceTree(':');
    tree.addAll(['user:1:name', 'user:1:email', 'user:2:name', 'session:abc', 'plain', 'user:top'].map(b));
    assert.equal(tree.size, 6);
    assert.deepEqual(names(tree.level(b(''))), { folders: ['session(1)', 'user(4)'], leaves: ['plain'] });
    assert.deepEqual(names(tree.level(b('user:'))), { folders: ['1(2)', '2(1)'], leaves: ['top'] });
    const one = tree.level(b('user:1:'));
    assert.deepEqual(names(one), { folders: [], leaves: ['email', 'name'] });
    assert.deepEqual(one.leaves[0].key, b('user:1:email'));
    assert.equal(tree.level(b('')).keyCount, 6);
    assert.deepEqual(tree.level(b('user:')).folders[0].prefix, b('user:1:'));
  });

  it('ignores keys SCAN returns twice', () => {
    const tree = new KeyspaceTree(':');
    assert.equal(tree.addAll([b('a:1'), b('a:2'), b('a:1')]), 2);
    assert.equal(tree.add(b('a:2')), false);
    assert.equal(tree.level(b('a:')).leafCount, 2);
    assert.equal(tree.size, 2);
  });

  it('marks counts partial until a scan covering the folder finished', () => {
    const tree = new KeyspaceTree(':');
    tree.addAll([b('a:x:1'), b('a:y:1'), b('b:1')]);
    const top = tree.level(b(''));
    assert.equal(top.complete, false);
    assert.equal(formatKeyCount(top.folders[0].keyCount, top.folders[0].complete), '≥ 2');
    tree.markComplete(b('a:x:'));
    assert.equal(tree.level(b('a:')).folders.find((f) => f.name.toString() === 'x')?.complete, true);
    assert.equal(tree.level(b('a:')).folders.find((f) => f.name.toString() === 'y')?.complete, false);
    assert.equal(tree.isComplete(b('a:')), false);
    tree.markComplete(b(''));
    assert.equal(tree.isComplete(b('a:y:')), true);
    assert.equal(formatKeyCount(3, tree.level(b('')).complete), '3');
  });

  it('writes counts grouped the same way everywhere (1,531)', () => {
    assert.equal(formatKeyCount(1531, true), '1,531');
    assert.equal(formatKeyCount(1_000_000, false), '≥ 1,000,000');
    assert.equal(formatKeyCount(7, true), '7');
  });

  it('treats a trailing delimiter as part of a key and keeps empty segments as folders', () => {
    const tree = new KeyspaceTree(':');
    tree.addAll([b('a:'), b('a:b'), b('a::c'), b(':lead')]);
    assert.deepEqual(names(tree.level(b(''))), { folders: ['(1)', 'a(2)'], leaves: ['a:'] });
    assert.deepEqual(names(tree.level(b('a:'))), { folders: ['(1)'], leaves: ['b'] });
    assert.deepEqual(names(tree.level(b('a::'))), { folders: [], leaves: ['c'] });
  });

  it('supports multi-byte delimiters and no delimiter at all', () => {
    const tree = new KeyspaceTree('::');
    tree.addAll([b('a::b::c'), b('a:b'), b('a:::x')]);
    assert.deepEqual(names(tree.level(b(''))), { folders: ['a(2)'], leaves: ['a:b'] });
    assert.deepEqual(names(tree.level(b('a::'))), { folders: ['b(1)'], leaves: [':x'] });
    const flat = new KeyspaceTree('');
    flat.addAll([b('a:b'), b('c')]);
    assert.deepEqual(names(flat.level(b(''))), { folders: [], leaves: ['a:b', 'c'] });
  });

  it('is binary-safe: any byte, including the delimiter byte inside binary data', () => {
    const tree = new KeyspaceTree(':');
    const keys = Array.from({ length: 256 }, (_, i) => Buffer.of(0x62, 0x3a, i));
    tree.addAll(keys);
    const level = tree.level(b('b:'));
    // "b::" ends with the delimiter, so it is a key (named ":") rather than an empty folder.
    assert.equal(level.leafCount, 256);
    assert.deepEqual(level.folders, []);
    assert.deepEqual(names(tree.level(b('')))?.folders, ['b(256)']);
    assert.ok(tree.has(Buffer.of(0x62, 0x3a, 0xff)));
    assert.ok(!tree.has(Buffer.of(0x62, 0x3a)));
  });

  it('forgets a deleted key everywhere and can load it again', () => {
    const tree = new KeyspaceTree(':');
    tree.addAll([b('a:b:1'), b('a:b:2'), b('c')]);
    assert.equal(tree.remove(b('a:b:1')), true);
    assert.equal(tree.remove(b('a:b:1')), false);
    assert.equal(tree.size, 2);
    assert.deepEqual(names(tree.level(b('a:b:'))).leaves, ['2']);
    tree.remove(b('a:b:2'));
    assert.deepEqual(names(tree.level(b(''))), { folders: [], leaves: ['c'] }, 'an empty folder disappears');
    assert.equal(tree.add(b('a:b:1')), true);
    assert.deepEqual(names(tree.level(b(''))).folders, ['a(1)']);
  });

  it('pages leaves, sorted up to sortLimit and in load order beyond it', () => {
    const tree = new KeyspaceTree(':');
    tree.addAll(['k:c', 'k:a', 'k:d', 'k:b'].map(b));
    assert.deepEqual(names(tree.level(b('k:'), { leafOffset: 1, leafLimit: 2 })).leaves, ['b', 'c']);
    const unsorted = tree.level(b('k:'), { sortLimit: 3, leafLimit: 3 });
    assert.equal(unsorted.leavesSorted, false);
    assert.deepEqual(names(unsorted).leaves, ['c', 'a', 'd']);
    assert.equal(unsorted.leafCount, 4);
  });

  it('returns an empty level for a folder it has never seen', () => {
    const tree = new KeyspaceTree(':');
    tree.add(b('a:1'));
    const level = tree.level(b('zzz:'));
    assert.equal(level.keyCount, 0);
    assert.deepEqual(level.folders, []);
  });

  it('keeps many keys and folders exact through index growth', () => {
    const tree = new KeyspaceTree(':');
    for (let i = 0; i < 60_000; i++) tree.add(b(`t${i % 7}:u${i % 3001}:${i}`));
    for (let i = 0; i < 60_000; i += 997) tree.add(b(`t${i % 7}:u${i % 3001}:${i}`));
    assert.equal(tree.size, 60_000);
    const top = tree.level(b(''));
    assert.equal(top.folders.length, 7);
    assert.equal(top.folders.reduce((sum, f) => sum + f.keyCount, 0), 60_000);
    const t0 = tree.level(b('t0:'));
    assert.equal(t0.folders.reduce((sum, f) => sum + f.keyCount, 0), t0.keyCount);
    assert.ok(tree.has(b(`t${59999 % 7}:u${59999 % 3001}:59999`)));
    let visited = 0;
    tree.forEachKey(() => visited++);
    assert.equal(visited, 60_000);
  });

  it('keeps every key findable when room is reserved after keys were loaded', () => {
    const tree = new KeyspaceTree(':');
    for (let i = 0; i < 3000; i++) tree.add(b(`r:${i}`));
    tree.reserve(100_000);
    for (let i = 0; i < 3000; i++) assert.equal(tree.add(b(`r:${i}`)), false, `r:${i} is a duplicate`);
    for (let i = 3000; i < 5000; i++) tree.add(b(`r:${i}`));
    assert.equal(tree.size, 5000);
    assert.equal(tree.level(b('r:')).leafCount, 5000);
  });

  it('copies what it returns, so items outlive the tree', () => {
    const tree = new KeyspaceTree(':');
    const source = b('x:1');
    tree.add(source);
    source[2] = 0x32;
    const leaf = tree.level(b('x:')).leaves[0];
    assert.deepEqual(leaf.key, b('x:1'));
    leaf.key[2] = 0x39;
    assert.deepEqual(tree.level(b('x:')).leaves[0].key, b('x:1'));
  });
});
