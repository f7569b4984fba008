/** Where a call sits: awaited or not, what uses its value, whether a ttl check guards it. */
import type { Node } from 'web-tree-sitter';
import { FUNCTION_TYPES, compiledAsyncBody, functionName, spanOf } from '../syntax';
import { Ancestry } from './ancestry';
import type { CallFact, Span } from './facts';
import { parameterNames } from './templateParts';

const VALUE_WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression']);

/** The outermost expression that still denotes the call's value (through await and parentheses); `yielded`: awaited by a compiled `yield`. */
export function valueRoot(call: Node, a: Ancestry): { node: Node; awaited: boolean; yielded: boolean } {
  let node = call;
  let awaited = false;
  let yielded = false;
  for (let p = a.parent(node); p; p = a.parent(p)) {
    if (p.type === 'await_expression') awaited = true;
    else if (p.type === 'yield_expression' && yieldAwaits(p, a)) awaited = yielded = true;
    else if (!VALUE_WRAPPERS.has(p.type)) break;
    node = p;
  }
  return { node, awaited, yielded };
}

/** `yield` in `__awaiter(this, …, function* () { … })` (compiled async code) is an `await`. */
function yieldAwaits(expression: Node, a: Ancestry): boolean {
  const fn = a.nearest(expression, FUNCTION_TYPES);
  return !!fn && compiledAsyncBody(fn, (n) => a.parent(n)) === 'awaiter';
}

export function resultUse(root: Node, a: Ancestry): 'discarded' | 'condition' | 'value' {
  const parent = a.parent(root);
  if (!parent) return 'value';
  switch (parent.type) {
    case 'expression_statement':
      return 'discarded';
    case 'if_statement':
    case 'while_statement':
    case 'do_statement':
      return 'condition';
    case 'unary_expression':
      return parent.text.startsWith('!') ? 'condition' : 'value';
    case 'ternary_expression':
      return parent.childForFieldName('condition')?.id === root.id ? 'condition' : 'value';
    case 'binary_expression': {
      const op = parent.childForFieldName('operator')?.text;
      return op === '&&' || op === '||' ? 'condition' : 'value';
    }
    default:
      return 'value';
  }
}

/** The expression statement whose whole expression is this (awaited) call. */
export function wholeStatement(root: Node, a: Ancestry): Span | null {
  const parent = a.parent(root);
  return parent?.type === 'expression_statement' ? spanOf(parent) : null;
}

const TTL_WORDS = /ttl|expir/i;

const BRANCH_OR_FUNCTION = new Set(['if_statement', 'ternary_expression', ...FUNCTION_TYPES]);

/**
 * True when the call is in a branch of an `if`/ternary whose condition tests a ttl/expiry value:
 * a no-TTL SET there is a deliberate choice.
 */
/**
 * The if/ternary nodes around `node` within its function, innermost first. A callback written
 * in place (`queue.enqueue(key, () => client.set(k, v))`) runs on the path it is created on: the
 * walk goes on through it to the branches of the function that hands it over.
 */
function branchesAround(node: Node, a: Ancestry): Node[] {
  const out: Node[] = [];
  for (let p = a.nearest(node, BRANCH_OR_FUNCTION); p; p = a.nearest(p, BRANCH_OR_FUNCTION)) {
    if (!FUNCTION_TYPES.has(p.type)) out.push(p);
    else if (a.parent(p)?.type !== 'arguments') break;
  }
  return out;
}

export function inTtlBranch(call: Node, a: Ancestry): boolean {
  for (const p of branchesAround(call, a)) {
    const condition = p.childForFieldName('condition');
    if (condition && !Ancestry.contains(condition, call) && TTL_WORDS.test(condition.text)) return true;
  }
  return afterTtlEarlyExit(call, a);
}

const BLOCK_OR_FUNCTION = new Set(['statement_block', ...FUNCTION_TYPES]);
/** Statements before the call's that are looked at for an early exit (a bound: blocks can be huge). */
const EARLY_EXIT_LOOKBACK = 16;

/**
 * `if (ttl) { …; return; }` earlier in the same block (or an enclosing one, within the function):
 * the call runs only when there is no ttl, like an `else` branch.
 */
function afterTtlEarlyExit(call: Node, a: Ancestry): boolean {
  return afterEarlyExit(call, a, (condition) => TTL_WORDS.test(condition.text));
}

/** An `if (<guard>) { …; return | throw }` without `else` earlier in the node's block or an enclosing one (within its function). */
export function afterEarlyExit(node: Node, a: Ancestry, guard: (condition: Node) => boolean): boolean {
  for (let block = a.nearest(node, BLOCK_OR_FUNCTION); block && block.type === 'statement_block'; block = a.nearest(block, BLOCK_OR_FUNCTION)) {
    const statements = a.namedChildren(block);
    const at = statements.findIndex((s) => Ancestry.contains(s, node));
    for (let i = at - 1; i >= 0 && i >= at - EARLY_EXIT_LOOKBACK; i--) {
      const s = statements[i];
      if (s.type !== 'if_statement' || s.childForFieldName('alternative')) continue;
      const condition = s.childForFieldName('condition');
      if (condition && guard(condition) && exits(s.childForFieldName('consequence'))) return true;
    }
  }
  return false;
}

function exits(branch: Node | null): boolean {
  const last = branch?.type === 'statement_block' ? branch.lastNamedChild : branch;
  return last?.type === 'return_statement' || last?.type === 'throw_statement';
}

/**
 * The conditional branches the call sits in, within its function: `key` names one branch of one
 * `if`/ternary (`<node>:then` / `<node>:else`); `ttlGuard` when the condition tests a ttl/expiry value.
 * A call in a branch runs only on some paths.
 */
export function branchesOf(call: Node, a: Ancestry, keyOf: (n: Node) => string): CallFact['branches'] {
  const out: CallFact['branches'] = [];
  for (const p of branchesAround(call, a)) {
    const condition = p.childForFieldName('condition');
    if (condition && Ancestry.contains(condition, call)) continue; // the condition itself always runs
    const consequence = p.childForFieldName('consequence');
    const inThen = !!consequence && Ancestry.contains(consequence, call);
    const branch = { key: `${keyOf(p)}:${inThen ? 'then' : 'else'}`, ttlGuard: !!condition && TTL_WORDS.test(condition.text) };
    // `if (!ttl) { set(k, v); return; }`: nothing after the `if` runs on this branch's path.
    const body = p.type === 'if_statement' ? (inThen ? consequence : p.childForFieldName('alternative')?.firstNamedChild ?? null) : null;
    out.push(exits(body) ? { ...branch, exits: true } : branch);
  }
  return out;
}

/** The nearest enclosing function inside the top-level statement, or null at module level. */
/** The function a call runs in: a compiled async body (`__awaiter(this, …, function* () { … })`) is its method's. */
export function scopeFunction(node: Node, a: Ancestry): Node | null {
  let fn = a.nearest(node, FUNCTION_TYPES);
  for (let outer = fn; outer && compiledAsyncBody(outer, (n) => a.parent(n)); ) {
    outer = a.nearest(outer, FUNCTION_TYPES);
    if (outer) fn = outer;
  }
  return fn;
}

/**
 * A client wrapper's method that exposes the command under its own name (`set(key, value, cb) {
 * this.client.set(key, value, cb); }`, `hgetall(key) { return this.client.hGetAll(key); }`). Such a
 * method is not a use of the command: its callers choose the key, options and connection, and are
 * checked where they call it.
 */
/**
 * `const setItem = (key, value, prefix?) => r.set(prefix ? \`${prefix}:${key}\` : key, value)`: a SET whose key is made of
 * the function's parameters alone (no name of its own) and whose value is made of them too (`value ? '1' : '0'`,
 * `JSON.stringify(value)`) — a store's primitive, whatever it is called; its callers choose the keys. Names taken
 * apart from a parameter in a loop (`for (const { key, value } of pairs)`) are the parameter's.
 */
export function forwardsCallersWrite(fn: Node | null, args: readonly Node[]): boolean {
  // `saveToRedisCache(key, data)`: a helper whose name says its writes should expire is no neutral primitive.
  if (!fn || args.length < 2 || TRANSIENT_NAME.test(functionName(fn) ?? '')) return false;
  const params = new Set(parameterNames(fn));
  if (params.size === 0) return false;
  for (const m of fn.text.matchAll(LOOP_OVER)) if (params.has(m[2])) for (const name of m[1].match(NAME) ?? []) params.add(name);
  // `set('headers', …)` in `saveHeaders(headers)`: a literal key names itself, whatever the parameters are called.
  if (args[0].type === 'string' || (args[0].type === 'template_string' && !args[0].namedChildren.some((c) => c?.type === 'template_substitution'))) return false;
  const key = args[0].text.replace(/\$\{/g, '{');
  const keyNames = key.match(NAME) ?? [];
  // The key's own text, without the parameters' names and the template syntax around them: separators only.
  const keyLiteral = key.replace(NAME, '').replace(/[`'"${}()?:.\s+|-]/g, '');
  if (keyNames.length === 0 || !keyNames.every((n) => params.has(n)) || keyLiteral !== '') return false;
  // The value: names that are parameters (or globals such as JSON), members of them, and constants.
  const roots = args[1].text.replace(/\$\{/g, '{').replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, '""').match(/(?<![\w$.])[A-Za-z_$][\w$]*/g) ?? [];
  return roots.length > 0 && roots.every((n) => params.has(n) || VALUE_GLOBALS.has(n));
}

const NAME = /[A-Za-z_$][\w$]*/g;
const TRANSIENT_NAME = /cache|session|sess(?![a-z])|token|temp|tmp|otp|nonce/i;
/** `for (const { key, value } of pairs)`: the names bound, and what is iterated. */
const LOOP_OVER = /for\s*\(\s*(?:const|let|var)\s+(\{[^}]*\}|\[[^\]]*\]|[A-Za-z_$][\w$]*)\s+of\s+([A-Za-z_$][\w$]*)\s*\)/g;
/** What a value made of the caller's data may call on the way (`JSON.stringify(value)`, `String(n)`). */
const VALUE_GLOBALS = new Set(['JSON', 'String', 'Number', 'Boolean', 'Buffer', 'undefined', 'null', 'true', 'false']);

export function isPassThrough(fn: Node | null, method: string, a?: Ancestry): boolean {
  // `set(k, v) { return new Promise((resolve) => this.client.set(k, v, resolve)); }`: a callback written in place
  // belongs to the method that hands it over.
  let named = fn;
  while (a && named && !functionName(named) && a.parent(named)?.type === 'arguments') named = a.nearest(named, FUNCTION_TYPES);
  const name = named ? functionName(named) : null;
  return !!name && name.toLowerCase() === method.toLowerCase();
}
