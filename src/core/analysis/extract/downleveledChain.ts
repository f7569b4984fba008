/**
 * TypeScript compiles `this.client?.keys(p)` for targets before ES2020 to
 * `(_a = this.client) === null || _a === void 0 ? void 0 : _a.keys(p)`: a call on such a temporary
 * is a call on what the ternary's condition assigned to it.
 */
import type { Node } from 'web-tree-sitter';
import type { Ancestry } from './ancestry';

/** TypeScript's and Babel's temporaries: `_a`, `_b`, `_a1`, `_this$client`. */
const TEMPORARY = /^_(?:[a-z]\d*|this\$[\w$]+)$/;
const MAX_CLIMB = 12;
const MAX_DEPTH = 8;

export function downleveledReceiver(object: Node, ancestry: Ancestry, textOf: (node: Node) => string): Node {
  if (object.type !== 'identifier') return object;
  const name = textOf(object);
  if (!TEMPORARY.test(name)) return object;
  let node: Node = object;
  for (let i = 0; i < MAX_CLIMB; i++) {
    const parent = ancestry.parent(node);
    if (!parent || parent.type.endsWith('statement') || parent.type.endsWith('declaration')) break;
    if (parent.type === 'ternary_expression') {
      const condition = parent.childForFieldName('condition');
      const assigned = condition ? assignedValue(condition, name, textOf, 0) : null;
      if (assigned) return assigned;
    }
    node = parent;
  }
  return object;
}

/** The right-hand side of `name = …` inside `node` (the condition of the ternary). */
function assignedValue(node: Node, name: string, textOf: (node: Node) => string, depth: number): Node | null {
  if (depth > MAX_DEPTH) return null;
  if (node.type === 'assignment_expression') {
    const left = node.childForFieldName('left');
    if (left?.type === 'identifier' && textOf(left) === name) return node.childForFieldName('right');
  }
  for (const child of node.namedChildren) {
    const found = child ? assignedValue(child, name, textOf, depth + 1) : null;
    if (found) return found;
  }
  return null;
}
