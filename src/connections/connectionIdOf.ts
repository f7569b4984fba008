// Pure (no vscode import) so that unit tests can check the argument shapes commands accept.
/**
 * The connection a command was invoked on: an id (API, tests), a tree node carrying the connection
 * (`{ connection: { id } }`, the Connections view's nodes) or `{ connectionId }`.
 */
export function connectionIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg || undefined;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const record = arg as { connectionId?: unknown; connection?: { id?: unknown } };
  if (typeof record.connectionId === 'string') return record.connectionId;
  if (typeof record.connection?.id === 'string') return record.connection.id;
  return undefined;
}

/** Schemes of documents and editors that belong to one connection (key editors, string values). */
const CONNECTION_SCHEMES = new Set(['redis-key', 'redis-value']);

/** The connection a `redis-key:` or `redis-value:` URI belongs to (its `connection` query parameter). */
export function connectionIdOfUri(uri: { scheme: string; query: string } | undefined): string | undefined {
  if (!uri || !CONNECTION_SCHEMES.has(uri.scheme)) return undefined;
  return new URLSearchParams(uri.query).get('connection') || undefined;
}
