/** Names read off syntax: an object key's static name, and the local names a binding pattern declares. */
import type { Node } from 'web-tree-sitter';
import { literalString } from '../syntax';

/** The static name of an object key, or undefined for computed keys. */
export function propertyKey(keyNode: Node): string | undefined {
  if (keyNode.type === 'property_identifier' || keyNode.type === 'number') return keyNode.text;
  if (keyNode.type === 'string') return literalString(keyNode);
  return undefined;
}

/** Local names a binding pattern declares, with the property they come from when direct. */
export function patternNames(pattern: Node): Array<[string, string | null]> {
  const out: Array<[string, string | null]> = [];
  const visit = (n: Node, from: string | null): void => {
    switch (n.type) {
      case 'identifier':
      case 'shorthand_property_identifier_pattern':
        out.push([n.text, from ?? (n.type === 'shorthand_property_identifier_pattern' ? n.text : null)]);
        return;
      case 'pair_pattern': {
        const key = n.childForFieldName('key');
        const value = n.childForFieldName('value');
        if (value) visit(value, key ? propertyKey(key) ?? null : null);
        return;
      }
      case 'assignment_pattern':
      case 'object_assignment_pattern': {
        const left = n.childForFieldName('left') ?? n.firstNamedChild;
        if (left) visit(left, from);
        return;
      }
      default:
        for (const child of n.namedChildren) if (child) visit(child, null);
    }
  };
  visit(pattern, null);
  return out;
}

/** Local names an object pattern binds straight from one of its properties (`{ a, b: c, d = 1 }` → a:a, c:b, d:d). */
export function directProperties(pattern: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const child of pattern.namedChildren) {
    if (!child) continue;
    if (child.type === 'shorthand_property_identifier_pattern') out.set(child.text, child.text);
    else if (child.type === 'object_assignment_pattern') {
      const left = child.childForFieldName('left');
      if (left?.type === 'shorthand_property_identifier_pattern') out.set(left.text, left.text);
    } else if (child.type === 'pair_pattern') {
      const key = child.childForFieldName('key');
      const value = child.childForFieldName('value');
      if (key?.type === 'property_identifier' && value?.type === 'identifier') out.set(value.text, key.text);
    }
  }
  return out;
}
