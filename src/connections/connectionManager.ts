import * as vscode from 'vscode';
import { Cluster, type Redis } from 'ioredis';
import { connectWithCause, connectWithin, createRedisClient, handshakeDeadlineMs, type RedisClient } from '../core/redis/connection/clientFactory';
import { applyDeadlines, DEFAULT_DEADLINES, type CommandDeadlines } from '../core/redis/connection/commandDeadline';
import type { ConnectionConfig, ConnectionSecrets } from '../core/redis/connection/connectionConfig';
import { logProblemsOnce } from '../core/redis/connection/clientEvents';
import { describeConnectionError, redactSecrets } from '../core/redis/connection/connectionErrors';
import { replicaOrMaster, type ReadTarget } from '../core/redis/connection/replicaReads';
import { ConnectionGoneError } from '../core/redis/connection/savedConnections';
import { parseInfo, infoField } from '../core/redis/server/info';
import { probeConnection, type ProbeResult } from '../core/redis/connection/connectionProbe';
import { sshTunnelFor, type ConnectionSshTunnels } from '../core/ssh/connectionTunnels';
import { SshTunnelError } from '../core/ssh/sshErrors';
import { sshFailureLabel } from '../core/ssh/sshFailureLabel';
import type { SshTunnel } from '../core/ssh/sshTunnel';
import type { TunnelLease } from '../core/ssh/sshTunnelPool';
import type { ConnectionStore } from './connectionStore';

export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'error';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Server version and role once connected; the reason when status is 'error'. */
  serverVersion?: string;
  role?: string;
  error?: string;
  /** The SSH tunnel's failure in a few words ("host key changed"), when the tunnel is what failed or dropped. */
  sshProblem?: string;
}

interface Live {
  client: RedisClient;
  /** Connections to other databases than the configured one, opened when the tree expands them. */
  databases: Map<number, Promise<Redis>>;
  /** Sentinel with `readFromReplicas`: a client on one of the master's replicas per database, for the live analyses' reads. */
  replicas: Map<number, Promise<Redis>>;
  state: ConnectionState;
  ready: Promise<RedisClient>;
  /** The connection's share of its SSH tunnel, let go on disconnect. */
  tunnel?: TunnelLease<SshTunnel>;
}

/**
 * Owns one live ioredis client per connection, created on first use (never at activation) and
 * reconnecting with backoff. Commands that need a connection go through `getClient`, which
 * connects on demand and fails with a readable reason.
 */
export class ConnectionManager implements vscode.Disposable {
  private readonly live = new Map<string, Live>();
  /** Connections whose SSH tunnel could not be opened (there is no client to hold the state): shown until the next attempt or Disconnect. */
  private readonly tunnelFailures = new Map<string, ConnectionState>();
  /** Connections being set up (an SSH tunnel may wait for the user's answer about a host key): callers meanwhile share the attempt. */
  private readonly opening = new Map<string, Promise<RedisClient>>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the connection id whose state changed. */
  readonly onDidChangeState = this.changed.event;

  constructor(
    private readonly store: ConnectionStore,
    private readonly log: vscode.LogOutputChannel,
    /** Read at each connect, so a changed setting applies to the next connection. */
    private readonly deadlines: () => CommandDeadlines = () => DEFAULT_DEADLINES,
    /** One SSH tunnel per connection, shared with the CLI terminal; absent where SSH is not available. */
    readonly ssh?: ConnectionSshTunnels,
  ) {}

  /**
   * "Test connection" on settings that may not be saved yet: a connection through SSH gets a
   * tunnel of its own for the test (an unknown host key is asked about), closed afterwards.
   */
  async probe(config: ConnectionConfig, secrets: ConnectionSecrets): Promise<ProbeResult> {
    if (!config.ssh) return probeConnection(config, secrets);
    let tunnel: SshTunnel | undefined;
    try {
      if (!this.ssh) throw new Error(`The connection "${config.name}" goes through SSH, which is not available here.`);
      tunnel = sshTunnelFor(config, secrets, this.ssh.setup);
      await tunnel.open();
      return await probeConnection(config, secrets, { tunnel });
    } catch (error) {
      const { problem, message } = describeConnectionError(error, { config, secrets });
      return { ok: false, problem, message };
    } finally {
      tunnel?.close();
    }
  }

  state(id: string): ConnectionState {
    return this.live.get(id)?.state ?? this.tunnelFailures.get(id) ?? { status: 'disconnected' };
  }

  isConnected(id: string): boolean {
    return this.state(id).status === 'connected';
  }

  /** The connected client for `id`, connecting first when needed. */
  async getClient(id: string): Promise<RedisClient> {
    const existing = this.live.get(id);
    if (existing && existing.state.status !== 'error') return existing.ready;
    const pending = this.opening.get(id);
    if (pending) return pending;
    const config = this.store.get(id);
    if (!config) throw new ConnectionGoneError();
    const attempt = this.connect(config).finally(() => this.opening.delete(id));
    this.opening.set(id, attempt);
    return attempt;
  }

  private async connect(config: ConnectionConfig): Promise<RedisClient> {
    await this.disconnect(config.id);
    const secrets = await this.store.getSecrets(config.id);
    const tunnel = config.ssh ? await this.openTunnel(config) : undefined;
    let client: RedisClient;
    try {
      client = createRedisClient(config, secrets, { reconnect: true, lazyConnect: true, deadlines: this.deadlines(), ...(tunnel ? { tunnel: tunnel.tunnel } : {}) });
    } catch (error) {
      tunnel?.release();
      throw error;
    }
    const entry: Live = { client, databases: new Map(), replicas: new Map(), state: { status: 'connecting' }, ready: Promise.resolve(client), ...(tunnel ? { tunnel } : {}) };
    this.live.set(config.id, entry);
    this.changed.fire(config.id);
    this.log.info(`Connecting to "${config.name}" (${config.kind} ${config.socket ?? `${config.host}:${config.port}`}${tunnel ? ' through SSH' : ''})`);
    if (tunnel) this.followTunnel(config, entry, tunnel.tunnel);
    entry.ready = this.waitReady(config, secrets, client, entry);
    return entry.ready;
  }

  /** The connection's SSH tunnel, opened through the shared pool (asking about an unknown host key). */
  async openTunnel(config: ConnectionConfig): Promise<TunnelLease<SshTunnel>> {
    if (!this.ssh) throw new Error(`The connection "${config.name}" goes through SSH, which is not available here.`);
    try {
      const lease = await this.ssh.pool.acquire(config.id);
      if (this.tunnelFailures.delete(config.id)) this.changed.fire(config.id);
      return lease;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`Cannot open the SSH tunnel of "${config.name}": ${message}`);
      // The view says why (the tree item's description and tooltip), not only a passing notification.
      this.tunnelFailures.set(config.id, { status: 'error', error: message, ...(error instanceof SshTunnelError ? { sshProblem: sshFailureLabel(error) } : {}) });
      this.changed.fire(config.id);
      throw new Error(message);
    }
  }

  /** A dropped tunnel shows as reconnecting, with its reason, until it is back. */
  private followTunnel(config: ConnectionConfig, entry: Live, tunnel: SshTunnel): void {
    const watcher = tunnel.onStateChange((state, error) => {
      if (this.live.get(config.id) !== entry) return watcher.dispose();
      if (state === 'reconnecting' && entry.state.status === 'connected') {
        entry.state = { ...entry.state, status: 'reconnecting', ...(error ? { error: error.message, sshProblem: sshFailureLabel(error) } : {}) };
        this.log.warn(`"${config.name}": ${error?.message ?? 'the SSH tunnel dropped; reconnecting.'}`);
        this.changed.fire(config.id);
      }
    });
  }

  private async waitReady(config: ConnectionConfig, secrets: ConnectionSecrets, client: RedisClient, entry: Live): Promise<RedisClient> {
    const update = (state: ConnectionState): void => {
      if (this.live.get(config.id) !== entry) return;
      entry.state = state;
      this.changed.fire(config.id);
    };
    // ioredis rejects connect() with a bare "Connection is closed."; the cause arrives as an 'error' event.
    const seen: unknown[] = [];
    client.on('error', (error: unknown) => void seen.push(error));
    logProblemsOnce(client, (message) => this.log.warn(`"${config.name}": ${message}`), (error) => describeConnectionError(error, { config, secrets }).message);
    client.on('reconnecting', () => update({ ...entry.state, status: 'reconnecting' }));
    client.on('ready', () => {
      if (entry.state.status === 'reconnecting') update({ status: 'connected', serverVersion: entry.state.serverVersion, role: entry.state.role });
    });
    try {
      await connectWithin(client, handshakeDeadlineMs(config, this.deadlines()));
      const info = parseInfo(await serverInfo(client));
      const version = infoField(info, 'redis_version') ?? infoField(info, 'valkey_version');
      const role = infoField(info, 'role');
      update({ status: 'connected', serverVersion: version, role });
      this.log.info(`Connected to "${config.name}": Redis ${version ?? '?'} (${role ?? '?'})`);
      return client;
    } catch (error) {
      client.disconnect();
      const { message } = describeConnectionError([error, ...seen], { config, secrets });
      update({ status: 'error', error: message });
      this.log.error(`Cannot connect to "${config.name}": ${message}`);
      throw new Error(message);
    }
  }

  /**
   * A client on database `db`: the main one when it is the configured database (or a Cluster,
   * which has only db0), otherwise a duplicate that SELECTs it, kept until disconnect.
   */
  async getDatabaseClient(id: string, db: number): Promise<RedisClient> {
    const client = await this.getClient(id);
    if (client instanceof Cluster || db === (this.store.get(id)?.db ?? 0)) return client;
    const entry = this.live.get(id) as Live;
    const config = this.store.get(id);
    if (!config) throw new ConnectionGoneError();
    let pending = entry.databases.get(db);
    if (!pending) {
      const duplicate = client.duplicate({ db, lazyConnect: true });
      applyDeadlines(duplicate, this.deadlines());
      logProblemsOnce(duplicate, (message) => this.log.warn(`"${config.name}" db${db}: ${message}`), (error) => describeConnectionError(error, { config }).message);
      pending = connectWithin(duplicate, handshakeDeadlineMs(config, this.deadlines())).then(() => duplicate);
      pending.catch(() => entry.databases.delete(db));
      entry.databases.set(db, pending);
    }
    return pending;
  }

  /**
   * A client on one of the Sentinel master's replicas (ioredis `role: 'slave'`), database `db`,
   * through the connection's SSH tunnel and with its TLS and ACL settings; kept until disconnect.
   * Only the live, read-only analyses get it (see {@link getReadClient}): nothing writes through it.
   * A failed connect rejects with the replica's own error (refused, WRONGPASS) and is not kept.
   */
  private async getReplicaClient(id: string, db: number): Promise<Redis> {
    const entry = this.live.get(id) as Live;
    const config = this.store.get(id);
    if (!config) throw new ConnectionGoneError();
    let pending = entry.replicas.get(db);
    // A kept replica client whose connection dropped (it does not reconnect) is replaced: Sentinel is asked again.
    const kept = await pending?.catch(() => undefined);
    if (pending && kept?.status !== 'ready') {
      entry.replicas.delete(db);
      kept?.disconnect();
      pending = undefined;
    }
    if (!pending) {
      const secrets = await this.store.getSecrets(id);
      const client = createRedisClient({ ...config, db }, secrets, { replica: true, lazyConnect: true, clientName: 'redis-specialist-replica-reads', deadlines: this.deadlines(), ...(entry.tunnel ? { tunnel: entry.tunnel.tunnel } : {}) }) as Redis;
      logProblemsOnce(client, (message) => this.log.warn(`"${config.name}" replica: ${message}`), (error) => describeConnectionError(error, { config, secrets }).message);
      pending = connectWithCause(client, handshakeDeadlineMs(config, this.deadlines())).then(() => client);
      pending.catch(() => entry.replicas.delete(db));
      entry.replicas.set(db, pending);
    }
    return pending;
  }

  /**
   * The live analyses' client on a Sentinel connection that opts in to replicas: a replica's, or —
   * when Sentinel names none, or the one it names is down, refuses or has lost its master — the
   * database's own client, with one sentence saying so, logged here once per analysis.
   */
  async getReadClient(id: string, db: number): Promise<ReadTarget<RedisClient>> {
    // The main client first: it opens the SSH tunnel the replica client shares.
    await this.getClient(id);
    const config = this.store.get(id);
    if (!config) throw new ConnectionGoneError();
    const secrets = await this.store.getSecrets(id);
    const read = await replicaOrMaster({
      name: config.name,
      throughTunnel: Boolean(config.ssh),
      replica: () => this.getReplicaClient(id, db),
      master: () => this.getDatabaseClient(id, db),
      redact: (text) => redactSecrets(text, secrets),
    });
    if (read.fellBack) {
      this.log.warn(read.readFrom);
      // A replica client that connected but cannot serve (its link is down) is not kept: the next analysis asks Sentinel again.
      const entry = this.live.get(id);
      const stale = entry?.replicas.get(db);
      if (stale) {
        entry?.replicas.delete(db);
        void stale.then(quit, () => undefined);
      }
    }
    return read;
  }

  async disconnect(id: string): Promise<void> {
    if (this.tunnelFailures.delete(id)) this.changed.fire(id);
    const entry = this.live.get(id);
    if (!entry) return;
    this.live.delete(id);
    const databases = [...entry.databases.values(), ...entry.replicas.values()].map((pending) => pending.then(quit, () => undefined));
    entry.client.removeAllListeners('ready');
    entry.client.removeAllListeners('reconnecting');
    await Promise.all([quit(entry.client), ...databases]);
    // After QUIT, which travels through the tunnel.
    entry.tunnel?.release();
    this.changed.fire(id);
  }

  /**
   * Says QUIT on every open connection and waits for the replies, at most `withinMs` (the editor
   * is shutting down: a server that does not answer is closed without its reply).
   */
  async closeAll(withinMs: number): Promise<void> {
    const closing = Promise.all([...this.live.keys()].map((id) => this.disconnect(id)));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)));
    await Promise.race([closing, deadline]);
    clearTimeout(timer);
  }

  dispose(): void {
    for (const id of [...this.live.keys()]) void this.disconnect(id);
    this.live.clear();
    this.changed.dispose();
  }
}

/** QUIT, so the server closes the connection cleanly; a client that cannot send it is closed at once. */
async function quit(client: RedisClient): Promise<void> {
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

/** INFO server + replication in one reply (a Cluster client asks one node, which is enough for version and role). */
async function serverInfo(client: RedisClient): Promise<string> {
  return `${await client.info('server')}\n${await client.info('replication')}`;
}
