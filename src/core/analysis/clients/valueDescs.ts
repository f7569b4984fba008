/**
 * The node-free descriptions descriptors.ts builds (values, declarations' bindings), as plain types: they are cached in
 * facts, published between modules and resolved later (resolve.ts).
 */
import type { ClientFamily } from '../extract/facts';
import type { TemplatePieces } from '../extract/templateParts';
import type { TypeDesc } from './typeDescriptions';

export interface PropDesc {
  key: string;
  value: ValueDesc;
  shorthand: boolean;
}

export type ValueDesc =
  | { v: 'ident'; name: string }
  | { v: 'this' }
  | { v: 'member'; object: ValueDesc; name: string }
  /** `key`: identity of the call (names a pipeline/multi it starts). */
  | { v: 'call'; callee: ValueDesc; key: string | null; args?: ValueDesc[]; kept?: true }
  /**
   * `orCluster`: the other branch of a conditional creates a Cluster (see ClientKind). `kept` (also on calls): a function
   * returns it from where another object keeps it (a lazy singleton: see returnedExpression.ts returnsKept).
   */
  | { v: 'new'; callee: ValueDesc; orCluster?: true; kept?: true }
  | { v: 'require'; specifier: string }
  /**
   * A function or arrow whose body returns this value (`() => redis`, `function get() { return redis; }`).
   * `calls`: key commands its body sends with a key built from its parameters (a wrapper: `cacheGet(key)`).
   */
  /** `listens`: it returns a client it creates and attaches a listener to it itself (see factoryListens). */
  | { v: 'function'; returns: ValueDesc; params?: string[]; calls?: ValueDesc[]; listens?: true }
  /** A string built at run time: literal text and the expressions substituted (key templates read it). */
  | { v: 'template'; parts: TemplatePieces<ValueDesc> }
  | { v: 'string'; value: string }
  | { v: 'keyword'; value: 'true' | 'false' | 'null' | 'undefined' }
  /** props null: spreads or computed keys make the contents unknown. */
  | { v: 'object'; props: PropDesc[] | null }
  | { v: 'typed'; type: TypeDesc }
  | { v: 'elementOf'; of: ValueDesc }
  /** Numbers, arrays, functions, classes, regexes…: never a Redis client. `number`: a number's value as a key shows it (`16`). */
  | { v: 'literal'; number?: string }
  | { v: 'unknown' };

export type Binding =
  /** `specifier` is kept for relative imports (`./redis`), which the project index resolves. */
  | { b: 'import'; family: ClientFamily | null; exportName: string; specifier?: string }
  /** `orCluster`: another assignment gives a Cluster (see ClientKind). */
  | { b: 'value'; value: ValueDesc; orCluster?: true; /** Declared with `let` or `var`: it may be assigned again. */ mutable?: true }
  | { b: 'typed'; type: TypeDesc }
  /** `returnsValue`: what the body's `return` gives, when the return type is not written; `calls`: see ValueDesc 'function'. */
  | { b: 'function'; returns: TypeDesc | null; returnsValue?: ValueDesc; params?: string[]; calls?: ValueDesc[]; listens?: true }
  /** `ambient`: `declare class X` — a declaration of code that lives elsewhere (a library's), not the file's own. */
  | { b: 'class'; ambient?: true }
  | { b: 'unknown' };
