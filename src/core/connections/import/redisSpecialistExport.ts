import { normalizeConnectionConfig } from '../../redis/connection/connectionConfig';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../exportConnections';
import { ConnectionImportError, entriesOf, entryLabel, isEntry, type ImportedConnection } from './importedConnection';

/** Our own export (src/core/connections/exportConnections.ts). */
export function looksLikeRedisSpecialistExport(json: unknown): boolean {
  return isEntry(json) && json.format === EXPORT_FORMAT;
}

/** Reads an Export Connections… file back, checking each entry as settings are checked; it has no secrets. */
export function parseRedisSpecialistExport(json: unknown): ImportedConnection[] {
  if (!isEntry(json) || json.format !== EXPORT_FORMAT) throw new ConnectionImportError(`it is not a Redis Specialist export ("format": "${EXPORT_FORMAT}")`);
  if (json.version !== EXPORT_VERSION) throw new ConnectionImportError(`it is a version ${JSON.stringify(json.version)} export; this version of Redis Specialist reads version ${EXPORT_VERSION}: update the extension`);
  return entriesOf(json.connections, '"connections"').map((entry, index) => {
    const checked = normalizeConnectionConfig({ ...entry, id: 'imported' });
    if ('error' in checked) throw new ConnectionImportError(`${entryLabel(index, entry)}: ${checked.error.replace(/^connection "imported": /, '')}`);
    const { id: _id, ...config } = checked;
    return { config, secrets: {}, notes: [] };
  });
}
