/**
 * The state of cancelled live analyses, kept in memory (never on disk: it holds key names) for a
 * while so the same analysis can continue where it stopped. Keyed by what was analysed
 * (connection, database, kind, scope); a newer state replaces an older one; old states expire.
 */

export const RESUME_MAX_AGE_MS = 30 * 60_000;

interface Entry<S> {
  state: S;
  savedAt: number;
}

export class ResumeStore<S> {
  private readonly entries = new Map<string, Entry<S>>();

  constructor(
    private readonly maxAgeMs = RESUME_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  save(key: string, state: S): void {
    this.expire();
    this.entries.set(key, { state, savedAt: this.now() });
  }

  /** The saved state, if still fresh (it stays saved until taken or discarded). */
  peek(key: string): S | undefined {
    this.expire();
    return this.entries.get(key)?.state;
  }

  /** Removes and returns the saved state: a resumed run owns it. */
  take(key: string): S | undefined {
    const state = this.peek(key);
    this.entries.delete(key);
    return state;
  }

  discard(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every state of a connection (removed, or its server changed). */
  discardConnection(connectionId: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${connectionId}\u0000`)) this.entries.delete(key);
  }

  private expire(): void {
    const oldest = this.now() - this.maxAgeMs;
    for (const [key, entry] of this.entries) if (entry.savedAt < oldest) this.entries.delete(key);
  }
}

/** The store key of one analysis: connection, then the parts that make two runs the same analysis. */
export function resumeKey(connectionId: string, ...scope: (string | number)[]): string {
  return [connectionId, ...scope.map(String)].join('\u0000');
}
