import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDumpFile, dumpLocationOf, unreachableMessage } from '../../../../../src/core/memory/snapshot/dumpLocation';

describe('dump file location', () => {
  it('joins the server\'s dir and dbfilename in the server\'s path syntax', () => {
    assert.equal(dumpLocationOf('/var/lib/redis', 'dump.rdb').path, '/var/lib/redis/dump.rdb');
    assert.equal(dumpLocationOf('/data/', 'snap.rdb').path, '/data/snap.rdb');
    assert.equal(dumpLocationOf('/data', '../other/x.rdb').path, '/other/x.rdb');
    assert.equal(dumpLocationOf('C:\\Redis\\data', 'dump.rdb').path, 'C:\\Redis\\data\\dump.rdb');
    assert.equal(dumpLocationOf('/data', '/abs/dump.rdb').path, '/abs/dump.rdb');
  });

  describe('on this machine', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'dump-location-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('fresh when the file was modified at or after the save started', () => {
      const file = join(dir, 'fresh.rdb');
      writeFileSync(file, 'REDIS0010');
      utimesSync(file, 2000, 2000);
      assert.deepEqual(checkDumpFile(file, 2000), { kind: 'fresh', path: file, bytes: 9 });
      assert.deepEqual(checkDumpFile(file, 2001), { kind: 'stale', path: file, modifiedSeconds: 2000 });
    });

    it('missing when there is no such file (or a directory of that name)', () => {
      assert.deepEqual(checkDumpFile(join(dir, 'nope.rdb'), 0), { kind: 'missing', path: join(dir, 'nope.rdb') });
      assert.deepEqual(checkDumpFile(dir, 0), { kind: 'missing', path: dir });
    });
  });

  it('says where the server wrote it and what to do instead', () => {
    const missing = unreachableMessage({ kind: 'missing', path: '/data/dump.rdb' }, 'redis.internal:6379');
    assert.match(missing, /^redis\.internal:6379 wrote its snapshot to \/data\/dump\.rdb on its own file system, but that path does not exist on this machine/);
    assert.match(missing, /Analyze Dump File…/);
    const stale = unreachableMessage({ kind: 'stale', path: '/data/dump.rdb', modifiedSeconds: 0 }, 'x:1');
    assert.match(stale, /older than the snapshot \(modified 1970-01-01T00:00:00\.000Z\)/);
  });
});
