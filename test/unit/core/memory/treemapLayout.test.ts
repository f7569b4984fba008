import assert from 'node:assert/strict';
import { squarify, type Box, type TreemapCell } from '../../../../src/core/memory/treemapLayout';

const EPS = 1e-6;

function assertInside(cells: TreemapCell<unknown>[], box: Box): void {
  for (const c of cells) {
    assert.ok(c.width >= 0 && c.height >= 0, `negative size ${JSON.stringify(c)}`);
    assert.ok(c.x >= box.x - EPS && c.y >= box.y - EPS, `outside (top/left) ${JSON.stringify(c)}`);
    assert.ok(c.x + c.width <= box.x + box.width + EPS && c.y + c.height <= box.y + box.height + EPS, `outside (bottom/right) ${JSON.stringify(c)}`);
  }
}

function assertNoOverlap(cells: TreemapCell<unknown>[]): void {
  for (let i = 0; i < cells.length; i++) {
    for (let j = i + 1; j < cells.length; j++) {
      const a = cells[i];
      const b = cells[j];
      const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      assert.ok(w <= EPS || h <= EPS, `cells ${i} and ${j} overlap`);
    }
  }
}

function assertProportional(cells: TreemapCell<unknown>[], box: Box): void {
  const total = cells.reduce((s, c) => s + c.value, 0);
  for (const c of cells) {
    const expected = (c.value / total) * box.width * box.height;
    assert.ok(Math.abs(c.width * c.height - expected) <= 1e-6 * box.width * box.height, `area ${c.width * c.height} for value ${c.value}, expected ${expected}`);
  }
}

/** A small deterministic generator: the same "random" values on every run. */
function values(seed: number, count: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return 1 + (state % 100_000) * (state % 7 === 0 ? 1000 : 1);
  });
}

describe('squarify (treemap layout)', () => {
  it('lays out the classic example of the paper with proportional areas, inside the box, without overlaps', () => {
    const box = { x: 0, y: 0, width: 6, height: 4 };
    const cells = squarify([6, 6, 4, 3, 2, 2, 1].map((value, item) => ({ item, value })), box);
    assert.equal(cells.length, 7);
    assertProportional(cells, box);
    assertInside(cells, box);
    assertNoOverlap(cells);
    // The first row of the paper: the two 6s stacked in a column 3 wide on the left.
    assert.deepEqual(cells.slice(0, 2).map((c) => [c.x, c.y, c.width, c.height]), [[0, 0, 3, 2], [0, 2, 3, 2]]);
  });

  it('covers the whole box with the cells', () => {
    const box = { x: 10, y: 20, width: 800, height: 300 };
    const cells = squarify(values(7, 40).map((value, item) => ({ item, value })), box);
    const covered = cells.reduce((s, c) => s + c.width * c.height, 0);
    assert.ok(Math.abs(covered - box.width * box.height) < 1e-6 * box.width * box.height);
  });

  for (const [seed, count, width, height] of [[1, 1, 100, 50], [2, 13, 640, 480], [3, 200, 300, 900], [4, 57, 1, 1000]] as const) {
    it(`holds its three properties for ${count} skewed values in a ${width}×${height} box`, () => {
      const box = { x: 5, y: 7, width, height };
      const cells = squarify(values(seed, count).map((value, item) => ({ item, value })), box);
      assert.equal(cells.length, count);
      assertProportional(cells, box);
      assertInside(cells, box);
      assertNoOverlap(cells);
    });
  }

  it('keeps cells close to squares for equal values', () => {
    const cells = squarify(Array.from({ length: 16 }, (_, item) => ({ item, value: 1 })), { x: 0, y: 0, width: 400, height: 400 });
    for (const c of cells) assert.ok(Math.max(c.width / c.height, c.height / c.width) < 1.5, `ratio of ${JSON.stringify(c)}`);
  });

  it('gives no cell to zero, negative or non-finite values, and nothing for an empty box', () => {
    const items = [{ item: 'a', value: 0 }, { item: 'b', value: -3 }, { item: 'c', value: Number.NaN }, { item: 'd', value: 5 }];
    assert.deepEqual(squarify(items, { x: 0, y: 0, width: 10, height: 10 }).map((c) => c.item), ['d']);
    assert.deepEqual(squarify(items, { x: 0, y: 0, width: 0, height: 10 }), []);
    assert.deepEqual(squarify([], { x: 0, y: 0, width: 10, height: 10 }), []);
  });
});
