/** What a type annotation denotes, from syntax only: a named type, `ReturnType<typeof f>`, a union, a builtin. */
import type { Node } from 'web-tree-sitter';

export type TypeDesc =
  | { t: 'path'; path: string[] }
  | { t: 'returnTypeOf'; callee: string[] }
  | { t: 'builtin' }
  /** `Redis | Cluster`: a client when every member is one. */
  | { t: 'union'; members: TypeDesc[] }
  /** `Map<string, Redis>`, `Record<string, Redis>`, `Redis[]`, `{ [name: string]: Redis }`: what one element is. */
  | { t: 'collection'; element: TypeDesc }
  /** `{ redis: Redis; prefix: string }`: an object whose named members may hold clients (`deps.redis`). */
  | { t: 'members'; members: ReadonlyMap<string, TypeDesc> }
  /** `Cluster & WithLifecycle`: a value of every member's type (a client when one member is). */
  | { t: 'intersection'; members: TypeDesc[] }
  /** `import('ioredis').Redis`: a type named through an import type. */
  | { t: 'imported'; specifier: string; name: string }
  /** `() => Promise<Redis>`: a function (an injected getter) whose call gives what it returns. */
  | { t: 'function'; returns: TypeDesc }
  | { t: 'unknown' };

/** Generic collections, with the position of the element type among their type arguments. */
const COLLECTIONS: ReadonlyMap<string, number> = new Map([
  ['Map', 1],
  ['ReadonlyMap', 1],
  ['WeakMap', 1],
  ['Record', 1],
  ['Array', 0],
  ['ReadonlyArray', 0],
  ['Set', 0],
  ['ReadonlySet', 0],
]);

const BUILTIN_TYPES = new Set([
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Array',
  'ReadonlyArray',
  'Record',
  'Headers',
  'URLSearchParams',
  'FormData',
  'Object',
  'String',
  'Number',
  'Boolean',
  'Date',
  'Promise',
  'Partial',
  'Readonly',
]);

/** Utility types whose values are objects of their first argument's type. */
const SAME_OBJECT_TYPES = new Set(['Omit', 'Pick', 'Partial', 'Required', 'Readonly', 'NonNullable']);

export function describeType(node: Node): TypeDesc {
  switch (node.type) {
    case 'type_annotation': {
      const inner = node.firstNamedChild;
      return inner ? describeType(inner) : { t: 'unknown' };
    }
    case 'type_identifier':
      return BUILTIN_TYPES.has(node.text) ? { t: 'builtin' } : { t: 'path', path: [node.text] };
    case 'nested_type_identifier':
      return { t: 'path', path: node.text.split('.').map((s) => s.trim()) };
    case 'generic_type': {
      const name = node.childForFieldName('name');
      if (!name) return { t: 'unknown' };
      const args = (node.childForFieldName('type_arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null);
      const elementAt = COLLECTIONS.get(name.text);
      if (elementAt !== undefined) return collectionOf(args[elementAt]);
      // `Omit<RedisClientType, 'set'>`, `Readonly<Redis>`: a client with some methods left out or retyped is that client.
      if (SAME_OBJECT_TYPES.has(name.text) && args[0]) return describeType(args[0]);
      if ((name.text === 'ReturnType' || name.text === 'Awaited' || name.text === 'Promise' || name.text === 'PromiseLike') && args[0]) {
        // A promise of a client is awaited before use (`(await this.ready).get(k)`): it stands for the client.
        if (name.text !== 'ReturnType') return describeType(args[0]);
        const query = args[0];
        if (query.type === 'type_query') {
          const target = query.firstNamedChild;
          if (target) return { t: 'returnTypeOf', callee: target.text.split('.').map((s) => s.trim()) };
        }
        return { t: 'unknown' };
      }
      return describeType(name);
    }
    case 'type_query': {
      // `typeof redis`: the type of a value.
      const target = node.firstNamedChild;
      return target ? { t: 'path', path: target.text.split('.').map((s) => s.trim()) } : { t: 'unknown' };
    }
    case 'parenthesized_type': {
      const inner = node.firstNamedChild;
      return inner ? describeType(inner) : { t: 'unknown' };
    }
    case 'intersection_type':
      return { t: 'intersection', members: node.namedChildren.filter((m): m is Node => m !== null).map(describeType) };
    case 'union_type': {
      // `Redis | undefined` / `RedisClientType | null`: the nullable part does not matter.
      const members = node.namedChildren.filter(
        (m): m is Node => m !== null && !/^(undefined|null|void)$/.test(m.text.trim()),
      );
      return members.length === 1 ? describeType(members[0]) : { t: 'union', members: members.map(describeType) };
    }
    case 'predefined_type':
      // `any`/`unknown` say nothing; `string`, `number`… are certainly not clients.
      return /^(any|unknown|object)$/.test(node.text) ? { t: 'unknown' } : { t: 'builtin' };
    case 'array_type':
    case 'readonly_type': {
      // `Redis[]`, `readonly Redis[]`.
      const inner = node.firstNamedChild;
      return node.type === 'readonly_type' ? (inner ? describeType(inner) : { t: 'unknown' }) : collectionOf(inner ?? undefined);
    }
    case 'object_type': {
      // `{ [name: string]: Redis }` (an index signature alone): a dictionary of clients.
      const members = node.namedChildren.filter((m): m is Node => m !== null && m.type !== 'comment');
      const index = members.length === 1 && members[0].type === 'index_signature' ? members[0] : null;
      const value = index?.namedChildren.find((c) => c?.type === 'type_annotation');
      return value ? collectionOf(value) : membersOf(members);
    }
    case 'member_expression': {
      // `import('ioredis').Redis`
      const object = node.childForFieldName('object');
      const property = node.childForFieldName('property');
      const specifier = object?.type === 'call_expression' && object.childForFieldName('function')?.type === 'import' ? object.childForFieldName('arguments')?.firstNamedChild : null;
      const name = specifier?.type === 'string' ? specifier.text.slice(1, -1) : null;
      return name && property ? { t: 'imported', specifier: name, name: property.text } : { t: 'unknown' };
    }
    case 'function_type': {
      const returns = node.childForFieldName('return_type');
      return returns ? { t: 'function', returns: describeType(returns) } : { t: 'builtin' };
    }
    case 'tuple_type':
    case 'literal_type':
    case 'template_literal_type':
      return { t: 'builtin' };
    default:
      return { t: 'unknown' };
  }
}

/** An object type's property signatures, when one of them may hold a client (otherwise the object is no client's). */
function membersOf(members: Node[]): TypeDesc {
  const out = new Map<string, TypeDesc>();
  let holdsClient = false;
  for (const member of members) {
    if (member.type !== 'property_signature') continue;
    const name = member.childForFieldName('name');
    const type = member.childForFieldName('type');
    if (!name || name.type !== 'property_identifier' || !type) continue;
    const described = describeType(type);
    out.set(name.text, described);
    holdsClient ||= described.t !== 'builtin';
  }
  return holdsClient ? { t: 'members', members: out } : { t: 'builtin' };
}

/** A collection whose elements are of type `element` (a collection of nothing known is just a builtin). */
function collectionOf(element: Node | undefined): TypeDesc {
  const described = element ? describeType(element) : { t: 'unknown' as const };
  return described.t === 'path' || described.t === 'union' || described.t === 'returnTypeOf' ? { t: 'collection', element: described } : { t: 'builtin' };
}

/** `new Map<string, Redis>()`, `new Array<Redis>()`: the collection type the type arguments give, if any. */
export function constructedCollection(constructor: string, typeArguments: Node | null): TypeDesc | undefined {
  const elementAt = COLLECTIONS.get(constructor);
  if (elementAt === undefined || !typeArguments) return undefined;
  const args = typeArguments.namedChildren.filter((a): a is Node => a !== null);
  const type = collectionOf(args[elementAt]);
  return type.t === 'collection' ? type : undefined;
}
