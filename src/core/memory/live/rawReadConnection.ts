import * as net from 'node:net';
import * as tls from 'node:tls';
import type { Redis } from 'ioredis';
import { ServerNotAnsweringError } from '../../redis/connection/commandDeadline';
import { CommandBatch, FlatReplies, KIND_ERROR, readFlatReplies } from './flatReplies';
import type { BatchReader } from './keyReads';

/**
 * One extra raw connection to a node for the per-key reads of a live memory analysis: a whole
 * SCAN page of commands goes out as one buffer and its replies are read in bulk into typed
 * arrays ({@link FlatReplies}). ioredis' per-command objects, promises and deadline timers cost
 * several times the server's own work at a million keys. The connection goes where the node's
 * ioredis connection went (its socket's peer: the NAT-mapped Cluster address, the master a
 * Sentinel named, the local end of an SSH tunnel), with the same TLS settings, user, password
 * and database. Closed by the analysis at its end.
 */

interface Batch {
  replies: FlatReplies;
  resolve: (replies: FlatReplies) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

interface NodeOptions {
  host?: string;
  port?: number;
  path?: string | null;
  tls?: tls.ConnectionOptions;
  username?: string | null;
  password?: string | null;
  db?: number;
  connectTimeout?: number;
  commandTimeout?: number;
  /** A Cluster replica's connection (ioredis sends READONLY on it). */
  readOnly?: boolean;
}

export class RawReadConnection implements BatchReader {
  private readonly batches: Batch[] = [];
  private leftover: Buffer | undefined;
  private failure: Error | undefined;

  private constructor(
    private readonly socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('The server closed the connection.')));
  }

  /**
   * Opens the connection beside `node` (which must be connected) and runs AUTH and SELECT as
   * its options say; undefined when the node's peer is unknown (the caller keeps ioredis).
   */
  static async open(node: Redis): Promise<RawReadConnection | undefined> {
    const options = node.options as NodeOptions;
    const stream = (node as unknown as { stream?: net.Socket }).stream;
    const peer = options.path ? { path: options.path } : stream?.remoteAddress && stream.remotePort ? { host: stream.remoteAddress, port: stream.remotePort } : undefined;
    if (!peer) return undefined;
    const timeoutMs = options.commandTimeout ?? 5000;
    const socket = await connect(peer, options.tls, options.host, options.connectTimeout ?? 10_000);
    const connection = new RawReadConnection(socket, timeoutMs);
    const handshake = new CommandBatch();
    if (options.password) handshake.add(...(options.username ? ['AUTH', options.username, options.password] : ['AUTH', options.password]));
    if (options.db) handshake.add('SELECT', String(options.db));
    // A Cluster replica answers reads of its keys only in READONLY mode (ioredis sets it on its own connection).
    if (options.readOnly) handshake.add('READONLY');
    handshake.add('CLIENT', 'SETNAME', 'redis-specialist-memory');
    try {
      const replies = await connection.send(handshake);
      // CLIENT SETNAME is cosmetic (an ACL or an old server may refuse it); AUTH and SELECT must succeed.
      // A server at maxclients answers the first command with its refusal and closes the socket.
      for (let i = 0; i < replies.count; i++) {
        const cosmetic = i === replies.count - 1 && /NOPERM|no permissions|unknown (sub)?command/i.test(replies.texts[i] ?? '');
        if (replies.kinds[i] === KIND_ERROR && !cosmetic) throw new Error(`The analysis connection's handshake failed: ${replies.texts[i]}`);
      }
    } catch (error) {
      connection.close();
      throw error;
    }
    return connection;
  }

  /** Sends every command of `batch` in one write; resolves with all their replies at once. */
  send(batch: CommandBatch): Promise<FlatReplies> {
    if (this.failure) return Promise.reject(this.failure);
    const replies = new FlatReplies(batch.count);
    if (batch.count === 0) return Promise.resolve(replies);
    return new Promise((resolve, reject) => {
      const entry: Batch = { replies, resolve, reject };
      // One deadline per page (the server answers a page as fast as ioredis would each command of it).
      entry.timer = setTimeout(() => this.fail(new ServerNotAnsweringError(this.timeoutMs)), this.timeoutMs + batch.count);
      this.batches.push(entry);
      this.socket.write(batch.encode());
    });
  }

  close(): void {
    this.fail(new Error('The analysis connection was closed.'));
  }

  private onData(chunk: Buffer): void {
    let buffer = this.leftover ? Buffer.concat([this.leftover, chunk]) : chunk;
    let offset = 0;
    try {
      while (this.batches.length > 0 && offset < buffer.length) {
        const batch = this.batches[0];
        offset = readFlatReplies(buffer, offset, batch.replies);
        if (!batch.replies.complete) break;
        this.batches.shift();
        clearTimeout(batch.timer);
        batch.resolve(batch.replies);
      }
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (offset < buffer.length && this.batches.length === 0 && !this.failure) {
      this.fail(new Error('The server sent a reply nobody asked for.'));
      return;
    }
    buffer = buffer.subarray(offset);
    this.leftover = buffer.length > 0 ? Buffer.from(buffer) : undefined;
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.socket.destroy();
    for (const batch of this.batches.splice(0)) {
      clearTimeout(batch.timer);
      batch.reject(error);
    }
  }
}

/** TCP or TLS to the peer; TLS verifies the certificate against the node's configured host name. */
function connect(peer: { host: string; port: number } | { path: string }, tlsOptions: tls.ConnectionOptions | undefined, hostName: string | undefined, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    let socket: net.Socket;
    if (tlsOptions) {
      const name = tlsOptions.servername ?? hostName;
      const verify = tlsOptions.checkServerIdentity ?? (name ? (_: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(name, cert) : undefined);
      socket = tls.connect({ ...tlsOptions, ...peer, ...(name && !net.isIP(name) ? { servername: name } : {}), ...(verify ? { checkServerIdentity: verify } : {}) });
    } else {
      socket = net.connect(peer);
    }
    const timer = setTimeout(() => fail(new Error(`Could not open the analysis connection: timed out after ${timeoutMs} ms.`)), timeoutMs);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    socket.once('error', fail);
    socket.once(tlsOptions ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeListener('error', fail);
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}
