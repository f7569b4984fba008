/** What a type annotation denotes, from syntax only: a named type, `ReturnType<typeof f>`, a union, a builtin. */
import type { Node } from 'web-tree-sitter';

export type TypeDesc =
  | { t: 'path'; path: string[] }
  | { t: 'returnTypeOf'; callee: string[] }
  | { t: 'builtin' }
  /** `Redis | Cluster`: a client when every member is one. */
  | { t: 'union'; members: TypeDesc[] }
  | { t: 'unknown' };

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
      const args = node.childForFieldName('type_arguments')?.namedChildren ?? [];
      if ((name.text === 'ReturnType' || name.text === 'Awaited') && args[0]) {
        if (name.text === 'Awaited') return describeType(args[0]);
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
    case 'tuple_type':
    case 'object_type':
    case 'function_type':
    case 'literal_type':
    case 'template_literal_type':
      return { t: 'builtin' };
    default:
      return { t: 'unknown' };
  }
}
