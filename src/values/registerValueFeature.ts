import * as vscode from 'vscode';
import { Commands } from '../commands';
import type { Settings } from '../config';
import type { ConnectionManager } from '../connections/connectionManager';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ConnectionsTreeProvider } from '../connections/connectionsTree';
import { pickConnection } from '../connections/pickConnection';
import type { KeyTreeProvider } from '../keys/keyTreeProvider';
import { registerCommand } from '../registration';
import { registerBulkDeleteCommand } from './bulkDeleteCommand';
import { KeyChanges } from './keyChanges';
import { KeyEditorPanels, type OpenKeyOptions } from './keyEditorPanels';
import type { KeyEditorPanel } from './keyEditorPanel';
import { registerKeyOperationCommands } from './keyOperationCommands';
import { keyTargetOf, type KeyTarget } from './keyTarget';
import { registerNewKeyCommand } from './newKeyCommand';
import { askKeyName } from './prompts';
import { STRING_VALUE_SCHEME, StringValueFiles } from './stringValueFiles';
import { ValueAccess } from './valueAccess';

export interface ValueFeatureDeps {
  extensionUri: vscode.Uri;
  store: ConnectionStore;
  manager: ConnectionManager;
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
  const access = new ValueAccess(deps.store, deps.manager);
  const changes = own(new KeyChanges(deps.keys, deps.tree));
  const strings = own(new StringValueFiles(access, () => settings.stringLimitBytes));
  own(vscode.workspace.registerFileSystemProvider(STRING_VALUE_SCHEME, strings, { isCaseSensitive: true }));
  const panels = own(
    new KeyEditorPanels(
      () => ({
        extensionUri: deps.extensionUri,
        access,
        log,
        pageSize: settings.valuePageSize,
        stringPageBytes: settings.stringLimitBytes,
        onDidEdit: (target, view) => {
          // Removing the last field or member removes the key (Redis has no empty collections).
          if (view.kind === 'missing') changes.fire(target, { kind: 'deleted' });
        },
      }),
      changes,
      (id) => deps.store.get(id),
    ),
  );
  own(strings.onDidSaveValue((target) => void panels.find(target)?.onKeyChange({ kind: 'changed' })));

  registerCommand(context, log, Commands.openKey, async (arg?: unknown, options?: OpenKeyOptions): Promise<KeyEditorPanel | undefined> => {
    const target = keyTargetOf(arg) ?? (await askForKey(access));
    return target && panels.open(target, options);
  });
  registerKeyOperationCommands(context, { access, changes, strings, settings, log });
  registerNewKeyCommand(context, { access, changes, log });
  registerBulkDeleteCommand(context, { access, changes, keys: deps.keys, log });
}

/** From the palette: a connection (its configured database) and a key name typed as the tree shows it. */
async function askForKey(access: ValueAccess): Promise<KeyTarget | undefined> {
  const connection = await pickConnection(access.listConnections(), 'Open Key');
  if (!connection) return undefined;
  const key = await askKeyName({ title: `Open Key in db${connection.db} of ${connection.name}`, value: '', prompt: 'The exact key name (bytes as redis-cli writes them: \\xff, \\n, \\\\).' });
  return key && { connection, db: connection.db, key };
}
