/**
 * What a class (or an interface) of the project holds that matters to the analyzer, as plain data:
 * the members that are Redis clients, methods that return one, and members holding an object of a
 * class that does (`this.connection.redis`). The project index keeps one per exported class, so
 * another file's `connection: Connection` resolves `connection.redis` without reading that file again.
 */
import type { ClientKind } from '../extract/facts';

export type MemberEntry =
  | { as: 'client'; kind: ClientKind }
  /** `fresh`: a factory method, each call creates the client (see Resolved 'returns'). */
  | { as: 'returns'; kind: ClientKind; fresh?: true }
  | { as: 'instance'; shape: ClassShape }
  /** A method that returns an object of such a class (`static getInstance()`). */
  | { as: 'makes'; shape: ClassShape }
  | { as: 'class'; shape: ClassShape };

export interface ClassShape {
  /** Instance members: fields (declared, constructor-assigned, parameter properties), getters, methods. */
  instance: Record<string, MemberEntry>;
  /** Static members: static fields, getters and methods, and `Class.x = …` assignments. */
  statics: Record<string, MemberEntry>;
  /** The class extends a client class (`class RedisAdapter extends Redis`): its objects are clients of this kind. */
  clientBase?: ClientKind;
}

export function emptyShape(): ClassShape {
  return { instance: {}, statics: {} };
}

/** The entry for `name` (own properties only: `constructor` or `toString` are not members here). */
export function shapeMember(shape: ClassShape, name: string, isStatic: boolean): MemberEntry | undefined {
  const members = isStatic ? shape.statics : shape.instance;
  return Object.prototype.hasOwnProperty.call(members, name) ? members[name] : undefined;
}

export function isEmptyShape(shape: ClassShape): boolean {
  return !shape.clientBase && Object.keys(shape.instance).length === 0 && Object.keys(shape.statics).length === 0;
}
