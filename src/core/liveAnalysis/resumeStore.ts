import type { ConnectionConfig } from '../redis/connection/connectionConfig';

/**
 * The state of cancelled live analyses, kept in memory (never on disk: it holds key names) for a
 * while so the same analysis can continue where it stopped. Keyed by what was analysed
 * (connection, database, kind, scope); a newer state replaces an older one; old states expire.
 * Each state remembers the server its connection pointed at ({@link analysedServer}): a state
 * whose connection was removed or now points elsewhere is dropped, so a resume never continues a
 * SCAN of another server or database.
 */

export const RESUME_MAX_AGE_MS = 30 * 60_000;

interface Entry<S> {
  state: S;
  savedAt: number;
  /** {@link analysedServer} of the connection when the state was saved. */
  server: string;
}

/**
 * What a saved SCAN cursor belongs to: the address(es), database and route of a connection. Its
 * name, colour, read-only flag or ceilings may change without making a saved state wrong.
 */
export function analysedServer(config: ConnectionConfig): string {
  const sorted = (nodes: { host: string; port: number }[] | undefined): string[] => (nodes ?? []).map((n) => `${n.host}:${n.port}`).sort();
  return JSON.stringify({
    kind: config.kind,
    address: config.socket ?? `${config.host}:${config.port}`,
    db: config.db,
    sentinels: config.kind === 'sentinel' ? sorted(config.sentinels) : [],
    masterName: config.kind === 'sentinel' ? (config.masterName ?? '') : '',
    clusterNodes: config.kind === 'cluster' ? sorted(config.clusterNodes) : [],
    ssh: config.ssh ? `${config.ssh.username ?? ''}@${config.ssh.host}:${config.ssh.port ?? ''} via ${config.ssh.proxyJump ?? ''}` : '',
  });
}

export class ResumeStore<S> {
  private readonly entries = new Map<string, Entry<S>>();

  constructor(
    private readonly maxAgeMs = RESUME_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Saves `state` for the connection as it points now (`server`, see {@link analysedServer}). */
  save(key: string, state: S, server = ''): void {
    this.expire();
    this.entries.set(key, { state, savedAt: this.now(), server });
  }

  /**
   * The saved state, if still fresh and, when `server` is given, saved for that server (a state
   * saved for another one is dropped). It stays saved until taken or discarded.
   */
  peek(key: string, server?: string): S | undefined {
    this.expire();
    const entry = this.entries.get(key);
    if (entry && server !== undefined && entry.server !== server) {
      this.entries.delete(key);
      return undefined;
    }
    return entry?.state;
  }

  /** Removes and returns the saved state: a resumed run owns it. */
  take(key: string, server?: string): S | undefined {
    const state = this.peek(key, server);
    this.entries.delete(key);
    return state;
  }

  /**
   * Drops every state whose connection is gone (`serverOf` answers undefined) or now points at
   * another server than when it was saved: called whenever the saved connections change.
   */
  retainServers(serverOf: (connectionId: string) => string | undefined): void {
    for (const [key, entry] of [...this.entries]) {
      const server = serverOf(connectionIdOf(key));
      if (server === undefined || server !== entry.server) this.entries.delete(key);
    }
  }

  /** How many states are saved (for tests and the log). */
  get size(): number {
    this.expire();
    return this.entries.size;
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

/** The connection id a {@link resumeKey} starts with. */
export function connectionIdOf(key: string): string {
  const end = key.indexOf('\u0000');
  return end < 0 ? key : key.slice(0, end);
}

/** The store key of one analysis: connection, then the parts that make two runs the same analysis. */
export function resumeKey(connectionId: string, ...scope: (string | number)[]): string {
  return [connectionId, ...scope.map(String)].join('\u0000');
}
