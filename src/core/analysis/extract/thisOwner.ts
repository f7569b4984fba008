/**
 * Which object a receiver rooted at `this` (or `self`/`that` standing for it) belongs to: its class,
 * or an ES5 constructor (`function Broker() { self.redis = … }`, `Broker.prototype.send = function …`).
 * Two classes of one module may each keep their own `this.client`: the same text, two connections.
 */
import type { Node } from 'web-tree-sitter';
import { CLASS_TYPES, functionName, memberPath } from '../syntax';
import type { Ancestry } from './ancestry';

const THIS_ROOT = /^(?:this|self|that|_this|_self|me)\s*\??\./;
const PLAIN_FUNCTIONS = new Set(['function_declaration', 'function_expression', 'function', 'generator_function_declaration', 'generator_function']);

export function thisOwnerOf(object: Node, receiverText: string, ancestry: Ancestry): string | undefined {
  if (!THIS_ROOT.test(receiverText)) return undefined;
  const cls = ancestry.nearest(object, CLASS_TYPES);
  if (cls) return `class ${cls.childForFieldName('name')?.text ?? `@${cls.startIndex}`}`;
  let fn: Node | null = null;
  for (let p = ancestry.nearest(object, PLAIN_FUNCTIONS); p; p = ancestry.nearest(p, PLAIN_FUNCTIONS)) fn = p;
  if (!fn) return undefined;
  // `Broker.prototype.send = function …`: the constructor `Broker`'s object.
  const assignment = ancestry.parent(fn);
  const left = assignment?.type === 'assignment_expression' ? assignment.childForFieldName('left') : null;
  const path = left ? memberPath(left) : null;
  if (path && path[1] === 'prototype') return `function ${path[0]}`;
  return `function ${functionName(fn) ?? `@${fn.startIndex}`}`;
}
