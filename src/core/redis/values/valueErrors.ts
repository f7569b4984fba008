import { formatKeyName } from '../keyspace/keyName';

/** Typed failures the UI answers differently: ask, offer to reload, or explain. */

/** The value changed on the server since it was read; the UI asks before overwriting. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    readonly key: Buffer,
    /** changed: other bytes now; deleted: the key is gone; created: a key appeared where none was; type: it is no longer this type. */
    readonly reason: 'changed' | 'deleted' | 'created' | 'type',
  ) {
    super(`${formatKeyName(key)} ${CONFLICT_TEXT[reason]} since you opened it. Overwrite it with your version, or reload to see the server's.`);
  }
}

const CONFLICT_TEXT: Record<ConflictError['reason'], string> = {
  changed: 'was changed on the server',
  deleted: 'was deleted on the server',
  created: 'was created on the server',
  type: 'changed type on the server',
};

/** A key with the target name already exists; the UI asks before replacing it. */
export class KeyExistsError extends Error {
  override readonly name = 'KeyExistsError';
  constructor(readonly key: Buffer) {
    super(`A key named ${formatKeyName(key)} already exists. Choose another name, or confirm to replace it.`);
  }
}

export class KeyNotFoundError extends Error {
  override readonly name = 'KeyNotFoundError';
  constructor(readonly key: Buffer) {
    super(`${formatKeyName(key)} does not exist (any more). It may have expired or been deleted; refresh the key list.`);
  }
}

/** A list element edited by index is no longer the one shown (the list shifted or changed); nothing was written. */
export class ListElementChangedError extends Error {
  override readonly name = 'ListElementChangedError';
  constructor(
    readonly key: Buffer,
    readonly index: number,
    /** changed: another element is at that index now; gone: the index is past the end or the key is gone. */
    readonly reason: 'changed' | 'gone',
  ) {
    super(
      reason === 'changed'
        ? `Element ${index} of ${formatKeyName(key)} is no longer the one shown (another client pushed, popped or changed elements), so nothing was written. Refresh and edit again.`
        : `Element ${index} of ${formatKeyName(key)} no longer exists (the list is shorter now or was deleted), so nothing was written. Refresh and edit again.`,
    );
  }
}

/** The user's ACL denies EVAL, which a checked write needs; writing without the check could change the wrong element. */
export class ScriptingDeniedError extends Error {
  override readonly name = 'ScriptingDeniedError';
  constructor(readonly key: Buffer) {
    super(
      `This user may not run scripts (EVAL is denied by the server's ACL), so the element of ${formatKeyName(key)} cannot be checked and written in one step; nothing was written. ` +
        'Allow EVAL for this user (+eval) to edit list elements by index.',
    );
  }
}

/** A field, element or entry shown on a page is no longer there (or no longer the same), so its whole value cannot be read. */
export class ItemGoneError extends Error {
  override readonly name = 'ItemGoneError';
  constructor(what: string) {
    super(`${what} is no longer the one shown (the key changed since the page was read). Refresh to see the current page.`);
  }
}

/** The key holds another type than the viewer or editor expects. */
export class KeyTypeError extends Error {
  override readonly name = 'KeyTypeError';
  constructor(
    readonly key: Buffer,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${formatKeyName(key)} is a ${actual}, not a ${expected}. Reopen it to get the right view.`);
  }
}

/** Two keys of one operation live in different Cluster slots, which RENAME and COPY refuse. */
export class CrossSlotError extends Error {
  override readonly name = 'CrossSlotError';
  constructor(operation: string, from: Buffer, to: Buffer) {
    super(
      `${operation} needs both names in the same Cluster slot, and ${formatKeyName(from)} and ${formatKeyName(to)} are not. ` +
        'Give them a common {hash tag}, e.g. user:{42}:a and user:{42}:b.',
    );
  }
}

/** A change to one element that Redis refused for a reason the user can act on. */
export class ValueEditError extends Error {
  override readonly name = 'ValueEditError';
}

/** True for a Redis error reply whose text starts with `code` (e.g. WRONGTYPE, NOPERM). */
export function isReplyError(error: unknown, code: string): boolean {
  return error instanceof Error && error.message.startsWith(code);
}
