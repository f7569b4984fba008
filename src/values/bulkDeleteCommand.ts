import * as vscode from 'vscode';
import { Commands } from '../commands';
import { countMatchingKeys, deleteMatchingKeys, type CountResult, type DeleteResult } from '../core/redis/bulkDelete';
import { parseKeyFilter, prefixGlob } from '../core/redis/keyFilter';
import { formatKeyName } from '../core/redis/keyName';
import type { RedisClient } from '../core/redis/clientFactory';
import type { WriteGuard } from '../core/redis/writeGuard';
import { pickConnection } from '../connections/pickConnection';
import type { DatabaseScope } from '../keys/keyNodes';
import { registerCommand } from '../registration';
import type { KeyChanges } from './keyChanges';
import { databaseScopeOf } from './keyTarget';
import { confirmModal } from './prompts';
import type { ValueAccess } from './valueAccess';

/** Answers given up front (API, tests): the command asks nothing. */
export interface DeleteMatchingArgs {
  /** A glob as typed (redis-cli escapes for bytes); defaults to the folder's prefix. */
  pattern?: string;
}

const SAMPLE_SHOWN = 10;

/**
 * "Delete Keys Matching…" on a folder (its prefix) or a database (a pattern the user types):
 * counts with SCAN first (cancellable), shows the count and a sample in a modal question, then
 * deletes with SCAN + UNLINK in batches, with progress and cancel. Never KEYS; on a Cluster every
 * master is walked (core/redis/bulkDelete.ts).
 */
export function registerBulkDeleteCommand(context: { subscriptions: vscode.Disposable[] }, deps: { access: ValueAccess; changes: KeyChanges; log: vscode.LogOutputChannel }): void {
  const { access, changes, log } = deps;
  registerCommand(context, log, Commands.deleteKeysMatching, async (arg?: unknown, args?: DeleteMatchingArgs): Promise<DeleteResult | undefined> => {
    const where = databaseScopeOf(arg) ?? (await pickScope(access));
    if (!where) return undefined;
    const scope: DatabaseScope = { connection: access.connection(where.scope.connection.id), db: where.scope.db };
    const guard = access.guard(scope);
    guard('UNLINK');
    const pattern = args?.pattern !== undefined ? patternFromText(args.pattern) : where.prefix.length > 0 ? prefixGlob(where.prefix) : await askPattern(scope);
    if (!pattern) return undefined;
    const shown = formatKeyName(pattern);
    const place = `db${scope.db} of "${scope.connection.name}"`;
    const client = await access.client(scope);

    const counted = await count(client, pattern, shown);
    if (counted.cancelled) {
      void vscode.window.showInformationMessage(`Counting stopped; nothing was deleted.`);
      return undefined;
    }
    if (counted.count === 0) {
      void vscode.window.showInformationMessage(`No key matches ${shown} in ${place}.`);
      return { deleted: 0, cancelled: false };
    }
    if (!args && !(await confirmModal(`Delete ${describeCount(counted)} matching ${shown}?`, sampleText(counted, place), `Delete ${counted.count} Keys`))) return undefined;

    const result = await remove(client, pattern, shown, counted.count, guard);
    log.info(`Deleted ${result.deleted} keys matching ${shown} in ${place}${result.cancelled ? ' (stopped)' : ''}`);
    changes.fire({ ...scope, key: Buffer.alloc(0) }, { kind: 'bulkDeleted' });
    void vscode.window.showInformationMessage(result.cancelled ? `Stopped after deleting ${result.deleted} keys matching ${shown}.` : `Deleted ${result.deleted} keys matching ${shown}.`);
    return result;
  });
}

function count(client: RedisClient, pattern: Buffer, shown: string): Thenable<CountResult> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Counting keys matching ${shown}`, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return countMatchingKeys(client, pattern, { signal: controller.signal, sampleSize: SAMPLE_SHOWN, onProgress: (n) => progress.report({ message: `${n} so far` }) });
  });
}

function remove(client: RedisClient, pattern: Buffer, shown: string, expected: number, guard: WriteGuard): Thenable<DeleteResult> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Deleting keys matching ${shown}`, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    let reported = 0;
    return deleteMatchingKeys(client, pattern, guard, {
      signal: controller.signal,
      onProgress: (deleted) => {
        // Percent of the counted keys; keys added since the count may take it past 100, so cap it.
        const percent = Math.min(100, (deleted / expected) * 100);
        progress.report({ increment: percent - reported, message: `${deleted} of ${expected}` });
        reported = percent;
      },
    });
  });
}

function describeCount(counted: CountResult): string {
  const noun = counted.count === 1 ? 'key' : 'keys';
  return `${counted.exact ? '' : 'about '}${counted.count} ${noun}`;
}

function sampleText(counted: CountResult, where: string): string {
  const lines = counted.sample.slice(0, SAMPLE_SHOWN).map((key) => `• ${formatKeyName(key)}`);
  const more = counted.count - lines.length;
  return [`In ${where}:`, ...lines, ...(more > 0 ? [`…and ${more} more.`] : []), '', 'Keys are removed with UNLINK in batches; this cannot be undone.'].join('\n');
}

async function pickScope(access: ValueAccess): Promise<{ scope: DatabaseScope; prefix: Buffer } | undefined> {
  const connection = await pickConnection(access.listConnections(), 'Delete Keys Matching…');
  return connection && { scope: { connection, db: connection.db }, prefix: Buffer.alloc(0) };
}

async function askPattern(scope: DatabaseScope): Promise<Buffer | undefined> {
  const text = await vscode.window.showInputBox({
    title: `Delete keys matching… in db${scope.db} of ${scope.connection.name}`,
    prompt: 'A prefix (session:) or a glob: * any text, ? one character, [abc] a set, \\* a literal star. Next you see the count and a sample.',
    placeHolder: 'session:*',
    ignoreFocusOut: true,
    validateInput: (value) => {
      try {
        patternFromText(value);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  });
  return text === undefined ? undefined : patternFromText(text);
}

/** Read as the key filter reads it: plain text is a prefix, text with * ? [ is a glob; bytes as \\xNN. */
export function patternFromText(text: string): Buffer {
  const { pattern } = parseKeyFilter(text);
  if (pattern.kind === 'all') throw new Error('Type a prefix or a pattern; deleting every key is what FLUSHDB is for, and this command will not do it.');
  return pattern.kind === 'prefix' ? prefixGlob(pattern.prefix) : pattern.pattern;
}
