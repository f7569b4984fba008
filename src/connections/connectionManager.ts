import * as vscode from 'vscode';
import { createRedisClient, type RedisClient } from '../core/redis/clientFactory';
import type { ConnectionConfig } from '../core/redis/connectionConfig';
import { errorMessage } from '../log';
import type { ConnectionStore } from './connectionStore';

export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'error';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Server version and role once connected; the reason when status is 'error'. */
  serverVersion?: string;
  role?: string;
  error?: string;
}

interface Live {
  client: RedisClient;
  state: ConnectionState;
  ready: Promise<RedisClient>;
}

/**
 * Owns one live ioredis client per connection, created on first use (never at activation) and
 * reconnecting with backoff. Commands that need a connection go through `getClient`, which
 * connects on demand and fails with a readable reason.
 */
export class ConnectionManager implements vscode.Disposable {
  private readonly live = new Map<string, Live>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the connection id whose state changed. */
  readonly onDidChangeState = this.changed.event;

  constructor(private readonly store: ConnectionStore, private readonly log: vscode.LogOutputChannel) {}

  state(id: string): ConnectionState {
    return this.live.get(id)?.state ?? { status: 'disconnected' };
  }

  isConnected(id: string): boolean {
    return this.state(id).status === 'connected';
  }

  /** The connected client for `id`, connecting first when needed. */
  async getClient(id: string): Promise<RedisClient> {
    const existing = this.live.get(id);
    if (existing && existing.state.status !== 'error') return existing.ready;
    const config = this.store.get(id);
    if (!config) throw new Error('This connection no longer exists in settings (redisSpecialist.connections).');
    return this.connect(config);
  }

  private async connect(config: ConnectionConfig): Promise<RedisClient> {
    await this.disconnect(config.id);
    const secrets = await this.store.getSecrets(config.id);
    const client = createRedisClient(config, secrets, { reconnect: true, lazyConnect: true });
    const entry: Live = { client, state: { status: 'connecting' }, ready: Promise.resolve(client) };
    this.live.set(config.id, entry);
    this.changed.fire(config.id);
    this.log.info(`Connecting to "${config.name}" (${config.kind} ${config.socket ?? `${config.host}:${config.port}`})`);
    entry.ready = this.waitReady(config, client, entry);
    return entry.ready;
  }

  private async waitReady(config: ConnectionConfig, client: RedisClient, entry: Live): Promise<RedisClient> {
    const update = (state: ConnectionState): void => {
      if (this.live.get(config.id) !== entry) return;
      entry.state = state;
      this.changed.fire(config.id);
    };
    // ioredis rejects connect() with a bare "Connection is closed."; the cause arrives as an 'error' event.
    let lastError: unknown;
    client.on('error', (error: unknown) => {
      lastError = error;
      this.log.warn(`"${config.name}": ${errorMessage(error)}`);
    });
    client.on('reconnecting', () => update({ ...entry.state, status: 'reconnecting' }));
    client.on('ready', () => {
      if (entry.state.status === 'reconnecting') update({ ...entry.state, status: 'connected' });
    });
    try {
      await withTimeout(client.connect(), config.connectTimeoutMs + 1000, `No answer from ${config.host}:${config.port} within ${config.connectTimeoutMs} ms. Check the host, port and firewall.`);
      const info = await infoFields(client);
      update({ status: 'connected', serverVersion: info.redis_version ?? info.valkey_version, role: info.role });
      this.log.info(`Connected to "${config.name}": Redis ${info.redis_version ?? '?'} (${info.role ?? '?'})`);
      return client;
    } catch (error) {
      client.disconnect();
      const message = errorMessage(lastError ?? error);
      update({ status: 'error', error: message });
      this.log.error(`Cannot connect to "${config.name}": ${message}`);
      throw new Error(message, { cause: lastError ?? error });
    }
  }

  async disconnect(id: string): Promise<void> {
    const entry = this.live.get(id);
    if (!entry) return;
    this.live.delete(id);
    entry.client.removeAllListeners('ready');
    entry.client.removeAllListeners('reconnecting');
    try {
      await entry.client.quit();
    } catch {
      entry.client.disconnect();
    }
    this.changed.fire(id);
  }

  dispose(): void {
    for (const { client } of this.live.values()) client.disconnect();
    this.live.clear();
    this.changed.dispose();
  }
}

async function infoFields(client: RedisClient): Promise<Record<string, string>> {
  const text = await (client as { info(section: string): Promise<string> }).info('server');
  const replication = await (client as { info(section: string): Promise<string> }).info('replication');
  const fields: Record<string, string> = {};
  for (const line of `${text}\n${replication}`.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) fields[line.slice(0, at)] = line.slice(at + 1);
  }
  return fields;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
