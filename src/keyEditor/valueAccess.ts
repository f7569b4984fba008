import type { RedisClient } from '../core/redis/connection/clientFactory';
import type { ConnectionConfig } from '../core/redis/connection/connectionConfig';
import { writeGuardFor, type WriteGuard } from '../core/redis/safety/writeGuard';
import type { ConnectionManager } from '../connections/connectionManager';
import type { ConnectionStore } from '../connections/connectionStore';
import type { DatabaseScope } from '../keys/keyNodes';

/**
 * How value code reaches Redis: the client of a database (connecting on demand) and the write
 * guard of its connection. Both read the connection from settings each time, so turning on
 * "read-only" takes effect at once, also for editors opened before.
 */
export class ValueAccess {
  constructor(
    private readonly store: ConnectionStore,
    private readonly manager: ConnectionManager,
  ) {}

  /** The saved connection as it is now. */
  connection(id: string): ConnectionConfig {
    const config = this.store.get(id);
    if (!config) throw new Error('This connection no longer exists in settings (redisSpecialist.connections).');
    return config;
  }

  client(scope: DatabaseScope): Promise<RedisClient> {
    return this.manager.getDatabaseClient(scope.connection.id, scope.db);
  }

  /** Throws a ReadOnlyError for every write on a read-only connection. */
  guard(scope: DatabaseScope): WriteGuard {
    const config = this.connection(scope.connection.id);
    return writeGuardFor(config.readOnly, config.name);
  }

  isReadOnly(connectionId: string): boolean {
    return this.store.get(connectionId)?.readOnly ?? true;
  }

  listConnections(): ConnectionConfig[] {
    return this.store.list();
  }
}
