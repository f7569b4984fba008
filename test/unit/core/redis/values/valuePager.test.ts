import assert from 'node:assert/strict';
import { ValuePager } from '../../../../../src/core/redis/values/valuePager';

describe('value pager: pages as its reader recorded them', () => {
  it('moves a positioned page by the step it was read with (rows, or bytes of a string)', () => {
    const pager = new ValuePager(10, 1024);
    pager.recordPosition(1024, 3000, 1024);
    pager.next();
    assert.equal(pager.position, 1024);
    pager.recordPosition(2048, 3000, 1024);
    assert.deepEqual(pager.describe(), { page: 2, hasPrevious: true, hasNext: true, match: '', from: 1024, total: 3000 });
    pager.previous();
    assert.equal(pager.position, 0);
    pager.previous();
    assert.equal(pager.position, 0, 'never before the start');

    const rows = new ValuePager(10, 1024);
    rows.recordPosition(10, 25);
    rows.next();
    rows.recordPosition(20, 25);
    assert.equal(rows.describe().page, 2);
    rows.previous();
    assert.equal(rows.position, 0, 'a row page moves back by the rows per page');
  });

  it('walks cursor pages forward and back, and stops at the last one', () => {
    const pager = new ValuePager(10, 1024);
    pager.recordCursor('17');
    pager.next();
    assert.equal(pager.start, '17');
    pager.recordCursor(undefined);
    assert.deepEqual(pager.describe(), { page: 2, hasPrevious: true, hasNext: false, match: '' });
    pager.next();
    assert.equal(pager.start, '17', 'no page after the last');
    pager.previous();
    assert.equal(pager.start, undefined);
  });

  it('does not page a value read whole', () => {
    const pager = new ValuePager(10, 1024);
    pager.recordPosition(10, 30);
    pager.recordUnpaged();
    pager.next();
    assert.equal(pager.position, 0);
  });

  it('starts over on a search or a change of order', () => {
    const pager = new ValuePager(10, 1024);
    pager.recordCursor('5');
    pager.next();
    pager.search('a*');
    assert.deepEqual([pager.start, pager.position, pager.match], [undefined, 0, 'a*']);
    pager.recordPosition(10, 30);
    pager.next();
    pager.reverse(true);
    assert.deepEqual([pager.position, pager.reversed], [0, true]);
  });
});
