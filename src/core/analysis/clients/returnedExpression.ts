import type { Node } from 'web-tree-sitter';
import { unwrap } from '../syntax';

/**
 * `new Promise((resolve) => { const c = new Redis(); c.once('ready', () => resolve(c)); })`: the
 * expression the executor resolves with (a connect helper's client), else null.
 */
function promiseResolution(node: Node): Node | null {
  if (node.type !== 'new_expression' || node.childForFieldName('constructor')?.text !== 'Promise') return null;
  const executor = node.childForFieldName('arguments')?.namedChildren[0];
  if (!executor || (executor.type !== 'arrow_function' && executor.type !== 'function_expression' && executor.type !== 'function')) return null;
  const params = executor.childForFieldName('parameters') ?? executor.childForFieldName('parameter');
  const first = params?.type === 'identifier' ? params : params?.namedChildren[0];
  const resolve = first?.type === 'identifier' ? first : (first?.childForFieldName('pattern') ?? null);
  if (!resolve || resolve.type !== 'identifier') return null;
  for (const call of executor.descendantsOfType('call_expression')) {
    if (call?.childForFieldName('function')?.text !== resolve.text) continue;
    const value = call.childForFieldName('arguments')?.namedChildren[0];
    if (value) return unwrap(value);
  }
  return null;
}

/**
 * The expression a function's `return value` stands for: a Promise's resolved value, and a local
 * variable's initialiser (`const c = new Redis(); return c;`), which the module scope cannot see.
 */
export function returnedExpression(fn: Node, value: Node): Node {
  let target = promiseResolution(unwrap(value)) ?? value;
  if (target.type === 'identifier') {
    for (const declarator of fn.descendantsOfType('variable_declarator')) {
      if (declarator?.childForFieldName('name')?.text !== target.text) continue;
      const init = declarator.childForFieldName('value');
      if (init && !declarator.childForFieldName('type')) target = init;
      break;
    }
  }
  return target;
}
