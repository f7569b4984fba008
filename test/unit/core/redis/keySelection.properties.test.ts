import assert from 'node:assert/strict';
import { globMatches } from '../../../../src/core/redis/keyspace/globMatch';
import { nameMatches, parseKeyFilter, patternInMode, scanPlanFor, selectionWithin, type KeyFilter, type KeyTargetPattern } from '../../../../src/core/redis/keyspace/keyFilter';

/** Keys around the patterns below: shared prefixes, metacharacters in names, binary bytes. */
const KEYS = ['user:1', 'user:10', 'user:1:name', 'user:2', 'users', 'user*', 'user*1', 'u', '', 'session:1', 'user:\xff', 'user:[1]'].map((k) => Buffer.from(k, 'latin1'));
const TARGETS: KeyTargetPattern[] = [
  patternInMode('user:', 'exact'),
  patternInMode('user:1', 'exact'),
  patternInMode('user*', 'exact'),
  patternInMode('u', 'exact'),
  patternInMode('user:?', 'glob'),
  patternInMode('*1', 'glob'),
  patternInMode('user:[12]*', 'glob'),
];
const FILTERS: KeyFilter[] = ['', 'user:', 'user:1', 'us', 'session', 'user\\*', 'user:*', '*:1', 'user:\\xff'].map((text) => parseKeyFilter(text, text === 'us' ? 'hash' : undefined));

describe('key selection, stated as properties', () => {
  it('a bulk selection visits exactly the keys matching both the target and the tree filter, with the filter type', () => {
    for (const target of TARGETS) {
      for (const filter of FILTERS) {
        const selection = selectionWithin(target, filter);
        assert.equal(selection.type, filter.type);
        for (const key of KEYS) {
          const visited = globMatches(selection.match, key) && (selection.keep?.(key) ?? true);
          const wanted = nameMatches(target, key) && nameMatches(filter.pattern, key);
          assert.equal(visited, wanted, `${JSON.stringify(target)} within ${filter.text ?? 'all'}: ${key.toString('latin1')}`);
        }
      }
    }
  });

  it('a prefix contained in the other needs no per-key check', () => {
    for (const [target, filter] of [['user:1', 'user:'], ['user:', 'user:1'], ['user:', '']] as const) {
      assert.equal(selectionWithin(patternInMode(target, 'exact'), parseKeyFilter(filter)).keep, undefined, `${target} within ${filter}`);
    }
  });

  it("a folder's scan finds every key of the folder the filter shows, and scans the folder alone when it can", () => {
    for (const filter of FILTERS) {
      for (const folder of ['', 'user:', 'user:1:', 'u'].map((f) => Buffer.from(f))) {
        const plan = scanPlanFor(filter, folder);
        for (const key of KEYS) {
          const inFolder = key.subarray(0, folder.length).equals(folder);
          if (inFolder && nameMatches(filter.pattern, key)) assert.ok(plan.match === undefined || globMatches(plan.match, key), `${filter.text ?? 'all'} / ${folder.toString()}: ${key.toString('latin1')}`);
        }
        if (plan.scope.length > 0) assert.deepEqual(plan.scope, folder);
      }
    }
    assert.deepEqual(scanPlanFor(parseKeyFilter(''), Buffer.alloc(0)), { scope: Buffer.alloc(0) });
    assert.deepEqual(scanPlanFor(parseKeyFilter('user:'), Buffer.from('user:1:')), { match: Buffer.from('user:1:*'), scope: Buffer.from('user:1:') });
    assert.deepEqual(scanPlanFor(parseKeyFilter('user:1'), Buffer.from('user:')), { match: Buffer.from('user:1*'), scope: Buffer.alloc(0) });
    assert.deepEqual(scanPlanFor(parseKeyFilter('user:'), Buffer.alloc(0)), { match: Buffer.from('user:*'), scope: Buffer.alloc(0) });
  });
});
