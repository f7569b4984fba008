import { Commands } from '../commands';
import type { Connections } from '../connections/connections';
import { pickConnection } from '../connections/pickConnection';
import { formatKeyName } from '../core/redis/keyspace/keyName';
import type { KeyTarget } from '../core/redis/values/keyTarget';
import type { DatabaseScope } from '../explorer/explorerNode';
import { databaseScopeOf, keyTargetOf } from '../explorer/nodeArguments';
import type { FeatureContext } from '../feature';
import type { KeyEditorPanel } from '../keyEditor/keyEditorPanel';
import type { OpenKeyOptions } from '../keyEditor/keyEditorPanels';
import { registerCommand } from '../registration';
import { pickKeyToOpen, type SuggestionLimits } from './openKeyPicker';

/** Open Key: from a key item, that key; from a database or folder item, or the palette, the key the user picks (with suggestions). */
export function registerOpenKeyCommand(context: FeatureContext): void {
  const { connections, settings, keyEditors, log } = context;
  registerCommand(context, log, Commands.openKey, async (arg?: unknown, options?: OpenKeyOptions): Promise<KeyEditorPanel | undefined> => {
    const target = keyTargetOf(arg) ?? (await askForKey(connections, databaseScopeOf(arg), { scanCount: settings.scanCount, maxKeysPerLoad: settings.maxKeysPerLoad, newBudget: (scope) => settings.loadBudgetFor(scope.connection) }));
    return target && keyEditors.open(target, options);
  });
}

/**
 * A connection (its configured database) unless the command came from a database or folder item,
 * then a key name with suggestions (a folder's prefix already typed).
 */
async function askForKey(connections: Connections, from: { scope: DatabaseScope; prefix: Buffer } | undefined, limits: SuggestionLimits): Promise<KeyTarget | undefined> {
  const where = from?.scope ?? (await pickConnection(connections.list(), 'Open Key').then((connection) => connection && { connection, db: connection.db }));
  if (!where) return undefined;
  const key = await pickKeyToOpen(connections, where, limits, from ? formatKeyName(from.prefix) : '');
  return key && { connection: where.connection, db: where.db, key };
}
