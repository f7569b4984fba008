/** The loop a call runs in (within its own function), for the round-trips-in-a-loop rule. */
import type { Node } from 'web-tree-sitter';
import { FUNCTION_TYPES, spanOf } from '../syntax';
import type { Ancestry } from './ancestry';
import type { LoopFact } from './facts';

const LOOP_TYPES = new Set(['for_in_statement', 'for_statement', 'while_statement', 'do_statement']);
const NESTED_SCOPES = new Set([...FUNCTION_TYPES, 'class_declaration', 'class']);

const LOOP_OR_FUNCTION = new Set([...LOOP_TYPES, ...FUNCTION_TYPES]);

/** The innermost loop whose body holds `call`, within its function and top-level statement. */
export function enclosingLoop(call: Node, ancestry: Ancestry): LoopFact | null {
  // Ancestry's memoised lookups, not `node.parent` (which costs the node's depth each time).
  for (let p = ancestry.nearest(call, LOOP_OR_FUNCTION); p && !FUNCTION_TYPES.has(p.type); p = ancestry.nearest(p, LOOP_OR_FUNCTION)) {
    const body = p.childForFieldName('body');
    if (body && contains(body, call)) return loopFact(p, body, call);
  }
  return null;
}

function loopFact(loop: Node, body: Node, call: Node): LoopFact {
  let kind: LoopFact['kind'] = loop.type === 'for_statement' ? 'for' : loop.type === 'while_statement' ? 'while' : 'do';
  let headText = (loop.childForFieldName('condition') ?? loop).text;
  let binding: string | null = null;
  let isAwait = false;
  if (loop.type === 'for_in_statement') {
    const tokens = loop.children.filter((c): c is Node => c !== null && !c.isNamed).map((c) => c.text);
    kind = tokens.includes('in') ? 'for-in' : 'for-of';
    isAwait = tokens.includes('await');
    headText = loop.childForFieldName('right')?.text ?? '';
    binding = loop.childForFieldName('left')?.text ?? null;
  }
  const statements = body.type === 'statement_block' ? body.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') : [body];
  const only = statements.length === 1 ? statements[0] : null;
  return {
    kind,
    isAwait,
    statement: spanOf(loop),
    headText,
    binding,
    body: spanOf(body),
    exits: hasExit(body),
    awaits: countAwaits(body),
    soleStatement: only !== null && only.type === 'expression_statement' && contains(only, call),
  };
}

function contains(outer: Node, inner: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** How many nodes of the body (outside nested functions and classes) pass `test`, counting up to `max`. Iterative: bodies can nest deeply. */
function countInBody(body: Node, test: (node: Node) => boolean, max = Infinity): number {
  let count = 0;
  const stack: Node[] = [body];
  while (stack.length > 0 && count < max) {
    const node = stack.pop() as Node;
    for (const child of node.namedChildren) {
      if (!child || NESTED_SCOPES.has(child.type)) continue;
      if (test(child)) count++;
      stack.push(child);
    }
  }
  return count;
}

/** `await`s in the body outside nested functions (Redis commands and anything else). */
function countAwaits(body: Node): number {
  return countInBody(body, (n) => n.type === 'await_expression');
}

/** A `break` or `return` in the body (outside nested functions): the loop may stop early. */
function hasExit(body: Node): boolean {
  return countInBody(body, (n) => n.type === 'break_statement' || n.type === 'return_statement', 1) > 0;
}
