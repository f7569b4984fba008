import * as vscode from 'vscode';
import { Commands } from '../commands';
import { isFiltered, KNOWN_KEY_TYPES, KeyFilterError, NO_FILTER, parseKeyFilter, describeKeyFilter, type KeyFilter } from '../core/redis/keyspace/keyFilter';
import { formatKeyName } from '../core/redis/keyspace/keyName';
import { MultiStepInput } from '../connections/multiStepInput';
import { registerCommand } from '../registration';
import type { DatabaseScope, ExplorerNode, NodeOf } from '../explorer/explorerNode';
import { databaseScopeOf } from '../explorer/nodeArguments';
import type { FeatureContext } from '../feature';

/** The database a command on a database, folder or key node acts on. */
function scopeOf(node: unknown): DatabaseScope {
  const where = databaseScopeOf(node);
  if (!where) throw new Error('Run this command on a database or folder in the Redis view.');
  return where.scope;
}

/** Key-browser commands: load more, filter by pattern and type, clear filter, refresh, copy name. */
export function registerKeyBrowserCommands(context: FeatureContext): void {
  const { log } = context;
  const { keys, tree } = context.view;

  registerCommand(context, log, Commands.loadMoreKeys, (node: NodeOf<'loadMore'>) => keys.loadMore(node));

  registerCommand(context, log, Commands.filterKeys, async (node: ExplorerNode, args?: { pattern: string; type?: string }) => {
    const scope = scopeOf(node);
    const answer = args ?? (await askFilter(scope, keys.filterOf(scope)));
    if (!answer) return;
    const filter = parseKeyFilter(answer.pattern, answer.type);
    await keys.setFilter(scope, filter);
    log.info(`Key filter on ${scope.connection.name} db${scope.db}: ${describeKeyFilter(filter)}`);
    tree.refresh();
  });

  registerCommand(context, log, Commands.clearKeyFilter, async (node?: ExplorerNode) => {
    // From the view's title (no node): clear every filter.
    if (!node) {
      await keys.clearFilters();
      tree.refresh();
      return;
    }
    const scope = scopeOf(node);
    await keys.setFilter(scope, NO_FILTER);
    tree.refresh();
  });

  registerCommand(context, log, Commands.stopLoadingKeys, () => keys.stopLoading());

  // Key patterns of the code as folders, or every key by folder: one database, for this session.
  registerCommand(context, log, Commands.showCodePatternFolders, async (node: ExplorerNode) => {
    const scope = scopeOf(node);
    // The user asked for the patterns: a filter would hide them.
    if (isFiltered(keys.filterOf(scope))) await keys.setFilter(scope, NO_FILTER);
    keys.patterns.setMode(scope, true);
    const children = await keys.getChildren(scope);
    if (!children.some((n) => n.kind === 'pattern')) {
      void vscode.window.showInformationMessage('The workspace code builds no key pattern that can be a folder (a Redis call with a key such as `session:${id}`); the key browser shows every key.');
    }
    return children.filter((n) => n.kind === 'pattern').map((n) => (n.kind === 'pattern' ? n.folder.pattern : ''));
  });

  registerCommand(context, log, Commands.showAllKeys, (node: ExplorerNode) => keys.patterns.setMode(scopeOf(node), false));

  registerCommand(context, log, Commands.refreshKeys, async (node: ExplorerNode) => {
    if (node.kind === 'pattern') return keys.patterns.resetFolder(node);
    const scope = scopeOf(node);
    keys.reset(scope);
    // The database row's count comes from INFO keyspace: read it again along with the keys.
    await tree.refreshDatabaseCounts(scope.connection.id, scope.db);
  });

  registerCommand(context, log, Commands.copyKeyName, async (node: NodeOf<'key'>) => {
    // The escaped form round-trips through parseKeyName, so a binary name pasted back still names the same key.
    await vscode.env.clipboard.writeText(formatKeyName(node.key));
  });
}

/** Pattern, then type; Enter on the type step keeps "Any type" (or the type already chosen). */
async function askFilter(scope: DatabaseScope, current: KeyFilter): Promise<{ pattern: string; type?: string } | undefined> {
  const title = `Filter keys of db${scope.db} on ${scope.connection.name}`;
  let pattern = current.text ?? '';
  let type = current.type;
  const ok = await MultiStepInput.run([
    {
      name: 'pattern',
      run: async (input) => {
        pattern = await input.showInput({
          title,
          prompt: 'A key or prefix (exact match or prefix, e.g. user:42), or a glob with * ? [ ] (scans every key). Empty for all keys.',
          value: pattern,
          validate: (value) => {
            try {
              parseKeyFilter(value);
              return undefined;
            } catch (error) {
              return error instanceof KeyFilterError ? error.message : String(error);
            }
          },
        });
      },
    },
    {
      name: 'type',
      run: async (input) => {
        [type] = await input.showPick<string | undefined>({
          title,
          placeholder: 'Only keys of type… (Enter: any type)',
          selected: [type],
          // A module type set earlier (ReJSON-RL…) stays offered, so Enter keeps it.
          items: [{ label: 'Any type', value: undefined }, ...[...new Set<string>([...KNOWN_KEY_TYPES, ...(type ? [type] : [])])].map((t) => ({ label: t, value: t }))],
        });
      },
    },
  ]);
  return ok ? { pattern, ...(type ? { type } : {}) } : undefined;
}
