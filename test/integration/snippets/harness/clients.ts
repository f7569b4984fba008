// Connections of the snippet's own client library, so each proof drives the snippet exactly as a user would.
// Every connection is tracked and closed after the check; kill() drops one abruptly, as a crashed process would.
import Redis, { Cluster } from 'ioredis';
import { createClient, createCluster } from 'redis';
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

type NodeRedisClient = ReturnType<typeof createClient>;
type NodeRedisCluster = ReturnType<typeof createCluster>;

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
  readonly client = 'node-redis' as const;
  private readonly open = new Set<NodeRedisClient | NodeRedisCluster>();

  async connect(endpoint: Endpoint): Promise<SnippetConnection> {
    const client = createClient({ url: `redis://${endpoint.host}:${endpoint.port}` });
    // A killed connection reports errors; the proof checks the outcome, not the noise.
    client.on('error', () => undefined);
    this.open.add(client);
    await client.connect();
    return client;
  }

  async connectCluster(nodes: readonly Endpoint[]): Promise<SnippetConnection> {
    const cluster = createCluster({ rootNodes: nodes.map((node) => ({ url: `redis://${node.host}:${node.port}` })) });
    cluster.on('error', () => undefined);
    this.open.add(cluster);
    await cluster.connect();
    return cluster;
  }

  kill(connection: SnippetConnection): void {
    (connection as NodeRedisClient).destroy();
    this.open.delete(connection as NodeRedisClient);
  }

  closeAll(): void {
    for (const connection of this.open) {
      if (connection.isOpen) connection.destroy();
    }
    this.open.clear();
  }
}

export function clientKit(client: SnippetClient): ClientKit {
  return client === 'ioredis' ? new IoredisKit() : new NodeRedisKit();
}
