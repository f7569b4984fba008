import * as vscode from 'vscode';
import { Commands } from '../commands';
import { KNOWN_KEY_TYPES, KeyFilterError, NO_FILTER, parseKeyFilter, describeKeyFilter } from '../core/redis/keyFilter';
import { formatKeyName } from '../core/redis/keyName';
import { registerCommand } from '../registration';
import type { ConnectionsTreeNode, ConnectionsTreeProvider } from '../connections/connectionsTree';
import type { DatabaseScope, KeyTreeNode } from './keyNodes';
import type { KeyTreeProvider } from './keyTreeProvider';

interface Deps {
  keys: KeyTreeProvider;
  tree: ConnectionsTreeProvider;
  log: vscode.LogOutputChannel;
}

type DatabaseNode = Extract<ConnectionsTreeNode, { kind: 'database' }>;

function scopeOf(node: DatabaseNode | KeyTreeNode): DatabaseScope {
  return 'scope' in node ? node.scope : { connection: node.connection, db: node.database.db };
}

/** Key-browser commands: load more, filter by pattern and type, clear filter, refresh, copy name. */
export function registerKeyCommands(context: { subscriptions: vscode.Disposable[] }, deps: Deps): void {
  const { keys, tree, log } = deps;

  registerCommand(context, log, Commands.loadMoreKeys, (node: Extract<KeyTreeNode, { kind: 'loadMore' }>) => keys.loadMore(node));

  registerCommand(context, log, Commands.filterKeys, async (node: DatabaseNode | KeyTreeNode, args?: { pattern: string; type?: string }) => {
    const scope = scopeOf(node);
    const current = keys.filterOf(scope);
    const pattern =
      args?.pattern ??
      (await vscode.window.showInputBox({
        title: `Filter keys of db${scope.db} on ${scope.connection.name}`,
        prompt: 'A key or prefix (exact match or prefix, e.g. user:42), or a glob with * ? [ ] (scans every key). Empty for all keys.',
        value: current.text ?? '',
        validateInput: (value) => {
          try {
            parseKeyFilter(value);
            return undefined;
          } catch (error) {
            return error instanceof KeyFilterError ? error.message : String(error);
          }
        },
      }));
    if (pattern === undefined) return;
    let type = args?.type;
    if (!args) {
      const picked = await vscode.window.showQuickPick([{ label: 'Any type', value: undefined }, ...KNOWN_KEY_TYPES.map((t): { label: string; value: string | undefined } => ({ label: t, value: t }))], {
        title: 'Only keys of type',
      });
      if (!picked) return;
      type = picked.value;
    }
    const filter = parseKeyFilter(pattern, type);
    await keys.setFilter(scope, filter);
    log.info(`Key filter on ${scope.connection.name} db${scope.db}: ${describeKeyFilter(filter)}`);
    await vscode.commands.executeCommand('setContext', 'redisSpecialist.keysFiltered', true);
    tree.refreshDatabase(scope.connection.id, scope.db);
  });

  registerCommand(context, log, Commands.clearKeyFilter, async (node: DatabaseNode | KeyTreeNode) => {
    const scope = scopeOf(node);
    await keys.setFilter(scope, NO_FILTER);
    tree.refreshDatabase(scope.connection.id, scope.db);
  });

  registerCommand(context, log, Commands.refreshKeys, async (node: DatabaseNode | KeyTreeNode) => {
    const scope = scopeOf(node);
    keys.reset(scope);
    // The database row's count comes from INFO keyspace: read it again along with the keys.
    await tree.refreshDatabaseCounts(scope.connection.id, scope.db);
  });

  registerCommand(context, log, Commands.copyKeyName, async (node: Extract<KeyTreeNode, { kind: 'key' }>) => {
    // The escaped form round-trips through parseKeyName, so a binary name pasted back still names the same key.
    await vscode.env.clipboard.writeText(formatKeyName(node.key));
  });
}
