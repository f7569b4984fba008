import * as vscode from 'vscode';
import { Commands } from '../commands';
import type { Settings } from '../config';
import type { Connections } from '../connections/connections';
import type { ConnectionsTreeProvider } from '../connections/connectionsTree';
import { pickConnection } from '../connections/pickConnection';
import { formatKeyName } from '../core/redis/keyspace/keyName';
import type { DatabaseScope } from '../keys/keyNodes';
import type { KeyTreeProvider } from '../keys/keyTreeProvider';
import { registerCommand } from '../registration';
import { registerBulkDeleteCommand } from '../keys/bulkDeleteCommand';
import { KeyChanges } from '../keys/keyChanges';
import { KeyEditorPanels, type OpenKeyOptions } from './keyEditorPanels';
import type { KeyEditorPanel } from './keyEditorPanel';
import { registerKeyOperationCommands } from '../keys/keyOperationCommands';
import { databaseScopeOf, keyTargetOf, type KeyTarget } from '../core/redis/values/keyTarget';
import { pickKeyToOpen, type SuggestionLimits } from '../keys/openKeyPicker';
import { registerNewKeyCommand } from '../keys/newKeyCommand';
import { STRING_VALUE_SCHEME, StringValueFiles } from './stringValueFiles';


export interface ValueFeatureDeps {
  extensionUri: vscode.Uri;
  connections: Connections;
  keys: KeyTreeProvider;
  tree: ConnectionsTreeProvider;
  settings: Settings;
  log: vscode.LogOutputChannel;
}

/**
 * Values and key operations: the key editor tabs (Open Key), string values as `redis-value:`
 * documents, key commands (rename, delete, TTL, duplicate, copy), New Key and Delete Keys
 * Matching. Nothing connects until one of these commands runs.
 */
export function registerValueFeature(context: { subscriptions: vscode.Disposable[] }, deps: ValueFeatureDeps): void {
  const { settings, log } = deps;
  const own = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  const { connections } = deps;
  const changes = own(new KeyChanges(deps.keys, deps.tree));
  const strings = own(new StringValueFiles(connections, () => settings.stringLimitBytes));
  own(vscode.workspace.registerFileSystemProvider(STRING_VALUE_SCHEME, strings, { isCaseSensitive: true }));
  const panels = own(
    new KeyEditorPanels(
      () => ({
        extensionUri: deps.extensionUri,
        connections,
        log,
        pageSize: settings.valuePageSize,
        stringPageBytes: settings.stringLimitBytes,
        onDidEdit: (target, view) => {
          // Removing the last field or member removes the key (Redis has no empty collections).
          if (view.kind === 'missing') changes.fire(target, { kind: 'deleted' });
        },
      }),
      changes,
      (id) => connections.get(id),
    ),
  );
  own(strings.onDidSaveValue((target) => void panels.find(target)?.onKeyChange({ kind: 'changed' })));

  // From a key item: that key. From a database or folder item, or the palette: the key the user picks (with suggestions).
  registerCommand(context, log, Commands.openKey, async (arg?: unknown, options?: OpenKeyOptions): Promise<KeyEditorPanel | undefined> => {
    const target = keyTargetOf(arg) ?? (await askForKey(connections, databaseScopeOf(arg), { scanCount: settings.scanCount, maxKeysPerLoad: settings.maxKeysPerLoad }));
    return target && panels.open(target, options);
  });
  registerKeyOperationCommands(context, { connections, changes, strings, settings, log, selection: () => deps.keys.selection });
  registerNewKeyCommand(context, { connections, changes, strings, log });
  registerBulkDeleteCommand(context, { connections, changes, keys: deps.keys, log });
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
