import type { ConnectionConfig } from '../../../src/core/redis/connection/connectionConfig';
import type { Endpoint } from '../../fixtures/redis';

/** A saved-connection config for a fixture server, with the defaults a user would get. */
export function configFor(endpoint: Endpoint, overrides: Partial<ConnectionConfig> = {}): ConnectionConfig {
  return {
    id: `test-${endpoint.port}`,
    name: `fixture ${endpoint.port}`,
    kind: 'standalone',
    host: endpoint.host,
    port: endpoint.port,
    db: 0,
    connectTimeoutMs: 3000,
    keyDelimiter: ':',
    readOnly: false,
    ...overrides,
  };
}
