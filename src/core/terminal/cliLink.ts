import type { CliTarget } from './cliTarget';
import { CommandCatalog } from './commandCatalog';
import type { RespValue } from './resp';
import { RespConnection, RespConnectionError, type RespEndpoint, type RespHandshake } from './respConnection';

export type OpenConnection = (endpoint: RespEndpoint, handshake: RespHandshake, signal?: AbortSignal) => Promise<RespConnection>;

/**
 * The server side of a CLI terminal: the current connection (for a Cluster, the node the last
 * redirect led to, with a small pool of the others), the state redis-cli shows in its prompt
 * (database, MULTI, protocol), and redirect handling as `redis-cli -c` does it.
 */
export class CliLink {
  private current?: RespConnection;
  private readonly pool = new Map<string, RespConnection>();
  private address?: { host: string; port: number; path?: string };
  db: number;
  inMulti = false;
  private dbBeforeMulti = 0;
  protocol: 2 | 3 = 2;
  private closed = false;
  /** RESP3 pushes that arrive outside streaming (client-side caching invalidations). */
  onPush?: (reply: RespValue) => void;

  constructor(
    private readonly target: CliTarget,
    private readonly open: OpenConnection = (endpoint, handshake, signal) => RespConnection.open(endpoint, handshake, signal),
  ) {
    this.db = target.handshake.db ?? 0;
  }

  get connected(): boolean {
    return this.current?.isOpen ?? false;
  }

  get isCluster(): boolean {
    return this.target.config.kind === 'cluster';
  }

  /** What redis-cli puts before "> ": `host:port`, `[::1]:port`, `redis /path`; undefined when not connected. */
  get promptAddress(): string | undefined {
    if (!this.connected || !this.address) return undefined;
    if (this.address.path) return `redis ${this.address.path}`;
    const host = this.address.host.includes(':') ? `[${this.address.host}]` : this.address.host;
    return `${host}:${this.address.port}`;
  }

  /**
   * (Re)connects, restoring database and protocol: to the starting node (Sentinel: whichever
   * master the sentinels name now), or on a Cluster to the node the session was last on.
   * `signal` abandons the attempt (Ctrl-C while the server does not answer).
   */
  async connect(signal?: AbortSignal): Promise<void> {
    if (this.closed) throw new RespConnectionError('The terminal was closed');
    const last = this.address;
    if (this.isCluster && last) {
      try {
        this.useConnection(await this.openTracked(this.target.endpointFor(last.host, last.port), signal), last);
        return;
      } catch (error) {
        if (signal?.aborted) throw error;
        // That node may be gone after a failover: start over from the configured node.
      }
    }
    const endpoint = await this.target.resolve(signal);
    const connection = await this.openTracked(endpoint, signal);
    this.useConnection(connection, { host: endpoint.host, port: endpoint.port, path: endpoint.path });
  }

  /** The server's command table, for completion, help and the safety checks. Failures give an empty catalog. */
  async loadCatalog(): Promise<CommandCatalog> {
    if (!this.current) return CommandCatalog.empty();
    const [command, docs] = await Promise.all([this.current.send(['COMMAND']), this.current.send(['COMMAND', 'DOCS'])]);
    return CommandCatalog.fromReplies(command, docs);
  }

  /** Sends a command; on a Cluster follows MOVED (switching node, announced in `notice`) and ASK. */
  async send(args: Buffer[], notice: (text: string) => void): Promise<RespValue> {
    const connection = this.requireConnection();
    let reply = await connection.send(args);
    for (let hops = 0; hops < 5 && this.isCluster && reply.type === 'error'; hops++) {
      const redirect = /^(MOVED|ASK) (\d+) (.+):(\d+)$/.exec(reply.value);
      if (!redirect) break;
      const [, kind, slot, host, portText] = redirect;
      const port = Number(portText);
      const node = await this.nodeConnection(host, port);
      notice(`-> Redirected to slot [${slot}] located at ${host}:${port}\n`);
      if (kind === 'ASK') {
        // ASK moves one command during a slot migration; the session stays where it is.
        await node.send(['ASKING']);
      } else {
        this.useConnection(node, { host, port });
      }
      reply = await node.send(args);
    }
    this.track(args, reply);
    return reply;
  }

  /**
   * Streams every reply of `args` (MONITOR, SUBSCRIBE…) to `listener`. `stop()` closes the
   * connection — the only way out of MONITOR on every server version — and reconnects
   * (`signal` abandons that). On a Cluster a MOVED answer (SSUBSCRIBE to a shard channel another
   * node owns) moves the stream to that node, announced in `notice`, as redis-cli -c does.
   */
  stream(args: Buffer[], listener: (reply: RespValue) => void, notice: (text: string) => void = () => undefined): { stop: (signal?: AbortSignal) => Promise<void>; closed: Promise<void> } {
    let connection = this.requireConnection();
    let markClosed!: () => void;
    const closed = new Promise<void>((resolve) => (markClosed = resolve));
    const watch = (watched: RespConnection): void =>
      watched.onClose(() => {
        if (watched === connection) markClosed();
      });
    let first = true;
    const onReply = (reply: RespValue): void => {
      const redirect = first && this.isCluster && reply.type === 'error' ? /^MOVED (\d+) (.+):(\d+)$/.exec(reply.value) : null;
      first = false;
      if (!redirect) return listener(reply);
      const [, slot, host, portText] = redirect;
      const port = Number(portText);
      this.nodeConnection(host, port).then(
        (node) => {
          connection.endStream();
          this.useConnection(node, { host, port });
          connection = node;
          first = true;
          watch(node);
          notice(`-> Redirected to slot [${slot}] located at ${host}:${port}\n`);
          node.stream(args, onReply);
        },
        (error: Error) => listener({ type: 'error', value: error.message }),
      );
    };
    watch(connection);
    connection.stream(args, onReply);
    return {
      closed,
      stop: async (signal) => {
        connection.close();
        await this.connect(signal);
      },
    };
  }

  /** Leaves streaming mode without reconnecting (the server refused the SUBSCRIBE). */
  endStream(): void {
    this.current?.endStream();
  }

  /** Abandons the command in flight (Ctrl-C on a blocking command) by closing the connection, then reconnects (until `signal` aborts). */
  async interrupt(signal?: AbortSignal): Promise<void> {
    this.current?.close();
    await this.connect(signal);
  }

  close(): void {
    this.closed = true;
    for (const connection of this.pool.values()) connection.close();
    this.current?.close();
    this.pool.clear();
  }

  /** What redis-cli tracks after a reply: SELECT, MULTI/EXEC/DISCARD, HELLO's protocol, RESET. */
  private track(args: Buffer[], reply: RespValue): void {
    const name = args[0].toString('latin1').toLowerCase();
    const ok = reply.type !== 'error';
    if (name === 'select' && args.length === 2 && ok) this.db = parseInt(args[1].toString(), 10) || 0;
    else if (name === 'multi' && args.length === 1 && ok) {
      this.inMulti = true;
      this.dbBeforeMulti = this.db;
    } else if (name === 'exec' && args.length === 1 && this.inMulti) {
      this.inMulti = false;
      // A failed or WATCH-aborted (nil) EXEC did not run the queued SELECT.
      if (!ok || reply.type === 'null') this.db = this.dbBeforeMulti;
    } else if (name === 'discard' && args.length === 1 && ok) {
      this.inMulti = false;
      this.db = this.dbBeforeMulti;
    } else if (name === 'hello' && args.length >= 2 && ok) this.protocol = args[1].toString() === '3' ? 3 : 2;
    else if (name === 'reset' && args.length === 1 && ok) {
      this.db = 0;
      this.protocol = 2;
      this.inMulti = false;
    }
  }

  private requireConnection(): RespConnection {
    if (!this.current?.isOpen) throw new RespConnectionError('Not connected');
    return this.current;
  }

  private async nodeConnection(host: string, port: number): Promise<RespConnection> {
    const key = `${host}:${port}`;
    const pooled = this.pool.get(key);
    if (pooled?.isOpen) return pooled;
    const connection = await this.openTracked(this.target.endpointFor(host, port));
    this.pool.set(key, connection);
    connection.onClose(() => {
      if (this.pool.get(key) === connection) this.pool.delete(key);
    });
    return connection;
  }

  private openTracked(endpoint: RespEndpoint, signal?: AbortSignal): Promise<RespConnection> {
    return this.open(endpoint, { ...this.target.handshake, db: this.isCluster ? 0 : this.db, protocol: this.protocol }, signal);
  }

  private useConnection(connection: RespConnection, address: { host: string; port: number; path?: string }): void {
    if (this.current && this.current !== connection && ![...this.pool.values()].includes(this.current)) this.current.close();
    this.current = connection;
    this.address = address;
    connection.onPush = (reply) => this.onPush?.(reply);
    if (this.isCluster) this.pool.set(`${address.host}:${address.port}`, connection);
  }
}
