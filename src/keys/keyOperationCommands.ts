import * as vscode from 'vscode';
import { Commands } from '../commands';
import { formatKeyName, parseKeyName } from '../core/redis/keyspace/keyName';
import { deleteKeys, duplicateKey, persistKey, renameKey, setKeyTtl } from '../core/redis/values/keyOperations';
import { KeyExistsError } from '../core/redis/values/valueErrors';
import { registerCommand } from '../registration';
import { clipboardValue } from '../core/redis/values/copyValue';
import type { KeyTarget } from '../core/redis/values/keyTarget';
import { keyTargetOf } from '../explorer/nodeArguments';
import { MultiStepInput } from '../connections/multiStepInput';
import { askKeyName, confirmModal } from './prompts';
import { formatTtlInput, parseTtlInput, ttlInputProblem } from '../core/redis/values/ttlInput';
import type { FeatureContext } from '../feature';

/**
 * Key commands of the tree's context menu and the key editor's toolbar. Each takes a key item or
 * a KeyTarget, and optionally its answers up front (API, tests): given answers, it asks nothing.
 * Writes are refused on read-only connections before any question is asked.
 */
export function registerKeyOperationCommands(context: FeatureContext): void {
  const { connections, keyChanges: changes, keyEditors, settings, log } = context;

  /**
   * The keys a multi-key command acts on: the selection its item belongs to (context menu on
   * several items), else its item; from the keyboard (no item), what the view has selected.
   */
  const targetsOf = (arg: unknown, selection: unknown[] | undefined): KeyTarget[] =>
    (arg === undefined ? [...context.view.keys.selection] : selection?.includes(arg) ? selection : [arg]).flatMap((item) => {
      const target = keyTargetOf(item);
      return target ? [{ ...target, connection: connections.require(target.connection.id) }] : [];
    });

  /** The key an item names, with its connection as saved now. */
  const targetOf = (arg: unknown): KeyTarget => {
    const target = keyTargetOf(arg);
    if (!target) throw new Error('Run this command on a key in the Redis view or in a key editor.');
    return { ...target, connection: connections.require(target.connection.id) };
  };

  registerCommand(context, log, Commands.renameKey, async (arg: unknown, args?: { newName: string; overwrite?: boolean }) => {
    const target = targetOf(arg);
    const guard = connections.guard(target);
    guard('RENAMENX');
    const current = formatKeyName(target.key);
    const to = args ? parseKeyName(args.newName) : await askKeyName({ title: `Rename ${current}`, value: current, selectFrom: lastSegmentStart(current, target.connection.keyDelimiter) });
    if (!to || to.equals(target.key)) return;
    const client = await connections.client(target);
    try {
      await renameKey(client, target.key, to, guard, args?.overwrite ?? false);
    } catch (error) {
      if (!(error instanceof KeyExistsError) || args) throw error;
      const replace = await confirmModal(`A key named ${formatKeyName(to)} already exists. Replace it?`, `Its value is lost and ${current} takes its place (RENAME).`, 'Replace', 'Keep Both');
      if (!replace) return;
      await renameKey(client, target.key, to, guard, true);
    }
    log.info(`Renamed ${current} to ${formatKeyName(to)} on ${target.connection.name} db${target.db}`);
    changes.fire(target, { kind: 'renamed', to });
  });

  registerCommand(context, log, Commands.deleteKey, async (arg: unknown, args?: Record<string, never>, selection?: unknown[]) => {
    const targets = targetsOf(arg, selection);
    // The keyboard's Delete on a folder or a connection does nothing rather than complain.
    if (targets.length === 0 && arg === undefined) return;
    if (targets.length > 1) return deleteSeveral(targets, args !== undefined);
    const target = targets[0] ?? targetOf(arg);
    const guard = connections.guard(target);
    guard('UNLINK');
    const name = formatKeyName(target.key);
    if (!args && !(await confirmModal(`Delete ${name}?`, `The key and its whole value are removed from db${target.db} of "${target.connection.name}" (UNLINK). This cannot be undone.`, 'Delete', 'Keep the Key'))) return;
    const removed = await deleteKeys(await connections.client(target), [target.key], guard);
    log.info(`Deleted ${name} on ${target.connection.name} db${target.db}`);
    changes.fire(target, { kind: 'deleted' });
    if (removed === 0) void vscode.window.showInformationMessage(`${name} was already gone.`);
  });

  /** Several selected keys: the count is typed to confirm (Enter alone deletes nothing). */
  const deleteSeveral = async (targets: KeyTarget[], confirmed: boolean): Promise<void> => {
    for (const target of targets) connections.guard(target)('UNLINK');
    const names = targets.map((t) => formatKeyName(t.key));
    if (!confirmed) {
      const count = String(targets.length);
      const answer = await MultiStepInput.askText({
        title: `Delete ${count} keys?`,
        prompt: `${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}. Type ${count} to delete them with UNLINK; this cannot be undone. Escape keeps them.`,
        placeholder: `Type ${count} to confirm`,
        validate: (value) => (value.trim() === count ? undefined : `Type ${count} to delete, or press Escape to keep the keys.`),
      });
      if (answer?.trim() !== count) return;
    }
    let removed = 0;
    for (const target of targets) {
      removed += await deleteKeys(await connections.client(target), [target.key], connections.guard(target));
      changes.fire(target, { kind: 'deleted' });
    }
    log.info(`Deleted ${removed} of ${targets.length} selected keys`);
    void vscode.window.showInformationMessage(`Deleted ${removed} keys${removed < targets.length ? ` (${targets.length - removed} were already gone)` : ''}.`);
  };

  registerCommand(context, log, Commands.setKeyTtl, async (arg: unknown, args?: { seconds: number }, selection?: unknown[]) => {
    const targets = targetsOf(arg, selection);
    if (targets.length === 0) targets.push(targetOf(arg));
    for (const target of targets) connections.guard(target)('EXPIRE');
    let seconds = args?.seconds;
    if (seconds === undefined) {
      const single = targets.length === 1 ? targets[0] : undefined;
      const pttl = single ? await (await connections.client(single)).pttl(single.key) : -1;
      const text = await MultiStepInput.askText({
        title: single ? `Time to live of ${formatKeyName(single.key)}` : `Time to live of ${targets.length} keys`,
        prompt: `Seconds, or a duration such as 15m, 2h, 7d. ${single ? (pttl > 0 ? `Now: ${formatTtlInput(pttl)}.` : 'The key does not expire now.') : 'Every selected key gets this TTL.'}`,
        value: pttl > 0 ? formatTtlInput(pttl) : '',
        validate: (value) => ttlInputProblem(value),
      });
      if (text === undefined) return;
      seconds = parseTtlInput(text);
    }
    for (const target of targets) {
      await setKeyTtl(await connections.client(target), target.key, { seconds }, connections.guard(target));
      changes.fire(target, { kind: 'changed' });
    }
  });

  registerCommand(context, log, Commands.persistKey, async (arg: unknown) => {
    const target = targetOf(arg);
    const removed = await persistKey(await connections.client(target), target.key, connections.guard(target));
    changes.fire(target, { kind: 'changed' });
    void vscode.window.showInformationMessage(removed ? `${formatKeyName(target.key)} no longer expires.` : `${formatKeyName(target.key)} had no TTL.`);
  });

  registerCommand(context, log, Commands.duplicateKey, async (arg: unknown, args?: { newName: string; replace?: boolean }) => {
    const target = targetOf(arg);
    const guard = connections.guard(target);
    guard('COPY');
    const current = formatKeyName(target.key);
    const to = args ? parseKeyName(args.newName) : await askKeyName({ title: `Duplicate ${current}`, value: `${current}${target.connection.keyDelimiter}copy`, selectFrom: current.length + 1 });
    if (!to || to.equals(target.key)) return;
    const client = await connections.client(target);
    try {
      await duplicateKey(client, target.key, to, guard, args?.replace ?? false);
    } catch (error) {
      if (!(error instanceof KeyExistsError) || args) throw error;
      if (!(await confirmModal(`A key named ${formatKeyName(to)} already exists. Replace it?`, `Its value is replaced by a copy of ${current}.`, 'Replace', 'Keep Both'))) return;
      await duplicateKey(client, target.key, to, guard, true);
    }
    const copy: KeyTarget = { ...target, key: to };
    changes.fire(copy, { kind: 'created' });
    if (!args) {
      void vscode.window.showInformationMessage(`Copied ${current} to ${formatKeyName(to)}.`, 'Open').then((open) => {
        if (open) void vscode.commands.executeCommand(Commands.openKey, copy);
      });
    }
  });

  registerCommand(context, log, Commands.copyKeyValue, async (arg: unknown) => {
    const target = targetOf(arg);
    const value = await clipboardValue(await connections.client(target), target.key, { stringBytes: settings.stringLimitBytes, pageSize: settings.valuePageSize });
    await vscode.env.clipboard.writeText(value.text);
    if (value.total !== undefined && value.copied !== undefined && value.copied < value.total) {
      void vscode.window.showInformationMessage(`Copied the first ${value.copied} of ${value.total} items as JSON; open the key to page through the rest.`);
    }
  });

  registerCommand(context, log, Commands.editStringValue, async (arg: unknown) => {
    return keyEditors.editString(targetOf(arg));
  });
}

/** Where the last part of a name starts (after the delimiter), so a rename selects just that part. */
function lastSegmentStart(name: string, delimiter: string): number {
  const at = delimiter ? name.lastIndexOf(delimiter) : -1;
  return at < 0 ? 0 : at + delimiter.length;
}
