import type { Node } from 'web-tree-sitter';
import { isClusterCreation, unwrap } from '../syntax';

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
  const resolved = promiseResolution(unwrap(value));
  const target = resolved ?? value;
  if (target.type === 'member_expression') return assignedInBody(fn, target) ?? target;
  if (target.type !== 'identifier') return target;
  // Declared among the top-level statements of a function body between the value and `fn` (no deep walk).
  for (let scope: Node | null = resolved ? resolved.parent : fn; scope; scope = scope.id === fn.id ? null : scope.parent) {
    if (!FUNCTIONS.has(scope.type)) continue;
    const init = declaredValue(scope, target.text);
    if (init !== undefined) return init ?? assignedLater(scope, target.text) ?? target;
  }
  return target;
}

/**
 * The function hands out what another object keeps (`return global.redisClient`, `return this.client`, or a Promise
 * resolving it): a lazy singleton, even when the body also creates it (returnedExpression then gives the creation).
 */
export function returnsKept(value: Node): boolean {
  const resolved = promiseResolution(unwrap(value));
  return unwrap(resolved ?? value).type === 'member_expression';
}

/**
 * `global.redisClient = new Redis(…); return global.redisClient;`: a lazy singleton kept on another
 * object (`global`, a registry). What the function's own top-level statements assign to that member
 * (`this.x` is the class's business: see classMembers.ts).
 */
function assignedInBody(fn: Node, member: Node): Node | null {
  const object = member.childForFieldName('object');
  if (!object || object.type === 'this') return null;
  const body = fn.childForFieldName('body');
  const path = member.text.replace(/\s+/g, '');
  for (const stmt of body?.type === 'statement_block' ? body.namedChildren : []) {
    const assignment = stmt?.type === 'expression_statement' ? stmt.firstNamedChild : null;
    if (assignment?.type !== 'assignment_expression') continue;
    const left = assignment.childForFieldName('left');
    if (left?.type === 'member_expression' && left.text.replace(/\s+/g, '') === path) return assignment.childForFieldName('right');
  }
  return null;
}

/**
 * `let client; if (cluster) client = new Redis.Cluster(…); else client = new Redis(…); return client;`: what
 * a local declared without initialiser (or type) is assigned in the function's own code — a creation, the
 * standalone one when paths differ (as a ternary's: see creatingBranch), else the last value assigned.
 */
function assignedLater(fn: Node, name: string): Node | null {
  const body = fn.childForFieldName('body');
  if (!body || !declaredUntyped(body, name)) return null;
  const values: Node[] = [];
  for (const assignment of body.descendantsOfType('assignment_expression')) {
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (!assignment || left?.type !== 'identifier' || left.text !== name || !right || ownerFunction(assignment)?.id !== fn.id) continue;
    values.push(unwrap(right));
  }
  const built = values.filter((v) => v.type === 'new_expression' || v.type === 'call_expression');
  return built.find((v) => !isClusterCreation(v)) ?? built[0] ?? values[values.length - 1] ?? null;
}

function declaredUntyped(body: Node, name: string): boolean {
  for (const stmt of body.namedChildren) {
    if (stmt?.type !== 'lexical_declaration' && stmt?.type !== 'variable_declaration') continue;
    for (const declarator of stmt.namedChildren) {
      if (declarator?.type === 'variable_declarator' && declarator.childForFieldName('name')?.text === name) {
        return !declarator.childForFieldName('value') && !declarator.childForFieldName('type');
      }
    }
  }
  return false;
}

function ownerFunction(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) if (FUNCTIONS.has(p.type)) return p;
  return null;
}

/** The initialiser of `name` declared at the top of `fn`'s body: undefined if not declared there, null if typed or without one. */
export function declaredValue(fn: Node, name: string): Node | null | undefined {
  const body = fn.childForFieldName('body');
  for (const stmt of body?.type === 'statement_block' ? body.namedChildren : []) {
    if (stmt?.type !== 'lexical_declaration' && stmt?.type !== 'variable_declaration') continue;
    for (const declarator of stmt.namedChildren) {
      if (declarator?.type !== 'variable_declarator' || declarator.childForFieldName('name')?.text !== name) continue;
      const init = declarator.childForFieldName('value');
      return init && !declarator.childForFieldName('type') ? init : null;
    }
  }
  return undefined;
}

const FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function', 'function_declaration', 'method_definition']);
