import net from 'node:net';
import type { Duplex } from 'node:stream';
import { Client, type ConnectConfig } from 'ssh2';
import type { HostKeyVerifier } from './hostKeyPolicy';
import { SshTunnelError, translateConnectError, translateJumpError, translateKeyError, translateTargetError, type HopDescription } from './sshErrors';

/** One SSH server on the way, nearest first; the last one reaches Redis. */
export interface SshHop {
  host: string;
  port: number;
  username: string;
  password?: string;
  /** The private key's text (OpenSSH or PEM). */
  privateKey?: string | Buffer;
  /** Where the key came from, for messages. */
  privateKeyFile?: string;
  passphrase?: string;
  /** The SSH agent's socket (`SSH_AUTH_SOCK`). */
  agent?: string;
}

export type SshTunnelState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface SshTunnelOptions {
  hops: SshHop[];
  verifyHostKey: HostKeyVerifier;
  /** `ServerAliveInterval` in ms; 0 turns keepalive off. */
  keepaliveIntervalMs?: number;
  /** `ServerAliveCountMax`: unanswered keepalives before the tunnel counts as dropped. */
  keepaliveCountMax?: number;
  /** Per hop, for the TCP connection and the SSH handshake. */
  readyTimeoutMs?: number;
  /** Delays between reconnection attempts after a drop, the last one repeated. */
  reconnectDelaysMs?: number[];
}

export interface LocalForward {
  host: '127.0.0.1';
  port: number;
}

type Listener = (state: SshTunnelState, error?: SshTunnelError) => void;

const DEFAULT_RECONNECT_DELAYS = [250, 500, 1000, 2000, 5000, 10_000];

/**
 * An SSH connection through any number of jump hosts (each hop reached through a `forwardOut`
 * channel of the one before, as OpenSSH's ProxyJump does), with local forwards created on demand:
 * one listener on 127.0.0.1 per remote host:port, which is what ioredis' `natMap` for Cluster and
 * Sentinel needs. When the connection drops it is re-established with backoff; the local ports
 * stay the same, and connections made meanwhile wait for it.
 */
export class SshTunnel {
  private readonly hops: readonly SshHop[];
  private clients: Client[] = [];
  private state: SshTunnelState = 'connecting';
  private lastError: SshTunnelError | undefined;
  private connecting: Promise<Client> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private readonly forwards = new Map<string, Promise<{ server: net.Server; forward: LocalForward }>>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly options: SshTunnelOptions) {
    if (options.hops.length === 0) throw new Error('An SSH tunnel needs at least one SSH server.');
    this.hops = options.hops;
  }

  get currentState(): SshTunnelState {
    return this.state;
  }

  /** The reason of the last failure, while reconnecting or after giving up. */
  get error(): SshTunnelError | undefined {
    return this.lastError;
  }

  onStateChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Connects every hop; rejects with one sentence naming the hop that failed. */
  async open(): Promise<void> {
    await this.connected();
  }

  /**
   * A local address whose connections arrive at `host:port` as seen from the last SSH server.
   * The same remote address always gets the same local port.
   */
  forward(host: string, port: number): Promise<LocalForward> {
    if (this.state === 'closed') return Promise.reject(new SshTunnelError('closed', 'The SSH tunnel is closed.'));
    const key = `${host}:${port}`;
    let entry = this.forwards.get(key);
    if (!entry) {
      entry = this.listen(host, port);
      this.forwards.set(key, entry);
      entry.catch(() => this.forwards.delete(key));
    }
    return entry.then((e) => e.forward);
  }

  /** Opens one channel to `host:port` and closes it: rejects with a sentence when the SSH server cannot reach it. */
  async checkReachable(host: string, port: number): Promise<void> {
    const channel = await this.openChannel(await this.connected(), host, port, '127.0.0.1', 0);
    channel.destroy();
  }

  close(): void {
    if (this.state === 'closed') return;
    this.setState('closed');
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    for (const entry of this.forwards.values()) void entry.then(({ server }) => server.close(), () => undefined);
    this.forwards.clear();
    this.endClients();
  }

  private setState(state: SshTunnelState, error?: SshTunnelError): void {
    this.state = state;
    if (error) this.lastError = error;
    if (state === 'connected') this.lastError = undefined;
    for (const listener of [...this.listeners]) {
      try {
        listener(state, error);
      } catch {
        // a failing listener must not break the tunnel
      }
    }
  }

  /** The last hop's client, connecting (or waiting for the reconnection) when needed. */
  private connected(): Promise<Client> {
    if (this.state === 'closed') return Promise.reject(new SshTunnelError('closed', 'The SSH tunnel is closed.'));
    const last = this.clients[this.hops.length - 1];
    if (this.state === 'connected' && last) return Promise.resolve(last);
    this.connecting ??= this.connectChain().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connectChain(): Promise<Client> {
    const clients: Client[] = [];
    try {
      let sock: Duplex | undefined;
      for (let i = 0; i < this.hops.length; i++) {
        if (i > 0) {
          try {
            sock = await this.openChannel(clients[i - 1], this.hops[i].host, this.hops[i].port, '127.0.0.1', 0, true);
          } catch (error) {
            throw translateJumpError(error as Error, this.describe(i - 1), this.describe(i));
          }
        }
        clients.push(await this.connectHop(i, sock));
      }
    } catch (error) {
      for (const client of clients) client.end();
      const failure = error instanceof SshTunnelError ? error : new SshTunnelError('closed', String(error));
      this.lastError = failure;
      throw failure;
    }
    if (this.state === 'closed') {
      for (const client of clients) client.end();
      throw new SshTunnelError('closed', 'The SSH tunnel is closed.');
    }
    this.clients = clients;
    this.attempt = 0;
    for (const client of clients) client.once('close', () => this.onDropped(client));
    this.setState('connected');
    return clients[clients.length - 1];
  }

  private describe(index: number): HopDescription {
    const hop = this.hops[index];
    return { host: hop.host, port: hop.port, username: hop.username, isJump: index < this.hops.length - 1, keyFile: hop.privateKeyFile };
  }

  private connectHop(index: number, sock: Duplex | undefined): Promise<Client> {
    const hop = this.hops[index];
    const description = this.describe(index);
    return new Promise<Client>((resolve, reject) => {
      const client = new Client();
      let hostKeyError: Error | undefined;
      client.once('ready', () => resolve(client));
      client.once('error', (error: Error & { code?: string; level?: string }) => {
        client.end();
        reject(hostKeyError ?? translateConnectError(error, description));
      });
      // After the handshake, errors (a dropped connection) are handled through 'close'.
      client.on('error', () => undefined);
      const config: ConnectConfig = {
        host: hop.host,
        port: hop.port,
        sock,
        username: hop.username,
        password: hop.password,
        privateKey: hop.privateKey,
        passphrase: hop.passphrase,
        agent: hop.agent,
        readyTimeout: this.options.readyTimeoutMs ?? 20_000,
        keepaliveInterval: this.options.keepaliveIntervalMs ?? 0,
        keepaliveCountMax: this.options.keepaliveCountMax ?? 3,
        hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
          this.options.verifyHostKey(hop.host, hop.port, key).then(
            () => verify(true),
            (error: unknown) => {
              hostKeyError = error instanceof Error ? error : new Error(String(error));
              verify(false);
            },
          );
        },
      };
      try {
        client.connect(config);
      } catch (error) {
        // ssh2 parses the private key synchronously, before connecting.
        reject(translateKeyError(error as Error, description));
      }
    });
  }

  private openChannel(client: Client, host: string, port: number, srcIp: string, srcPort: number, raw = false): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      client.forwardOut(srcIp, srcPort, host, port, (error, channel) => {
        if (error) {
          reject(raw ? error : translateTargetError(error, this.describe(this.hops.length - 1), { host, port }));
          return;
        }
        resolve(channel);
      });
    });
  }

  private async listen(host: string, port: number): Promise<{ server: net.Server; forward: LocalForward }> {
    const server = net.createServer((socket) => void this.pipe(socket, host, port));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return { server, forward: { host: '127.0.0.1', port: (server.address() as net.AddressInfo).port } };
  }

  /** One local connection: a channel to the remote address, or the socket is closed. */
  private async pipe(socket: net.Socket, host: string, port: number): Promise<void> {
    socket.on('error', () => undefined);
    try {
      const channel = await this.openChannel(await this.connected(), host, port, socket.remoteAddress ?? '127.0.0.1', socket.remotePort ?? 0);
      channel.on('error', () => socket.destroy());
      socket.on('close', () => channel.destroy());
      channel.on('close', () => socket.destroy());
      socket.pipe(channel).pipe(socket);
    } catch {
      socket.destroy();
    }
  }

  private onDropped(client: Client): void {
    if (this.state === 'closed' || !this.clients.includes(client)) return;
    this.endClients();
    this.scheduleReconnect(new SshTunnelError('closed', `The SSH connection to ${this.describe(this.hops.length - 1).host} dropped; reconnecting.`));
  }

  private scheduleReconnect(error: SshTunnelError): void {
    if (this.state === 'closed') return;
    this.setState('reconnecting', error);
    const delays = this.options.reconnectDelaysMs ?? DEFAULT_RECONNECT_DELAYS;
    const delay = delays[Math.min(this.attempt, delays.length - 1)];
    this.attempt++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connected().catch((failure: unknown) => this.scheduleReconnect(failure instanceof SshTunnelError ? failure : new SshTunnelError('closed', String(failure))));
    }, delay);
  }

  private endClients(): void {
    const clients = this.clients;
    this.clients = [];
    for (const client of clients) client.end();
  }
}
