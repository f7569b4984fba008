/**
 * Immediately invoked functions: CoffeeScript's `=>` (`(function (_this) { … })(this)`), UMD and module wrappers
 * (`(function (client) { … })(createClient())`). Their parameters hold the arguments of the call, read where the call is.
 */
import type { Node } from 'web-tree-sitter';
import type { Ancestry } from '../extract/ancestry';
import { callArguments } from '../syntax';

/** `(function (a, b) { … })(x, y)` / `(function (a) { … }).call(thisArg, x)`: the call, and the arguments the parameters take. */
export function invocation(fn: Node, ancestry: Ancestry): { call: Node; args: Node[] } | null {
  if (fn.type !== 'function_expression' && fn.type !== 'function' && fn.type !== 'arrow_function') return null;
  let callee: Node = fn;
  let parent = ancestry.parent(fn);
  while (parent?.type === 'parenthesized_expression') {
    callee = parent;
    parent = ancestry.parent(parent);
  }
  if (parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === callee.id) return { call: parent, args: callArguments(parent) };
  // `.call(thisArg, …)`: the arguments after `thisArg`.
  const call = parent?.type === 'member_expression' && parent.childForFieldName('property')?.text === 'call' ? ancestry.parent(parent) : null;
  return call?.type === 'call_expression' && call.childForFieldName('function')?.id === parent?.id ? { call, args: callArguments(call).slice(1) } : null;
}
