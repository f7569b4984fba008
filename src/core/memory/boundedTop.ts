/**
 * The N items with the highest score seen so far, in O(N) memory: a min-heap whose root is the
 * smallest kept item, replaced when a bigger one arrives. Ties keep the earlier item.
 */
export class BoundedTop<T> {
  private readonly heap: { score: number; item: T }[] = [];

  constructor(private readonly limit: number) {}

  /** Whether an item with this score would be kept (check before building the item). */
  accepts(score: number): boolean {
    return this.limit > 0 && (this.heap.length < this.limit || score > this.heap[0].score);
  }

  offer(score: number, item: T): void {
    if (!this.accepts(score)) return;
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push({ score, item });
      this.siftUp(heap.length - 1);
    } else {
      heap[0] = { score, item };
      this.siftDown(0);
    }
  }

  /** Highest score first. */
  sorted(): T[] {
    return [...this.heap].sort((a, b) => b.score - a.score).map((entry) => entry.item);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent].score <= heap[i].score) return;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && heap[left].score < heap[smallest].score) smallest = left;
      if (right < heap.length && heap[right].score < heap[smallest].score) smallest = right;
      if (smallest === i) return;
      [heap[smallest], heap[i]] = [heap[i], heap[smallest]];
      i = smallest;
    }
  }
}
