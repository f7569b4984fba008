/**
 * Refreshes of a tree view, coalesced: refreshes asked for close together go out as one event, each
 * node once. A key created refreshes its database twice (its rows, then the key count read back
 * from INFO); each refresh makes VS Code read every open folder below again, and VS Code's tree can
 * lose an open folder's rows when a second refresh crosses those reads.
 */
export class RefreshQueue<T> {
  private readonly nodes = new Set<T>();
  /** The whole tree was asked for (it covers every node). */
  private whole = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    /** Fires the view's change event: `undefined` refreshes the whole tree. */
    private readonly fire: (nodes: T[] | undefined) => void,
    /** How long requests are gathered before they go out. */
    private readonly gatherMs = 25,
  ) {}

  /** Asks for a refresh of `node`, or of the whole tree when it is undefined. */
  request(node?: T): void {
    if (this.disposed) return;
    if (node === undefined) this.whole = true;
    else this.nodes.add(node);
    this.timer ??= setTimeout(() => this.flush(), this.gatherMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.nodes.clear();
    this.whole = false;
  }

  private flush(): void {
    this.timer = undefined;
    if (this.disposed || (!this.whole && this.nodes.size === 0)) return;
    const nodes = this.whole ? undefined : [...this.nodes];
    this.whole = false;
    this.nodes.clear();
    this.fire(nodes);
  }
}
