import type * as vscode from 'vscode';
import type { RedisClient } from '../core/redis/connection/clientFactory';
import type { ConnectionConfig, ConnectionSecrets } from '../core/redis/connection/connectionConfig';
import type { ProbeResult } from '../core/redis/connection/connectionProbe';
import { replicaReadPlan } from '../core/redis/connection/replicaReads';
import { ConnectionGoneError } from '../core/redis/connection/savedConnections';
import { writeGuardFor, type WriteGuard } from '../core/redis/safety/writeGuard';
import type { SshTunnelSetup } from '../core/ssh/connectionTunnels';
import type { SshTunnel } from '../core/ssh/sshTunnel';
import type { TunnelLease } from '../core/ssh/sshTunnelPool';
import type { ConnectionManager, ConnectionState } from './connectionManager';
import type { ConnectionStore } from './connectionStore';

/** One database of one connection, by id: the connection's settings are read anew each time. */
export interface ScopeRef {
  connection: { id: string };
  db: number;
}

/**
 * How every feature reaches a connection: the saved list (cached, re-read when the setting
 * changes), its secrets, a client for a database (connecting on demand), the write guard and
 * read-only state as saved now, and events for the list and for each connection's state. Features
 * never talk to the store or the manager directly.
 */
export class Connections implements vscode.Disposable {
  /** Fires when the saved list changed (added, edited, removed, or settings edited by hand). */
  readonly onDidChange: vscode.Event<void>;
  /** Fires with the id of a connection whose state changed (connecting, connected, dropped, closed). */
  readonly onDidChangeState: vscode.Event<string>;

  constructor(
    private readonly store: ConnectionStore,
    private readonly manager: ConnectionManager,
  ) {
    this.onDidChange = store.onDidChange;
    this.onDidChangeState = manager.onDidChangeState;
  }

  list(): readonly ConnectionConfig[] {
    return this.store.list();
  }

  get(id: string): ConnectionConfig | undefined {
    return this.store.get(id);
  }

  /** The saved connection as it is now; a removed one fails with the one "no longer exists" sentence. */
  require(id: string): ConnectionConfig {
    const config = this.store.get(id);
    if (!config) throw new ConnectionGoneError();
    return config;
  }

  getSecrets(id: string): Promise<ConnectionSecrets> {
    return this.store.getSecrets(id);
  }

  /** Adds (no id) or updates a connection; see {@link add} and {@link update}. */
  save(config: Omit<ConnectionConfig, 'id'> & { id?: string }, secrets?: ConnectionSecrets): Promise<ConnectionConfig> {
    return this.store.save(config, secrets);
  }

  add(config: Omit<ConnectionConfig, 'id'>, secrets?: ConnectionSecrets): Promise<ConnectionConfig> {
    return this.store.add(config, secrets);
  }

  /** Saves new settings: the live client and SSH tunnel of the old ones are closed first. */
  async update(id: string, config: Omit<ConnectionConfig, 'id'>, secrets?: ConnectionSecrets): Promise<ConnectionConfig> {
    await this.manager.disconnect(id);
    const saved = await this.store.update(id, config, secrets);
    // A tunnel still held (by a CLI terminal) was opened with the old settings.
    this.manager.ssh?.pool.invalidate(id);
    return saved;
  }

  /** Removes a connection and its saved secrets, closing its client and tunnel. */
  async remove(id: string): Promise<void> {
    await this.manager.disconnect(id);
    this.manager.ssh?.pool.invalidate(id);
    await this.store.remove(id);
  }

  /** The connection's own client (its configured database; a Cluster client on a Cluster), connecting when needed. */
  connect(id: string): Promise<RedisClient> {
    return this.manager.getClient(id);
  }

  /** A client on the scope's database, connecting when needed. */
  client(scope: ScopeRef): Promise<RedisClient> {
    return this.manager.getDatabaseClient(scope.connection.id, scope.db);
  }

  /**
   * The client the live, read-only analyses (Key Patterns statistics, Analyze Memory…) read with:
   * a replica's when a Sentinel connection opts in to `readFromReplicas`, else {@link client}'s.
   * `readFrom` is the sentence for the progress and the report ("read from replica 127.0.0.1:6381"),
   * or why the master is read although replicas were asked for (none can be read: the manager logs
   * that one). Never used for writes; the caller's read-only state and load budget apply either way.
   * Call it once per analysis.
   */
  async readClient(scope: ScopeRef): Promise<{ client: RedisClient; readFrom?: string }> {
    const config = this.require(scope.connection.id);
    const plan = replicaReadPlan(config);
    if (!plan.replica) return { client: await this.client(scope), ...(plan.note ? { readFrom: plan.note } : {}) };
    const { client, readFrom } = await this.manager.getReadClient(config.id, scope.db);
    return { client, readFrom };
  }

  disconnect(id: string): Promise<void> {
    return this.manager.disconnect(id);
  }

  /** Closes every open connection with QUIT, waiting at most `withinMs` for the replies. */
  closeAll(withinMs: number): Promise<void> {
    return this.manager.closeAll(withinMs);
  }

  /** Throws a ReadOnlyError for every write on a read-only connection, as saved now. */
  guard(scope: ScopeRef): WriteGuard {
    const config = this.require(scope.connection.id);
    return writeGuardFor(config.readOnly, config.name);
  }

  /** Unknown (removed) connections count as read-only. */
  isReadOnly(id: string): boolean {
    return this.store.get(id)?.readOnly ?? true;
  }

  state(id: string): ConnectionState {
    return this.manager.state(id);
  }

  /** Tests settings that may not be saved yet (an SSH connection gets a tunnel of its own). */
  probe(config: ConnectionConfig, secrets: ConnectionSecrets): Promise<ProbeResult> {
    return this.manager.probe(config, secrets);
  }

  /** A share of the connection's SSH tunnel (the CLI terminal's own connections go through it). */
  openTunnel(config: ConnectionConfig): Promise<TunnelLease<SshTunnel>> {
    return this.manager.openTunnel(config);
  }

  /** How SSH routes resolve here; undefined where SSH is not available. */
  get ssh(): SshTunnelSetup | undefined {
    return this.manager.ssh?.setup;
  }

  dispose(): void {
    // The store and the manager are owned by the composition root, which disposes them.
  }
}
