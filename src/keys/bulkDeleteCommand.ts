import * as vscode from 'vscode';
import { Commands } from '../commands';
import { countMatchingKeys, deleteMatchingKeys, type CountResult, type DeleteResult } from '../core/redis/keyspace/bulkDelete';
import { describeKeyFilter, isFiltered, KeyFilterError, NO_FILTER, patternInMode, selectionWithin, type KeyFilter, type KeySelection, type KeyTargetPattern, type MatchMode } from '../core/redis/keyspace/keyFilter';
import { formatKeyName } from '../core/redis/keyspace/keyName';
import type { RedisClient } from '../core/redis/connection/clientFactory';
import type { WriteGuard } from '../core/redis/safety/writeGuard';
import type { LoadBudget } from '../core/redis/keyspace/loadBudget';
import { MultiStepInput } from '../connections/multiStepInput';
import { pickConnection } from '../connections/pickConnection';
import type { DatabaseScope } from '../explorer/explorerNode';
import { registerCommand } from '../registration';
import { databaseScopeOf, patternGlobOf } from '../explorer/nodeArguments';
import type { Connections } from '../connections/connections';
import type { FeatureContext } from '../feature';

/** Answers given up front (API, tests): the command asks nothing. */
export interface DeleteMatchingArgs {
  /** The text as typed (redis-cli escapes for bytes); defaults to the folder's prefix. */
  pattern?: string;
  /** How to read `pattern`: 'exact' (name or prefix, * ? [ literal) or 'glob'. Default: glob when it has * ? [. */
  mode?: MatchMode;
}

const SAMPLE_SHOWN = 5;

/** What the user chose: the pattern, how it was read, and how to say both. */
interface Deletion {
  target: KeyTargetPattern;
  text: string;
}

/**
 * Where the command was invoked and what it offers first: a folder's prefix (exact), or a key
 * pattern's glob. `filtered`: the key browser's filter narrows the keys (a database or folder shows
 * only filtered keys; a pattern folder — shown only without a filter — and a Key Patterns row list
 * every key their glob matches, so the filter is not theirs).
 */
interface Invocation {
  scope: DatabaseScope;
  suggested: { mode: MatchMode; text: string };
  filtered: boolean;
}

/**
 * "Delete Keys Matching…" on a folder, a database or a key pattern (a pattern folder of the key
 * browser, a pattern of the Key Patterns view with live figures: its glob is offered). The user
 * says whether the text is an exact name or prefix (a copied key name such as `*` stays literal)
 * or a glob; on a database or folder the keys are those the tree shows, so an active filter narrows
 * them too (folder ∩ filter). Counts with SCAN first
 * (cancellable), then asks for the count to be typed — nothing destructive is ever the default —
 * and deletes with SCAN + UNLINK in batches, with progress and cancel. Never KEYS.
 */
export function registerBulkDeleteCommand(context: FeatureContext): void {
  const { connections, keyChanges: changes, log, settings } = context;
  const { keys } = context.view;
  registerCommand(context, log, Commands.deleteKeysMatching, async (arg?: unknown, args?: DeleteMatchingArgs): Promise<DeleteResult | undefined> => {
    const where = invocationOf(arg) ?? (await pickScope(connections));
    if (!where) return undefined;
    const scope: DatabaseScope = { connection: connections.require(where.scope.connection.id), db: where.scope.db };
    const guard = connections.guard(scope);
    guard('UNLINK');
    const filter = where.filtered ? keys.filterOf(scope) : NO_FILTER;
    const deletion = args ? deletionFromArgs(args, where.suggested) : await askDeletion(scope, where.suggested, filter);
    if (!deletion) return undefined;
    const selection = selectionWithin(deletion.target, filter);
    const what = `keys matching ${describeDeletion(deletion, filter)}`;
    const place = `db${scope.db} of "${scope.connection.name}"`;
    const client = await connections.client(scope);

    // One budget per walk (the count, then the delete), each paced by the server's latency at the time.
    const counted = await count(client, selection, what, settings.loadBudgetFor(scope.connection));
    if (counted.cancelled) {
      void vscode.window.showInformationMessage(`Counting stopped; nothing was deleted.`);
      return undefined;
    }
    if (counted.count === 0) {
      void vscode.window.showInformationMessage(`No ${what} in ${place}.`);
      return { deleted: 0, cancelled: false };
    }
    if (!args && !(await confirmByCount(counted, what, place))) return undefined;

    const result = await remove(client, selection, what, counted.count, guard, settings.loadBudgetFor(scope.connection));
    log.info(`Deleted ${result.deleted} ${what} in ${place}${result.cancelled ? ' (stopped)' : ''}`);
    changes.fire({ ...scope, key: Buffer.alloc(0) }, { kind: 'bulkDeleted' });
    void vscode.window.showInformationMessage(result.cancelled ? `Stopped after deleting ${formatCount(result.deleted)} ${what}.` : `Deleted ${formatCount(result.deleted)} ${what}.`);
    return result;
  });
}

/** A key pattern offers its glob; a folder its prefix; a database or key nothing. */
function invocationOf(arg: unknown): Invocation | undefined {
  const pattern = patternGlobOf(arg);
  if (pattern) return { scope: pattern.scope, suggested: { mode: 'glob', text: pattern.glob }, filtered: false };
  const where = databaseScopeOf(arg);
  return where && { scope: where.scope, suggested: { mode: 'exact', text: formatKeyName(where.prefix) }, filtered: true };
}

function deletionFromArgs(args: DeleteMatchingArgs, suggested: Invocation['suggested']): Deletion {
  const text = args.pattern ?? suggested.text;
  const mode = args.mode ?? (args.pattern === undefined ? suggested.mode : /[*?[]/.test(args.pattern) ? 'glob' : 'exact');
  const problem = problemOf(text, mode);
  if (problem) throw new Error(problem);
  return { target: patternInMode(text, mode), text };
}

/** "exact name or prefix "session:", within the tree's filter glob "*:x"" — the mode and the scope, in words. */
function describeDeletion(deletion: Deletion, filter: KeyFilter): string {
  const pattern = deletion.target.kind === 'prefix' ? `exact name or prefix "${deletion.text}"` : `glob "${deletion.text}"`;
  return isFiltered(filter) ? `${pattern}, within the tree's filter (${describeKeyFilter(filter)})` : pattern;
}

/** Mode first (exact is the default: a copied name must not turn into a glob; a key pattern's is glob), then the text. */
async function askDeletion(scope: DatabaseScope, suggested: Invocation['suggested'], filter: KeyFilter): Promise<Deletion | undefined> {
  const title = `Delete Keys Matching… in db${scope.db} of ${scope.connection.name}`;
  const scopeNote = isFiltered(filter) ? ` Only keys the tree shows are included (filter: ${describeKeyFilter(filter)}).` : '';
  let { mode, text } = suggested;
  // A folder's prefix typed as a glob selects what is below it: `session:` becomes `session:*`.
  const folderPrefix = suggested.mode === 'exact' && text !== '';
  const ok = await MultiStepInput.run([
    {
      name: 'mode',
      run: async (input) => {
        [mode] = await input.showPick<MatchMode>({
          title,
          placeholder: 'How should the text be read?',
          selected: [mode],
          items: [
            { label: 'Exact name or prefix', description: '* ? [ are ordinary characters — for names copied with Copy Key Name', value: 'exact' },
            { label: 'Glob pattern', description: '* any text, ? one character, [abc] a set, \\* a literal star', value: 'glob' },
          ],
        });
      },
    },
    {
      name: 'text',
      run: async (input) => {
        text = await input.showInput({
          title,
          prompt: `${mode === 'exact' ? 'The key name or prefix (session:), bytes as \\xff' : 'A glob (session:*:token)'}. Next you see the count and a sample.${scopeNote}`,
          value: mode === 'glob' && folderPrefix && !text.endsWith('*') ? `${text}*` : text,
          validate: (value) => problemOf(value, mode),
        });
      },
    },
  ]);
  return ok ? { target: patternInMode(text, mode), text } : undefined;
}

function problemOf(text: string, mode: MatchMode): string | undefined {
  if (text === '' || (mode === 'glob' && /^\**$/.test(text))) return 'This pattern matches every key; FLUSHDB is the command for that, and this one will not do it.';
  try {
    patternInMode(text, mode);
    return undefined;
  } catch (error) {
    return error instanceof KeyFilterError ? error.message : String(error);
  }
}

/** Asks for the number of keys to be typed: Enter alone never deletes. */
async function confirmByCount(counted: CountResult, what: string, place: string): Promise<boolean> {
  const total = formatCount(counted.count);
  const sample = counted.sample.slice(0, SAMPLE_SHOWN).map((key) => formatKeyName(key));
  const more = counted.count - sample.length;
  const answer = await MultiStepInput.askText({
    title: `Delete ${counted.exact ? '' : 'about '}${total} ${counted.count === 1 ? 'key' : 'keys'} in ${place}?`,
    prompt: `${capitalise(what)}: ${sample.join(', ')}${more > 0 ? ` and ${formatCount(more)} more` : ''}. Type ${counted.count} to delete them with UNLINK; this cannot be undone. Escape keeps them.`,
    placeholder: `Type ${counted.count} to confirm`,
    validate: (value) => (value.trim().replace(/[,\s]/g, '') === String(counted.count) ? undefined : `Type ${counted.count} to delete, or press Escape to keep the keys.`),
  });
  return answer !== undefined && answer.trim().replace(/[,\s]/g, '') === String(counted.count);
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const formatCount = (n: number): string => n.toLocaleString('en-US');

/** " (throttled: …)" while the load budget holds the scan back, else nothing. */
const budgetNote = (budget: LoadBudget): string => (budget.describe() ? ` (${budget.describe()})` : '');

function count(client: RedisClient, selection: KeySelection, what: string, budget: LoadBudget): Thenable<CountResult> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Counting ${what}`, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return countMatchingKeys(client, selection.match, {
      selection,
      signal: controller.signal,
      sampleSize: SAMPLE_SHOWN,
      budget,
      onProgress: (n) => progress.report({ message: `${formatCount(n)} so far${budgetNote(budget)}` }),
    });
  });
}

function remove(client: RedisClient, selection: KeySelection, what: string, expected: number, guard: WriteGuard, budget: LoadBudget): Thenable<DeleteResult> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Deleting ${what}`, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    let reported = 0;
    return deleteMatchingKeys(client, selection.match, guard, {
      selection,
      signal: controller.signal,
      budget,
      onProgress: (deleted) => {
        // Percent of the counted keys; keys added since the count may take it past 100, so cap it.
        const percent = Math.min(100, (deleted / expected) * 100);
        progress.report({ increment: percent - reported, message: `${formatCount(deleted)} of ${formatCount(expected)}${budgetNote(budget)}` });
        reported = percent;
      },
    });
  });
}

async function pickScope(connections: Connections): Promise<Invocation | undefined> {
  const connection = await pickConnection(connections.list(), 'Delete Keys Matching…');
  return connection && { scope: { connection, db: connection.db }, suggested: { mode: 'exact', text: '' }, filtered: true };
}
