// Connections of the snippet's own client library, so each proof drives the snippet exactly as a user would.
// Every connection is tracked and closed after the check; kill() drops one abruptly, as a crashed process would.
import Redis, { Cluster } from 'ioredis';
import { createClient, createCluster } from 'redis';
import { createClient as createClientV4, createCluster as createClusterV4 } from 'redis-v4';
import type { SnippetClient } from '../../../../src/core/snippets/catalog';
import type { Endpoint } from '../../../fixtures/redis';

/** A connection of either client library; proofs pass it to the snippet untouched. */
export type SnippetConnection = object;

export interface ClientKit {
  readonly client: SnippetClient;
  connect(endpoint: Endpoint): Promise<SnippetConnection>;
  connectCluster(nodes: readonly Endpoint[]): Promise<SnippetConnection>;
  /** Closes the socket at once, without QUIT: the server sees a client that vanished mid-work. */
  kill(connection: SnippetConnection): void;
  closeAll(): void;
}

/** What both node-redis majors share; enough to connect, close and kill. */
interface NodeRedisConnection {
  readonly isOpen: boolean;
  on(event: 'error', listener: () => void): unknown;
  connect(): Promise<unknown>;
  destroy?(): void;
  disconnect(): Promise<void>;
}
interface NodeRedisFactory {
  client(url: string): NodeRedisConnection;
  cluster(urls: string[]): NodeRedisConnection;
}

const NODE_REDIS_V5: NodeRedisFactory = {
  client: (url) => createClient({ url }),
  cluster: (urls) => createCluster({ rootNodes: urls.map((url) => ({ url })) }),
};
const NODE_REDIS_V4: NodeRedisFactory = {
  client: (url) => createClientV4({ url }),
  cluster: (urls) => createClusterV4({ rootNodes: urls.map((url) => ({ url })) }),
};

class IoredisKit implements ClientKit {
  readonly client = 'ioredis' as const;
  private readonly open = new Set<Redis | Cluster>();

  async connect(endpoint: Endpoint): Promise<SnippetConnection> {
    const redis = new Redis({ host: endpoint.host, port: endpoint.port, lazyConnect: true, maxRetriesPerRequest: 1 });
    this.open.add(redis);
    await redis.connect();
    return redis;
  }

  async connectCluster(nodes: readonly Endpoint[]): Promise<SnippetConnection> {
    const cluster = new Cluster([...nodes], { lazyConnect: true });
    this.open.add(cluster);
    await cluster.connect();
    return cluster;
  }

  kill(connection: SnippetConnection): void {
    (connection as Redis).disconnect();
    this.open.delete(connection as Redis);
  }

  closeAll(): void {
    for (const connection of this.open) connection.disconnect();
    this.open.clear();
  }
}

class NodeRedisKit implements ClientKit {
  private readonly open = new Set<NodeRedisConnection>();

  constructor(
    readonly client: 'node-redis' | 'node-redis-v4',
    private readonly factory: NodeRedisFactory,
  ) {}

  async connect(endpoint: Endpoint): Promise<SnippetConnection> {
    return this.track(this.factory.client(`redis://${endpoint.host}:${endpoint.port}`));
  }

  async connectCluster(nodes: readonly Endpoint[]): Promise<SnippetConnection> {
    return this.track(this.factory.cluster(nodes.map((node) => `redis://${node.host}:${node.port}`)));
  }

  kill(connection: SnippetConnection): void {
    close(connection as NodeRedisConnection);
    this.open.delete(connection as NodeRedisConnection);
  }

  closeAll(): void {
    for (const connection of this.open) {
      if (connection.isOpen) close(connection);
    }
    this.open.clear();
  }

  private async track(connection: NodeRedisConnection): Promise<SnippetConnection> {
    // A killed connection reports errors; the proof checks the outcome, not the noise.
    connection.on('error', () => undefined);
    this.open.add(connection);
    await connection.connect();
    return connection;
  }
}

/** Drops the socket at once: v5 clients and clusters have destroy(); v4 disconnect() does the same. */
function close(connection: NodeRedisConnection): void {
  if (connection.destroy) connection.destroy();
  else void connection.disconnect().catch(() => undefined);
}

export function clientKit(client: SnippetClient): ClientKit {
  if (client === 'ioredis') return new IoredisKit();
  return client === 'node-redis' ? new NodeRedisKit(client, NODE_REDIS_V5) : new NodeRedisKit(client, NODE_REDIS_V4);
}
