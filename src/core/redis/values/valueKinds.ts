import type { ValueEditOp } from '../../protocol/keyEditor';
import { HASH_KIND } from './types/hashValue';
import { JSON_KIND } from './types/jsonValue';
import { LIST_KIND } from './types/listValue';
import { SET_KIND } from './types/setValue';
import { STREAM_KIND } from './types/streamValue';
import { STRING_KIND } from './types/stringValue';
import { ZSET_KIND } from './types/zsetValue';
import type { ValueKind } from './valueKind';
import type { KeyType } from './valueTypes';

/**
 * Every Redis type the key editor reads, copies and edits, by what TYPE answers. Adding a type is
 * one module in `types/` that exports its {@link ValueKind} and one row here (plus its view shape in
 * the key editor protocol and one page view in `src/webview/keyEditor/`); the header, the reader,
 * Copy Value and the edits find it here.
 */
export const VALUE_KINDS = {
  string: STRING_KIND,
  hash: HASH_KIND,
  list: LIST_KIND,
  set: SET_KIND,
  zset: ZSET_KIND,
  stream: STREAM_KIND,
  'ReJSON-RL': JSON_KIND,
} as const satisfies { readonly [T in string]: ValueKind<T> };

/** The types the key editor reads, copies and edits (what TYPE answers). */
export type RedisType = keyof typeof VALUE_KINDS;

/** The kind of a key's type; undefined for module types this extension cannot read (the header is all it shows). */
export function kindOf(type: KeyType): ValueKind | undefined {
  return Object.hasOwn(VALUE_KINDS, type) ? VALUE_KINDS[type as RedisType] : undefined;
}

const EDIT_OWNERS = new Map<ValueEditOp, ValueKind>(Object.values(VALUE_KINDS).flatMap((kind) => Object.keys(kind.edits).map((op) => [op as ValueEditOp, kind] as const)));

/** The kind whose edit `op` is (each operation belongs to one kind). */
export function kindOfEdit(op: ValueEditOp): ValueKind | undefined {
  return EDIT_OWNERS.get(op);
}
