import type { ConnectionConfig } from '../redis/connection/connectionConfig';

/** Tells our export file from any other JSON; the version changes only if a reader of version 1 would misread a newer file. */
export const EXPORT_FORMAT = 'redis-specialist-connections';
export const EXPORT_VERSION = 1;

export interface ConnectionsExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  /** The saved settings without ids (an import gives fresh ones) and without secrets, which never leave SecretStorage. */
  connections: Omit<ConnectionConfig, 'id'>[];
}

/**
 * The text of an export file. Settings hold no secrets by construction (they live in
 * SecretStorage), so dropping the id is all it takes; Import Connections… reads the file back.
 */
export function exportConnectionsFile(connections: readonly ConnectionConfig[], exportedAt: Date): string {
  const file: ConnectionsExportFile = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    connections: connections.map(({ id: _id, ...config }) => config),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
