import type { RedisClient } from '../connection/clientFactory';
import { requireKeyOfType } from './existingKey';
import type { WriteGuard } from '../safety/writeGuard';
import type { ValueEdit } from '../../protocol/keyEditor';
import { PageItems } from './pageItems';
import type { EditContext } from './valueKind';
import { kindOfEdit } from './valueKinds';

/**
 * Applies one edit from the key editor with the kind it belongs to (`VALUE_KINDS`) and says what
 * happened, for the page's status line. Items are named as the page shown (`items`) named them.
 * Every write goes through `guard` first (a read-only connection refuses before anything is
 * sent). An edit whose command would create the key checks first that the key still exists with
 * its type: HSET, SADD, ZADD, RPUSH and XADD would silently re-create a key deleted meanwhile.
 */
export async function applyValueEdit(client: RedisClient, key: Buffer, edit: ValueEdit, guard: WriteGuard, items = new PageItems()): Promise<string> {
  const kind = kindOfEdit(edit.op);
  const apply = kind?.edits[edit.op] as ((context: EditContext, edit: ValueEdit) => Promise<string>) | undefined;
  if (!kind || !apply) throw new Error(`The key editor has no edit "${edit.op}".`);
  if (kind.creatingEdits.includes(edit.op)) await requireKeyOfType(client, key, kind.type);
  return apply({ client, key, guard, items }, edit);
}
