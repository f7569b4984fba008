import * as net from 'node:net';
import * as tls from 'node:tls';
import { DEFAULT_DEADLINES, deadlineFor, ServerNotAnsweringError, type CommandDeadlines } from '../redis/connection/commandDeadline';
import { encodeCommand, type RespValue } from './resp';
import { RespParser } from './respParser';

/** Where and how to open one raw connection. */
export interface RespEndpoint {
  host: string;
  port: number;
  /** Unix socket path; host/port are then only used for display. */
  path?: string;
  tls?: tls.ConnectionOptions;
  connectTimeoutMs: number;
  /** How long each reply may take (default {@link DEFAULT_DEADLINES}); the handshake's steps use the command timeout. */
  deadlines?: CommandDeadlines;
  /** The local address that reaches host:port (an SSH tunnel's forward); TLS still verifies the real host. */
  route?: (host: string, port: number) => Promise<{ host: string; port: number }>;
}

/** What to send right after connecting. */
export interface RespHandshake {
  username?: string;
  password?: string;
  db?: number;
  clientName?: string;
  /** 3 after the user switched with HELLO 3, so a reconnect keeps the protocol. */
  protocol?: 2 | 3;
}

export class RespConnectionError extends Error {
  override readonly name = 'RespConnectionError';
}

interface Waiter {
  resolve: (value: RespValue) => void;
  reject: (error: Error) => void;
  /** Set when the deadline passed: the reply, if it ever comes, is read and dropped. */
  abandoned?: boolean;
}

/**
 * One raw RESP connection for the CLI terminal. Replies come back typed exactly as sent (see
 * {@link RespValue}), RESP3 included, which ioredis cannot do. Commands are answered in order;
 * in streaming mode (MONITOR, SUBSCRIBE) every reply goes to the stream listener instead.
 */
export class RespConnection {
  private readonly pending: Waiter[] = [];
  private readonly parser = new RespParser((reply) => this.dispatch(reply));
  private streamListener?: (reply: RespValue) => void;
  private closed = false;
  private closeListeners: ((error?: Error) => void)[] = [];
  /** Out-of-band RESP3 pushes (client-side caching invalidations) while not streaming. */
  onPush?: (reply: RespValue) => void;

  private constructor(
    private readonly socket: net.Socket,
    readonly endpoint: RespEndpoint,
  ) {
    socket.on('data', (chunk: Buffer) => {
      try {
        this.parser.feed(chunk);
      } catch (error) {
        this.destroy(error as Error);
      }
    });
    socket.on('error', (error) => this.destroy(error));
    socket.on('close', () => this.destroy(new RespConnectionError('Server closed the connection')));
  }

  /**
   * Connects and runs the handshake (AUTH, HELLO 3, SELECT, CLIENT SETNAME), each step within
   * the command timeout: a frozen server accepts the TCP connection and never answers. `signal`
   * abandons the attempt (Ctrl-C while the terminal connects).
   */
  static async open(endpoint: RespEndpoint, handshake: RespHandshake = {}, signal?: AbortSignal): Promise<RespConnection> {
    const socket = await connectSocket(endpoint, signal);
    const connection = new RespConnection(socket, endpoint);
    const onAbort = (): void => connection.destroy(new RespConnectionError('Connecting was interrupted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await connection.handshake(handshake);
    } catch (error) {
      connection.close();
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    return connection;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /**
   * Sends a command; resolves with its reply, error replies included (they are values here).
   * Rejects with {@link ServerNotAnsweringError} once the command's deadline passes (see
   * {@link deadlineFor}: blocking commands wait their own timeout plus a margin, some never
   * time out); the connection stays usable and drops that reply if it arrives later.
   */
  send(args: (Buffer | string)[], timeoutMs: number | undefined = deadlineFor(args, this.deadlines)): Promise<RespValue> {
    if (this.closed) return Promise.reject(new RespConnectionError('Not connected'));
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          waiter.abandoned = true;
          reject(new ServerNotAnsweringError(timeoutMs));
        }, timeoutMs);
      }
      this.pending.push(waiter);
      this.socket.write(encodeCommand(args));
    });
  }

  private get deadlines(): CommandDeadlines {
    return this.endpoint.deadlines ?? DEFAULT_DEADLINES;
  }

  /** Sends a command whose replies (confirmation included) all go to `listener` until the connection closes. */
  stream(args: (Buffer | string)[], listener: (reply: RespValue) => void): void {
    this.streamListener = listener;
    if (!this.closed) this.socket.write(encodeCommand(args));
  }

  /** Leaves streaming mode (after a SUBSCRIBE that failed); later replies answer commands again. */
  endStream(): void {
    this.streamListener = undefined;
  }

  onClose(listener: (error?: Error) => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  close(): void {
    this.destroy();
  }

  private async handshake(handshake: RespHandshake): Promise<void> {
    if (handshake.password !== undefined) {
      const auth = handshake.username ? ['AUTH', handshake.username, handshake.password] : ['AUTH', handshake.password];
      await this.expectOk(auth, 'Authentication failed');
    }
    if (handshake.protocol === 3) await this.expectOk(['HELLO', '3'], 'Switching to RESP3 failed');
    if (handshake.db) await this.expectOk(['SELECT', String(handshake.db)], `Selecting database ${handshake.db} failed`);
    // Naming is cosmetic (CLIENT LIST); servers or proxies that refuse it are fine.
    if (handshake.clientName) await this.send(['CLIENT', 'SETNAME', handshake.clientName], this.deadlines.commandTimeoutMs);
  }

  private async expectOk(args: string[], what: string): Promise<void> {
    const reply = await this.send(args, this.deadlines.commandTimeoutMs);
    if (reply.type === 'error') throw new RespConnectionError(`${what}: ${reply.value}`);
  }

  private dispatch(reply: RespValue): void {
    if (this.streamListener) {
      this.streamListener(reply);
      return;
    }
    if (reply.type === 'push') {
      this.onPush?.(reply);
      return;
    }
    const waiter = this.pending.shift();
    if (waiter && !waiter.abandoned) waiter.resolve(reply);
  }

  private destroy(error?: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.parser.reset();
    const failure = error ?? new RespConnectionError('Connection closed');
    for (const waiter of this.pending.splice(0)) if (!waiter.abandoned) waiter.reject(failure);
    for (const listener of this.closeListeners.splice(0)) listener(error);
  }
}

async function connectSocket(endpoint: RespEndpoint, signal?: AbortSignal): Promise<net.Socket> {
  if (!endpoint.route || endpoint.path) return connectDirect(endpoint, signal);
  const where = `${endpoint.host}:${endpoint.port}`;
  let local: { host: string; port: number };
  try {
    local = await endpoint.route(endpoint.host, endpoint.port);
  } catch (error) {
    throw new RespConnectionError(`Could not connect to Redis at ${where}: ${(error as Error).message}`);
  }
  const servername = endpoint.tls?.servername ?? endpoint.host;
  const tlsOptions = endpoint.tls && { ...endpoint.tls, checkServerIdentity: endpoint.tls.checkServerIdentity ?? ((_: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(servername, cert)) };
  return connectDirect({ ...endpoint, ...local, ...(tlsOptions ? { tls: tlsOptions } : {}) }, signal, where);
}

function connectDirect(endpoint: RespEndpoint, signal?: AbortSignal, shownAddress?: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new RespConnectionError('Connecting was interrupted'));
      return;
    }
    const where = endpoint.path ?? shownAddress ?? `${endpoint.host}:${endpoint.port}`;
    const readyEvent = endpoint.tls ? 'secureConnect' : 'connect';
    const socket = endpoint.tls
      ? tls.connect({ ...endpoint.tls, ...(endpoint.path ? { path: endpoint.path } : { host: endpoint.host, port: endpoint.port }) })
      : endpoint.path
        ? net.connect({ path: endpoint.path })
        : net.connect({ host: endpoint.host, port: endpoint.port });
    const timer = setTimeout(() => fail(new RespConnectionError(`Could not connect to Redis at ${where}: timed out after ${endpoint.connectTimeoutMs} ms`)), endpoint.connectTimeoutMs);
    const onAbort = (): void => fail(new RespConnectionError('Connecting was interrupted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const fail = (error: Error): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      const code = (error as NodeJS.ErrnoException).code;
      reject(error instanceof RespConnectionError ? error : new RespConnectionError(`Could not connect to Redis at ${where}: ${describeSocketError(code, error)}`));
    };
    socket.once('error', fail);
    socket.once(readyEvent, () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeListener('error', fail);
      socket.setNoDelay(true);
      // As redis-cli does: notice a dead peer on an idle terminal instead of hanging on the next command.
      socket.setKeepAlive(true, 15_000);
      resolve(socket);
    });
  });
}

/** redis-cli's wording for the common cases ("Connection refused"). */
function describeSocketError(code: string | undefined, error: Error): string {
  if (code === 'ECONNREFUSED') return 'Connection refused';
  if (code === 'ENOTFOUND') return 'Name or service not known';
  if (code === 'ETIMEDOUT') return 'Connection timed out';
  return error.message;
}
