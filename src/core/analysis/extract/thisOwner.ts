/**
 * Which object a receiver rooted at `this` (or `self`/`that` standing for it) belongs to: its class,
 * or an ES5 constructor (`function Broker() { self.redis = … }`, `Broker.prototype.send = function …`).
 * Two classes of one module may each keep their own `this.client`: the same text, two connections.
 */
import type { Node } from 'web-tree-sitter';
import { CLASS_TYPES, PLAIN_FUNCTIONS, functionName, prototypeOwner } from '../syntax';
import type { Ancestry } from './ancestry';
import { outermost } from './notAClient';

const THIS_ROOT = /^(?:this|self|that|_this|_self|me)\s*\??\./;

export function thisOwnerOf(object: Node, receiverText: string, ancestry: Ancestry): string | undefined {
  if (!THIS_ROOT.test(receiverText)) return undefined;
  const cls = ancestry.nearest(object, CLASS_TYPES);
  if (cls) return `class ${cls.childForFieldName('name')?.text ?? `@${cls.startIndex}`}`;
  const fn = outermost(object, PLAIN_FUNCTIONS, ancestry);
  if (!fn) return undefined;
  // `Broker.prototype.send = function …`: the constructor `Broker`'s object.
  return `function ${prototypeOwner(fn, (n) => ancestry.parent(n)) ?? functionName(fn) ?? `@${fn.startIndex}`}`;
}
