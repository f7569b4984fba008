/**
 * What the analyzer knows about a key built in code, closed over the scope it was built in (plain
 * data: it is cached in facts and published between modules by the project index).
 */

/** Literal text, a named variable part (`{id}`, `?` when nothing names it), or a helper's parameter. */
export type KeyPart = { lit: string } | { hole: string } | { param: number; name: string };

export type KeyValue =
  /** A key (or a piece of one): `session:{id}`. */
  | { k: 'template'; parts: KeyPart[] }
  /** A function returning a key from its parameters: `(id) => \`session:${id}\``. */
  | { k: 'helper'; params: string[]; parts: KeyPart[] }
  /** An object of key helpers or constants: `keys.session(id)`. */
  | { k: 'object'; props: Record<string, KeyValue> };
