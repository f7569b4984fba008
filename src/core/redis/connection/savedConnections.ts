import { normalizeConnectionConfig, type ConnectionConfig } from './connectionConfig';

/** The one sentence every feature says when a command names a connection that was removed. */
export const CONNECTION_GONE_MESSAGE = 'This connection no longer exists in settings (redisSpecialist.connections).';

export class ConnectionGoneError extends Error {
  constructor() {
    super(CONNECTION_GONE_MESSAGE);
    this.name = 'ConnectionGoneError';
  }
}

/**
 * The saved connections of every settings scope (user, workspace, folder — later scopes override
 * earlier ones with the same id), normalised. A malformed entry is reported through `problem` and
 * skipped, never dropped from settings.
 */
export function mergeSavedConnections(scopes: readonly (readonly unknown[])[], problem: (message: string) => void): ConnectionConfig[] {
  const byId = new Map<string, ConnectionConfig>();
  for (const entries of scopes) {
    for (const raw of entries) {
      const result = normalizeConnectionConfig(raw);
      if ('error' in result) {
        problem(`Ignoring a connection in settings: ${result.error}`);
        continue;
      }
      byId.set(result.id, result);
    }
  }
  return [...byId.values()];
}

/**
 * A value computed on first use and kept until `invalidate()`: the connection list is read on every
 * tree refresh and command, so it is normalised (and its problems logged) once per settings change.
 */
export class Cached<T> {
  private value: { current: T } | undefined;

  constructor(private readonly compute: () => T) {}

  get(): T {
    this.value ??= { current: this.compute() };
    return this.value.current;
  }

  invalidate(): void {
    this.value = undefined;
  }
}
