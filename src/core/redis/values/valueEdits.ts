import type { RedisClient } from '../connection/clientFactory';
import { requireKeyOfType } from './existingKey';
import { deleteHashFields, setHashField } from './hashValue';
import { pushListElements, removeListElementAt, setListElement } from './listValue';
import { addSetMembers, removeSetMembers } from './setValue';
import { addStreamEntry, deleteStreamEntries } from './streamValue';
import type { KeyType } from './valueTypes';
import { removeZsetMembers, setZsetMember } from './zsetValue';
import type { WriteGuard } from '../safety/writeGuard';
import type { ValueEdit } from '../../protocol/keyEditor';
import { digestOfId, PageItems } from './pageItems';
import { bytesFromEdit } from './wireValues';

/** A change to one element that Redis refused for a reason the user can act on. */
export class ValueEditError extends Error {
  override readonly name = 'ValueEditError';
}

/** Edits whose command would create the key if it was gone, and the type the key must still have. */
const CREATING_OPS: Partial<Record<ValueEdit['op'], KeyType>> = { hashSet: 'hash', setAdd: 'set', zsetSet: 'zset', listPush: 'list', streamAdd: 'stream' };

/**
 * Applies one edit from the key editor and says what happened, for the page's status line. Items
 * are named as the page shown (`items`) named them. Every
 * write goes through `guard` first (a read-only connection refuses before anything is sent).
 * Renaming a field or member is "add the new one, then remove the old one", so a failure cannot
 * lose the value.
 */
export async function applyValueEdit(client: RedisClient, key: Buffer, edit: ValueEdit, guard: WriteGuard, items = new PageItems()): Promise<string> {
  const bytesFromId = (id: string): Buffer => items.bytesOf(id);
  const creates = CREATING_OPS[edit.op];
  if (creates) await requireKeyOfType(client, key, creates);
  switch (edit.op) {
    case 'hashSet': {
      const field = bytesFromEdit(edit.field);
      const value = bytesFromEdit(edit.value);
      const original = edit.original === undefined ? undefined : bytesFromId(edit.original);
      const renamed = original !== undefined && !original.equals(field);
      if (original === undefined || renamed) {
        // A new name must not silently overwrite another field.
        if (!(await setHashField(client, key, field, value, guard, true))) throw new ValueEditError('A field with that name already exists; edit that field instead.');
        if (renamed) await deleteHashFields(client, key, [original], guard);
        return original === undefined ? 'Field added.' : 'Field renamed and saved.';
      }
      await setHashField(client, key, field, value, guard);
      return 'Field saved.';
    }
    case 'hashDelete':
      return (await deleteHashFields(client, key, [bytesFromId(edit.field)], guard)) ? 'Field deleted.' : 'The field was already gone.';
    case 'setAdd': {
      const member = bytesFromEdit(edit.member);
      const original = edit.original === undefined ? undefined : bytesFromId(edit.original);
      if (original?.equals(member)) return 'Nothing changed.';
      if (!(await addSetMembers(client, key, [member], guard))) throw new ValueEditError('That member is already in the set.');
      if (original) await removeSetMembers(client, key, [original], guard);
      return original ? 'Member changed.' : 'Member added.';
    }
    case 'setRemove':
      return (await removeSetMembers(client, key, [bytesFromId(edit.member)], guard)) ? 'Member removed.' : 'The member was already gone.';
    case 'zsetSet': {
      const member = bytesFromEdit(edit.member);
      const original = edit.original === undefined ? undefined : bytesFromId(edit.original);
      if (original === undefined || !original.equals(member)) {
        if (!(await setZsetMember(client, key, member, edit.score, guard, 'add'))) throw new ValueEditError('That member is already in the sorted set; change its score instead.');
        if (original) await removeZsetMembers(client, key, [original], guard);
        return original ? 'Member renamed.' : 'Member added.';
      }
      await setZsetMember(client, key, member, edit.score, guard, 'update');
      return 'Score saved.';
    }
    case 'zsetRemove':
      return (await removeZsetMembers(client, key, [bytesFromId(edit.member)], guard)) ? 'Member removed.' : 'The member was already gone.';
    case 'listSet':
      await setListElement(client, key, edit.index, bytesFromEdit(edit.value), guard, digestOfId(edit.expected, items));
      return `Element ${edit.index} saved.`;
    case 'listPush':
      await pushListElements(client, key, [bytesFromEdit(edit.value)], edit.end, guard);
      return `Element added at the ${edit.end}.`;
    case 'listRemove':
      await removeListElementAt(client, key, edit.index, guard, digestOfId(edit.expected, items));
      return `Element ${edit.index} removed.`;
    case 'streamAdd': {
      const fields = edit.fields.map(([f, v]): [Buffer, Buffer] => [bytesFromEdit(f), bytesFromEdit(v)]);
      const id = await addStreamEntry(client, key, fields, guard, edit.id.trim() || '*');
      return `Entry ${id} added.`;
    }
    case 'streamDelete':
      return (await deleteStreamEntries(client, key, [edit.id], guard)) ? `Entry ${edit.id} deleted.` : 'The entry was already gone.';
  }
}
