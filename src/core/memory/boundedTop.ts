/**
 * The N items with the highest score seen so far, in O(N) memory: a min-heap whose root is the
 * smallest kept item, replaced when a bigger one arrives. Ties keep the earlier item.
 *
 * Scores and items live in two parallel arrays (no wrapper object per item, no array
 * destructuring to swap), so an offer allocates nothing: a rejected one is a comparison with the
 * root, and an accepted one moves numbers and references. An analysis offers every key of a
 * keyspace to several of these.
 */
export class BoundedTop<T> {
  private readonly scores: Float64Array;
  private readonly items: (T | undefined)[];
  private size = 0;

  constructor(private readonly limit: number) {
    this.scores = new Float64Array(Math.max(0, limit));
    this.items = new Array<T | undefined>(Math.max(0, limit)).fill(undefined);
  }

  /** Whether an item with this score would be kept (check before building the item). */
  accepts(score: number): boolean {
    return this.limit > 0 && (this.size < this.limit || score > this.scores[0]);
  }

  offer(score: number, item: T): void {
    if (!this.accepts(score)) return;
    if (this.size < this.limit) {
      this.siftUp(this.size++, score, item);
    } else {
      this.siftDown(0, score, item);
    }
  }

  /** Highest score first. */
  sorted(): T[] {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => this.scores[b] - this.scores[a]);
    return order.map((i) => this.items[i] as T);
  }

  /** Places (score, item) at hole `i` or above it, moving bigger parents down. */
  private siftUp(i: number, score: number, item: T): void {
    const { scores, items } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (scores[parent] <= score) break;
      scores[i] = scores[parent];
      items[i] = items[parent];
      i = parent;
    }
    scores[i] = score;
    items[i] = item;
  }

  /** Places (score, item) at hole `i` or below it, moving smaller children up. */
  private siftDown(i: number, score: number, item: T): void {
    const { scores, items, size } = this;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && scores[right] < scores[left] ? right : left;
      if (scores[child] >= score) break;
      scores[i] = scores[child];
      items[i] = items[child];
      i = child;
    }
    scores[i] = score;
    items[i] = item;
  }
}
