import assert from 'node:assert/strict';
import { ValuePager } from '../../../../../src/core/redis/values/valuePager';
import { int, pick, prng } from '../../analysis/prng';

/**
 * The pager against a model of the value it pages, over random walks of Next, Previous, First,
 * Search and Reverse: a positioned value (rank, index, byte offset) of `total` items read `step` at
 * a time, and a cursor value (SCAN cursors, stream ids) of a list of pages. After every move and
 * read, the page the editor shows — its number, whether there is a previous and a next page, where
 * it starts — is the model's.
 */
type Move = 'next' | 'previous' | 'first' | 'search' | 'reverse';
const MOVES: Move[] = ['next', 'next', 'next', 'previous', 'previous', 'first', 'search', 'reverse'];

function move(pager: ValuePager, m: Move, rand: () => number): void {
  if (m === 'next') pager.next();
  else if (m === 'previous') pager.previous();
  else if (m === 'first') pager.first();
  else if (m === 'search') pager.search(pick(rand, ['', 'a*', 'f?']));
  else pager.reverse(rand() < 0.5);
}

describe('value pager, stated against a model', () => {
  it('a new pager shows the first page, in natural order, as text', () => {
    const pager = new ValuePager(10, 1024);
    assert.deepEqual([pager.reversed, pager.hex, pager.match, pager.position, pager.start, pager.rows], [false, false, '', 0, undefined, 10]);
    pager.recordCursor('5');
    assert.deepEqual(pager.describe(), { page: 1, hasPrevious: false, hasNext: true, match: '' });
  });

  it('positioned values: the page number, previous and next, where it starts and the total follow the model', () => {
    const rand = prng(0x9a6e);
    for (let run = 0; run < 300; run++) {
      const total = int(rand, 60);
      const step = 1 + int(rand, 12);
      const pager = new ValuePager(step, 1024);
      let at = 0;
      const read = (): void => pager.recordPosition(at + step < total ? at + step : undefined, rand() < 0.8 ? total : undefined, step);
      read();
      for (let i = 0; i < 25; i++) {
        const m = pick(rand, MOVES);
        move(pager, m, rand);
        if (m === 'next' && at + step < total) at += step;
        else if (m === 'previous') at = Math.max(0, at - step);
        else if (m === 'first' || m === 'search' || m === 'reverse') at = 0;
        read();
        assert.equal(pager.position, at, `after ${m}`);
        const shown = pager.describe();
        assert.equal(shown.page, Math.floor(at / step) + 1);
        assert.equal(shown.hasPrevious, at > 0, 'a previous page exactly when not at the start');
        assert.equal(shown.hasNext, at + step < total);
        assert.equal(shown.from, at);
      }
    }
    const unknownTotal = new ValuePager(5, 1024);
    unknownTotal.recordPosition(5, undefined, 5);
    assert.ok(!('total' in unknownTotal.describe()), 'no total shown when none was read');
  });

  it('cursor values: the page number, previous and next and the cursor that starts the page follow the model', () => {
    const rand = prng(0xc0de);
    for (let run = 0; run < 300; run++) {
      const cursors = [undefined, ...Array.from({ length: int(rand, 6) }, (_, i) => String(100 + i))];
      const pager = new ValuePager(10, 1024);
      let page = 0;
      const read = (): void => pager.recordCursor(cursors[page + 1]);
      read();
      for (let i = 0; i < 25; i++) {
        const m = pick(rand, MOVES);
        move(pager, m, rand);
        if (m === 'next' && page + 1 < cursors.length) page++;
        else if (m === 'previous') page = Math.max(0, page - 1);
        else if (m === 'first' || m === 'search' || m === 'reverse') page = 0;
        read();
        assert.equal(pager.start, cursors[page], `after ${m}`);
        assert.deepEqual(pager.describe(), { page: page + 1, hasPrevious: page > 0, hasNext: page + 1 < cursors.length, match: pager.match });
      }
    }
  });

  it('a value that does not page stays where it is on Next, whatever was read before it', () => {
    for (const before of ['cursor', 'position'] as const) {
      const pager = new ValuePager(10, 1024);
      if (before === 'cursor') pager.recordCursor('7');
      else pager.recordPosition(10, 30);
      pager.recordUnpaged();
      pager.next();
      assert.deepEqual([pager.start, pager.position], [undefined, 0], before);
      assert.deepEqual(pager.describe().page, 1);
    }
  });
});
