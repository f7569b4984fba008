/**
 * Squarified treemap layout (Bruls, Huizing, van Wijk 2000): rectangles whose areas are
 * proportional to the values, laid out row by row so that they stay close to squares.
 * Pure geometry, no DOM: the memory report page draws the result in SVG.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TreemapCell<T> extends Box {
  item: T;
  value: number;
}

interface Sized<T> {
  item: T;
  value: number;
  area: number;
}

/** Lays `items` out inside `box`, largest first; items with no positive value get no cell. */
export function squarify<T>(items: readonly { item: T; value: number }[], box: Box): TreemapCell<T>[] {
  const positive = items.filter((i) => Number.isFinite(i.value) && i.value > 0).sort((a, b) => b.value - a.value);
  const total = positive.reduce((sum, i) => sum + i.value, 0);
  if (total <= 0 || !(box.width > 0) || !(box.height > 0)) return [];
  const scale = (box.width * box.height) / total;
  const sized: Sized<T>[] = positive.map((i) => ({ ...i, area: i.value * scale }));
  const cells: TreemapCell<T>[] = [];
  let free: Box = { ...box };
  let row: Sized<T>[] = [];
  for (const next of sized) {
    const side = Math.min(free.width, free.height);
    if (row.length === 0 || worstRatio([...row, next], side) <= worstRatio(row, side)) {
      row.push(next);
    } else {
      free = layoutRow(row, free, false, cells);
      row = [next];
    }
  }
  if (row.length > 0) layoutRow(row, free, true, cells);
  return cells;
}

/** The worst aspect ratio of a row of areas laid along a side of length `side`. */
function worstRatio(row: readonly Sized<unknown>[], side: number): number {
  let sum = 0;
  let max = 0;
  let min = Infinity;
  for (const { area } of row) {
    sum += area;
    max = Math.max(max, area);
    min = Math.min(min, area);
  }
  const side2 = side * side;
  const sum2 = sum * sum;
  return Math.max((side2 * max) / sum2, sum2 / (side2 * min));
}

/**
 * Places a row along the shorter side of `free` and returns what is left. The last cell of a row,
 * and the last row, end exactly on the edge, so rounding never pushes a cell outside the box.
 */
function layoutRow<T>(row: readonly Sized<T>[], free: Box, last: boolean, cells: TreemapCell<T>[]): Box {
  const sum = row.reduce((s, r) => s + r.area, 0);
  const vertical = free.width >= free.height; // a column on the left of a wide box, else a row on top
  const length = vertical ? free.height : free.width;
  const thickness = last ? (vertical ? free.width : free.height) : Math.min(sum / length, vertical ? free.width : free.height);
  let offset = 0;
  row.forEach((r, index) => {
    const extent = index === row.length - 1 ? length - offset : Math.min(r.area / thickness, length - offset);
    cells.push(
      vertical
        ? { item: r.item, value: r.value, x: free.x, y: free.y + offset, width: thickness, height: extent }
        : { item: r.item, value: r.value, x: free.x + offset, y: free.y, width: extent, height: thickness },
    );
    offset += extent;
  });
  return vertical
    ? { x: free.x + thickness, y: free.y, width: Math.max(0, free.width - thickness), height: free.height }
    : { x: free.x, y: free.y + thickness, width: free.width, height: Math.max(0, free.height - thickness) };
}
