/**
 * What a function gives back when it returns one of its parameters written with a type (`return primary`), an
 * element of one (`replicas[i]`), or either branch of a conditional between such (the first typed one).
 */
import type { Node } from 'web-tree-sitter';
import { unwrap } from '../syntax';
import { type TypeDesc, describeType } from './typeDescriptions';

/** The returned parameter's type, or an element of a value of it (`replicas[i]`): a ValueDesc of those two kinds. */
export type TypedValue = { v: 'typed'; type: TypeDesc } | { v: 'elementOf'; of: TypedValue };

export function typedParameter(fn: Node, expression: Node): TypedValue | undefined {
  const n = unwrap(expression);
  if (n.type === 'ternary_expression') {
    for (const branch of [n.childForFieldName('consequence'), n.childForFieldName('alternative')]) {
      const typed = branch ? typedParameter(fn, branch) : undefined;
      if (typed) return typed;
    }
    return undefined;
  }
  if (n.type === 'subscript_expression') {
    const object = n.childForFieldName('object');
    const of = object ? typedParameter(fn, object) : undefined;
    return of ? { v: 'elementOf', of } : undefined;
  }
  if (n.type !== 'identifier') return undefined;
  for (const param of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    const pattern = param?.childForFieldName('pattern');
    const type = pattern?.type === 'identifier' && pattern.text === n.text ? param?.childForFieldName('type') : null;
    const annotation = type?.type === 'type_annotation' ? type.firstNamedChild : type;
    if (annotation) return { v: 'typed', type: describeType(annotation) };
  }
  return undefined;
}
