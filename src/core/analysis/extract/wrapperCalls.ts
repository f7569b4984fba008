/**
 * The calls that make a function a key wrapper candidate: key commands among the statements of its
 * body (`return redis.get(key)`, `await redis.set(key, v, 'EX', 60)`, `const v = await …`) whose
 * arguments name one of its parameters. Generic over how a call is described, so the descriptors
 * can use it without an import cycle; keyTemplates.ts decides whether the receiver is a client.
 */
import type { Node } from 'web-tree-sitter';
import { unwrap } from '../syntax';
import { keyCommand } from './keyCommands';
import { parameterNames } from './templateParts';

const MAX_STATEMENTS = 12;

/** Undefined when there are none (most functions). */
export function wrapperCalls<D>(fn: Node, describe: (call: Node) => D): D[] | undefined {
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  const params = parameterNames(fn).filter((p) => p !== '?');
  if (params.length === 0) return undefined;
  const named = new RegExp(`(?<![\\w$.])(?:${params.map((p) => p.replace(/\$/g, '\\$')).join('|')})(?![\\w$])`);
  const expressions = body.type === 'statement_block' ? body.namedChildren.slice(0, MAX_STATEMENTS).map(statementExpression) : [body];
  const out: D[] = [];
  for (const expression of expressions) {
    const call = expression ? unwrap(expression) : null;
    if (call?.type !== 'call_expression') continue;
    const callee = call.childForFieldName('function');
    const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text.toLowerCase().replace(/buffer$/, '') : undefined;
    const args = call.childForFieldName('arguments');
    if (!method || !keyCommand(method) || !args || !named.test(args.text)) continue;
    out.push(describe(call));
  }
  return out.length > 0 ? out : undefined;
}

/** The expression a body statement evaluates: `expr;`, `return expr;`, `const x = expr;`. */
function statementExpression(stmt: Node | null): Node | null {
  if (!stmt) return null;
  if (stmt.type === 'expression_statement' || stmt.type === 'return_statement') return stmt.firstNamedChild;
  if (stmt.type === 'lexical_declaration' || stmt.type === 'variable_declaration') {
    const declarators = stmt.namedChildren.filter((c) => c?.type === 'variable_declarator');
    return declarators.length === 1 ? (declarators[0]?.childForFieldName('value') ?? null) : null;
  }
  return null;
}
