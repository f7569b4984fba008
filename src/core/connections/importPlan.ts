import type { ConnectionConfig } from '../redis/connection/connectionConfig';
import type { ImportedConnection } from './import/importedConnection';

type Identity = Pick<ConnectionConfig, 'name' | 'host' | 'port' | 'db' | 'username' | 'socket'>;

export interface PlannedImport {
  connection: ImportedConnection;
  /** Set when the connection is already saved (or earlier in the same file): the name of the one it repeats. */
  duplicateOf?: string;
}

/** Where a connection points: the same server, database and user is the same connection whatever its name. */
function target(config: Identity): string {
  const where = config.socket ? `unix:${config.socket}` : `${config.host.toLowerCase()}:${config.port}`;
  return `${where}/${config.db}/${config.username ?? ''}`;
}

/**
 * Marks which imported connections repeat a saved one — the same host, port, database and user,
 * or the same name — or one earlier in the file; those are skipped, so importing twice adds nothing.
 */
export function planImport(imported: readonly ImportedConnection[], saved: readonly Identity[]): PlannedImport[] {
  const byTarget = new Map<string, string>();
  const byName = new Map<string, string>();
  const remember = (config: Identity): void => {
    if (!byTarget.has(target(config))) byTarget.set(target(config), config.name);
    if (!byName.has(config.name.trim())) byName.set(config.name.trim(), config.name);
  };
  saved.forEach(remember);
  return imported.map((connection) => {
    const duplicateOf = byName.get(connection.config.name.trim()) ?? byTarget.get(target(connection.config));
    if (duplicateOf !== undefined) return { connection, duplicateOf };
    remember(connection.config);
    return { connection };
  });
}

/** The closing message: `Imported 3 connections, skipped 2 duplicates.` (counts of 0 left out but the first). */
export function importSummary(imported: number, duplicates: number, leftOut = 0): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [`Imported ${plural(imported, 'connection')}`];
  if (duplicates) parts.push(`skipped ${plural(duplicates, 'duplicate')}`);
  if (leftOut) parts.push(`left out ${leftOut} you unchecked`);
  return `${parts.join(', ')}.`;
}
