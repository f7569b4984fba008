import { checkServerIdentity, type ConnectionOptions } from 'node:tls';
import { SentinelConnector, type SentinelAddress, type SentinelConnectionOptions } from 'ioredis';
// ioredis exports its connectors' options but not the standalone connector itself from the index.
import { StandaloneConnector } from 'ioredis/built/connectors';
import type { StandaloneConnectionOptions } from 'ioredis/built/connectors/StandaloneConnector';
import type { SshTunnel } from './sshTunnel';

/**
 * ioredis connectors that reach every Redis node through an SSH tunnel: each address a client
 * wants (the configured one, a Cluster node from CLUSTER SLOTS, the master a Sentinel names, a
 * discovered Sentinel) is mapped to the tunnel's local forward for it, created on demand. TLS
 * runs inside the tunnel, end to end, and verifies the certificate against the real host name.
 */

type Endpoint = { host?: string; port?: number };

/** TLS options for a connection to `host` that now arrives through 127.0.0.1. */
function tlsThroughTunnel(tls: ConnectionOptions | undefined, host: string): ConnectionOptions | undefined {
  if (!tls) return undefined;
  return { ...tls, checkServerIdentity: tls.checkServerIdentity ?? ((_name, cert) => checkServerIdentity(tls.servername ?? host, cert)) };
}

/** A connector for single-node clients (standalone, and each node client of a Cluster). */
export function tunnelConnector(tunnel: SshTunnel): new (options: unknown) => StandaloneConnector {
  return class TunnelConnector extends StandaloneConnector {
    private closed = false;

    // ioredis hands every connector the client's whole options object.
    constructor(options: unknown) {
      super(options as StandaloneConnectionOptions);
    }

    override async connect(emitError: Parameters<StandaloneConnector['connect']>[0]): ReturnType<StandaloneConnector['connect']> {
      const original: StandaloneConnectionOptions & Endpoint = this.options;
      this.closed = false;
      const local = await tunnel.forward(original.host ?? '127.0.0.1', original.port ?? 6379);
      if (this.closed) throw new Error('Connection is closed.');
      // StandaloneConnector reads its options synchronously when connect() starts.
      this.options = { ...original, host: local.host, port: local.port, tls: tlsThroughTunnel(original.tls, original.host ?? '127.0.0.1') };
      try {
        return await super.connect(emitError);
      } finally {
        this.options = original;
      }
    }

    override disconnect(): void {
      this.closed = true;
      super.disconnect();
    }
  };
}

interface SentinelConnectorInternals {
  resolve(endpoint: SentinelAddress): Promise<{ host: string; port: number } | null>;
  connectToSentinel(endpoint: Partial<SentinelAddress>, options?: Record<string, unknown>): unknown;
}

/**
 * A Sentinel connector whose Sentinel connections (configured and discovered) and whose master
 * (or replica) connection all go through the tunnel. ioredis declares the two methods private,
 * so they are wrapped on the instance.
 */
export function tunnelSentinelConnector(tunnel: SshTunnel): new (options: unknown) => SentinelConnector {
  const Connector = tunnelConnector(tunnel);
  return class TunnelSentinelConnector extends SentinelConnector {
    /** For code that opens its own connections to single nodes of this deployment (the dashboard's replica clients). */
    static readonly nodeConnector = Connector;

    constructor(options: unknown) {
      super(options as SentinelConnectionOptions);
      const internals = this as unknown as SentinelConnectorInternals;
      const resolve = internals.resolve.bind(this);
      const connectToSentinel = internals.connectToSentinel.bind(this);
      internals.connectToSentinel = (endpoint, extra) => connectToSentinel(endpoint, { ...extra, Connector });
      internals.resolve = async (endpoint) => {
        const resolved = await resolve(endpoint);
        if (!resolved) return resolved;
        const local = await tunnel.forward(resolved.host, resolved.port);
        return { ...resolved, host: local.host, port: local.port };
      };
    }
  };
}
