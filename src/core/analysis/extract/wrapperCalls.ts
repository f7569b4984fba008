/**
 * The calls that make a function a key wrapper candidate: key commands among the statements of its
 * body (`return redis.get(key)`, `await redis.set(key, v, 'EX', 60)`, `const v = await …`) whose
 * arguments name one of its parameters. Generic over how a call is described, so the descriptors
 * can use it without an import cycle; keyTemplates.ts decides whether the receiver is a client.
 */
import type { Node } from 'web-tree-sitter';
import { firstNamedChildren, unwrap } from '../syntax';
import { keyCommand } from './keyCommands';
import { parameterNames } from './templateParts';

const MAX_STATEMENTS = 12;

/** Undefined when there are none (most functions). */
export function wrapperCalls<D>(fn: Node, describe: (call: Node) => D): D[] | undefined {
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  const expressions = body.type === 'statement_block' ? firstNamedChildren(body, MAX_STATEMENTS).map(statementExpression) : [body];
  // Parameters and their regex only once a key command is seen (most functions send none).
  let named: RegExp | null | undefined;
  const out: D[] = [];
  for (const expression of expressions) {
    const call = expression ? unwrap(expression) : null;
    if (call?.type !== 'call_expression') continue;
    const callee = call.childForFieldName('function');
    const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text.toLowerCase().replace(/buffer$/, '') : undefined;
    if (!method || !keyCommand(method)) continue;
    const args = call.childForFieldName('arguments');
    if (!args) continue;
    if (named === undefined) named = parameterPattern(fn);
    if (named === null) return undefined;
    if (!named.test(args.text)) continue;
    out.push(describe(call));
  }
  return out.length > 0 ? out : undefined;
}

const PATTERNS = new Map<string, RegExp>();

/** A regex matching a use of one of `fn`'s parameters; null when it has none. Compiled once per parameter list. */
function parameterPattern(fn: Node): RegExp | null {
  const params = parameterNames(fn).filter((p) => p !== '?');
  if (params.length === 0) return null;
  const source = `(?<![\\w$.])(?:${params.map((p) => p.replace(/\$/g, '\\$')).join('|')})(?![\\w$])`;
  let re = PATTERNS.get(source);
  if (!re) {
    if (PATTERNS.size > 1000) PATTERNS.clear();
    PATTERNS.set(source, (re = new RegExp(source)));
  }
  return re;
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
