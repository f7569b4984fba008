/** Facts about where clients are created: for `client-per-call` and `missing-error-listener`. */
import type { Node } from 'web-tree-sitter';
import { describeExpression } from '../clients/descriptors';
import { resolveValue } from '../clients/resolve';
import { CLASS_TYPES, FUNCTION_TYPES, callArguments, escapeRe, functionName, literalString, spanOf, unwrap } from '../syntax';
import type { Ancestry } from './ancestry';
import { scopeFunction } from './callContext';
import type { CreationFact, Span } from './facts';
import type { ReceiverContext } from './receiver';
import { calledOnlyAtModuleLevel, capturedByEscapingClosure, escapesFrom, keptAliveBySubscription } from './clientLifetime';
import { calleeIsOwnCode, namesOwnCode } from './handoffs';

const FACTORY_NAME = /^(create|make|build|new|connect|init|setup|open|provide|ensure|get)\w*(redis|client|connection|conn|cache|cluster|valkey|pool|store)|factory|singleton|^constructor$/i;
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener']);
/** Calls on a new client that give it back (listeners, `connect`) or a view sending on it (node-redis v5's `withTypeMapping`). */
const SAME_OBJECT_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'connect', 'withTypeMapping', 'withCommandOptions', 'withAbortSignal']);
const LIFECYCLE_CALL = (name: string): RegExp => new RegExp(`(?<![\\w$])${escapeRe(name)}\\s*\\.\\s*(quit|disconnect|connect|close|destroy|end)\\s*\\(`);

const BLOCKS: ReadonlySet<string> = new Set(['statement_block']);

/** Finds the new/call expression a creation match points into. */
export function creationExpression(ancestry: Ancestry, index: number): Node | null {
  let node = ancestry.at(index);
  for (let guard = 0; node && guard < 6; guard++, node = ancestry.parent(node)) {
    if (node.type === 'new_expression' || node.type === 'call_expression') return node;
  }
  return null;
}

export function creationFact(expr: Node, entry: Node, ctx: ReceiverContext): CreationFact | null {
  const resolved = resolveValue(describeExpression(expr, ctx.keyOf), ctx.resolver.envAt(expr), null, 0);
  if (resolved.r !== 'client' || resolved.via !== 'client') return null;
  // `client.duplicate()` is looked at for node-redis's listener only (see ModuleScope.creationRegex).
  const duplicated = isDuplicate(expr);
  if (duplicated && resolved.kind.family !== 'node-redis') return null;
  // Walk out through `await`, parentheses and `.on(…)`/`.connect()` chains on the new client.
  let outer = expr;
  // A call of the module's own factory that attaches the listener itself (`createRedisClient(url)`): a listened client.
  let chainedErrorListener = factoryListensFor(expr, ctx);
  for (let guard = 0; guard < 16; guard++) {
    const parent = ctx.ancestry.parent(outer);
    if (!parent) break;
    // `url ? new Redis(url) : new Redis()` and `existing || createClient()` store the client just the same.
    const chosen = parent.type === 'ternary_expression' ? parent.childForFieldName('condition')?.id !== outer.id : parent.type === 'binary_expression' && /^(\|\||\?\?)$/.test(parent.childForFieldName('operator')?.text ?? '');
    if (chosen || parent.type === 'await_expression' || parent.type === 'parenthesized_expression' || parent.type === 'as_expression' || parent.type === 'non_null_expression') {
      outer = parent;
      continue;
    }
    if (parent.type === 'member_expression' && parent.childForFieldName('object')?.id === outer.id) {
      const method = parent.childForFieldName('property')?.text ?? '';
      const call = ctx.ancestry.parent(parent);
      if (SAME_OBJECT_METHODS.has(method) && call?.type === 'call_expression') {
        const first = callArguments(call)[0];
        if (LISTENER_METHODS.has(method) && first && literalString(first) === 'error') chainedErrorListener = true;
        outer = call;
        continue;
      }
    }
    break;
  }
  const fn = scopeFunction(expr, ctx.ancestry);
  const parent = ctx.ancestry.parent(outer);
  let bindingText: string | null = null;
  let storedOutside = fn === null;
  let returned = parent?.type === 'return_statement' || (parent?.type === 'arrow_function' && parent.childForFieldName('body')?.id === outer.id);
  let declaration: Node | null = null;
  let passedOn = false;
  let handedToOwnCode = false;
  let handedToImporters = false;
  let local: string | null = null;
  if (parent?.type === 'variable_declarator') {
    bindingText = parent.childForFieldName('name')?.text ?? null;
    declaration = ctx.ancestry.parent(parent);
    local = bindingText;
  } else if (parent?.type === 'assignment_expression' || parent?.type === 'augmented_assignment_expression') {
    const left = parent.childForFieldName('left');
    bindingText = left?.text.replace(/\s+/g, '') ?? null;
    // Assigning to a field or an outer variable keeps the client beyond this call (lazy singleton).
    storedOutside = !left || left.type !== 'identifier' || !fn || !ctx.resolver.declaredWithin(left.text, left, fn);
    if (!storedOutside && left) local = left.text;
    // `this.client = createClient(…); return this.client;` on every call: a factory that also keeps the last one; the
    // caller gets a new client to listen on. A lazy singleton (`if (!this.client) this.client = …`) keeps its only one.
    else if (fn && bindingText && left?.type === 'member_expression' && returnsPath(ctx.textOf(fn), bindingText) && !testsPath(ctx.textOf(fn), bindingText)) returned = true;
    // `export const getClient = () => { if (!client) client = createClient(); return client }`: other modules get the client.
    else if (fn && left?.type === 'identifier' && returnsPath(ctx.textOf(fn), left.text) && exportedFunction(fn, entry, ctx)) handedToImporters = true;
  }
  // A local of a block at module level (`if (prod) { const client = createClient(); store = new Store({ client }) }`)
  // is read like a function's.
  const region = fn ?? (local && declaration ? ctx.ancestry.nearest(declaration, BLOCKS) : null);
  let aliases: string[] = [];
  if (region && local) {
    // A local variable that escapes (returned, resolved, stored, handed on) outlives the call.
    const escape = escapesFrom(ctx.textOf(region), local);
    if (escape === 'returned' && fn) returned = true;
    // Stored in an object, a map or a field, or passed to a call: someone else holds it now.
    if (escape === 'stored' || escape === 'passed') storedOutside = passedOn = true;
    // Passed to the file's own function or class that attaches no listener: no library listens on it (a warning).
    // (A client from the module's own factory is left as it was: that factory may have attached the listener.)
    const made = expr.type === 'call_expression' ? expr.childForFieldName('function') : null;
    if (escape === 'passed' && !(made && calleeIsOwnCode(made, ctx.module)) && handedToOwnCodeLater(ctx.textOf(region), local, expr, ctx)) [passedOn, handedToOwnCode] = [false, true];
    // Kept by the function's own code (`cached = client`, `this.client = client`): a listener on that name counts.
    if (escape === 'assigned') {
      storedOutside = true;
      aliases = assignedTo(ctx.textOf(region), local);
    }
    // Bound as a function's `this` (`const get = promisify(c.get).bind(c)`): it lives as long as that function (which
    // closures may hand out), and that function listens on nothing.
    if (escape === 'kept') storedOutside = true;
    // Captured by a closure the function hands out (`return { get: (k) => c.get(k) }`): a factory's client.
    if (fn && !escape && capturedByEscapingClosure(fn, local, ctx.ancestry)) storedOutside = true;
    // A subscriber lives as long as its subscription.
    if (fn && !escape && keptAliveBySubscription(ctx.textOf(fn), local)) storedOutside = true;
  } else if (parent?.type === 'public_field_definition' || parent?.type === 'field_definition') {
    const name = parent.childForFieldName('name') ?? parent.childForFieldName('property');
    bindingText = name ? `this.${name.text}` : null;
    storedOutside = true;
  } else if (parent?.type === 'arguments') {
    storedOutside = true; // handed to a pool, a registry or a library that owns it
    // The file's own function or method (or the project's) attaches nothing that is seen: not a library's client.
    const call = ctx.ancestry.parent(parent);
    const callee = call?.childForFieldName('function') ?? call?.childForFieldName('constructor');
    if (callee && calleeIsOwnCode(callee, ctx.module) && seenWithoutListener(callee.text, callee, ctx)) handedToOwnCode = true;
    else passedOn = true;
    // `const db = wrap(createClient())`, `this.db = wrap(…)`: a listener on what wraps it (`db.on('error', …)`) is one on the client.
    bindingText = wrapperBinding(parent, ctx);
  } else if (parent?.type === 'array' || parent?.type === 'pair') {
    storedOutside = true;
  }
  return {
    kind: resolved.kind,
    span: spanOf(expr),
    enclosingFunction: fn ? { name: functionName(fn), role: functionRole(fn, returned || storedOutside || passedOn, ctx.textOf) } : null,
    storedOutside,
    passedOn,
    bindingText,
    ...(fn && bindingText && /^[A-Za-z_$][\w$]*$/.test(bindingText) && ctx.resolver.declaredWithin(bindingText, expr, fn) ? { scopeKey: ctx.keyOf(fn) } : {}),
    ...(aliases.length > 0 ? { aliases } : {}),
    chainedErrorListener,
    returned,
    hoistable: fn && declaration && bindingText ? hoistTarget(declaration, fn, entry, expr, bindingText, ctx) : null,
    ...(duplicated ? { duplicated: true as const } : {}),
    ...(handedToOwnCode ? { handedToOwnCode: true as const } : {}),
    ...(handedToImporters ? { handedToImporters: true as const } : {}),
  };
}

/** `fn` is the function an `export` statement (or `module.exports…`/`exports.x =`) of the module declares: other modules call it. */
function exportedFunction(fn: Node, entry: Node, ctx: ReceiverContext): boolean {
  if (ctx.ancestry.nearest(fn, FUNCTION_TYPES) !== null) return false;
  return entry.type === 'export_statement' || /^(?:module\.)?exports\b/.test(ctx.textOf(entry).slice(0, 16));
}

/** `.on('error', …)`, or an event named by a variable (`client.on(event, …)` for a list of events): maybe an error listener. */
const LISTENS_FOR_ERRORS = /\.\s*(?:on|once|addListener|prependListener)\s*\(\s*(?:(['"`])error\1|[A-Za-z_$])/;

/**
 * The own code a client is handed to is in this file and attaches no error listener: a function of the module
 * (`loadFromRedis(createClient())`) or a method of the enclosing class (`this.makeQueue(createClient())`). Code the
 * file does not show (another module's) may listen: it is not taken for one that does not.
 */
function seenWithoutListener(callee: string, at: Node, ctx: ReceiverContext): boolean {
  if (/^this\s*\.\s*[\w$]+$/.test(callee)) {
    const cls = ctx.ancestry.nearest(at, CLASS_TYPES);
    return !!cls && !LISTENS_FOR_ERRORS.test(ctx.textOf(cls));
  }
  if (!/^[A-Za-z_$][\w$]*$/.test(callee)) return false;
  const root = at.tree.rootNode;
  const text = ctx.textOf(root);
  const name = escapeRe(callee);
  // A function of the module, or its class (`new BlobCache(conn)`: the constructor and methods may listen).
  const declared = new RegExp(`\\bfunction\\s*\\*?\\s*${name}\\s*\\(|\\bclass\\s+${name}\\b|(?<![\\w$.])${name}\\s*=\\s*(?:async\\b\\s*)?(?:function\\b|\\(|[A-Za-z_$][\\w$]*\\s*=>)`).exec(text);
  let fn = declared ? root.descendantForIndex(declared.index + declared[0].lastIndexOf(callee)) : null;
  while (fn && !FUNCTION_TYPES.has(fn.type) && !CLASS_TYPES.has(fn.type)) fn = fn.type === 'program' ? null : fn.parent;
  return !!fn && !LISTENS_FOR_ERRORS.test(ctx.textOf(fn));
}

/**
 * `const conn = createClient(); … return new BlobCache(conn)`: the own code (of the file) the local is handed to, when it
 * attaches no error listener: the client stays the file's to listen on.
 */
function handedToOwnCodeLater(regionText: string, local: string, at: Node, ctx: ReceiverContext): boolean {
  const m = new RegExp(`(?:\\bnew\\s+)?([A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)?)\\s*\\(\\s*(?:[^()]*?,\\s*)?${escapeRe(local)}\\s*[,)]`).exec(regionText);
  const callee = m?.[1].replace(/\s+/g, '');
  return !!callee && namesOwnCode(callee.split('.')[0], ctx.module) && seenWithoutListener(callee, at, ctx);
}

function isDuplicate(expr: Node): boolean {
  const callee = expr.type === 'call_expression' ? expr.childForFieldName('function') : null;
  return callee?.type === 'member_expression' && callee.childForFieldName('property')?.text === 'duplicate';
}

function pathPattern(path: string): string {
  return path.split('.').map(escapeRe).join('\\s*\\.\\s*');
}

function returnsPath(fnText: string, path: string): boolean {
  return new RegExp(`\\breturn\\s+(?:await\\s+)?${pathPattern(path)}\\s*(?:[;)}]|$)`, 'm').test(fnText);
}

/** `!this.client`, `if (this.client)`, `this.client ??`/`||`: the function checks for a client it made before. */
function testsPath(fnText: string, path: string): boolean {
  const p = pathPattern(path);
  return new RegExp(`!\\s*${p}\\b|\\bif\\s*\\(\\s*${p}\\s*\\)|${p}\\s*(?:\\?\\?|\\|\\||===?\\s*(?:null|undefined)|!==?\\s*(?:null|undefined))`).test(fnText);
}

function wrapperBinding(args: Node, ctx: ReceiverContext): string | null {
  let outer = ctx.ancestry.parent(args);
  if (outer?.type !== 'call_expression' && outer?.type !== 'new_expression') return null;
  for (let p = ctx.ancestry.parent(outer); p?.type === 'await_expression' || p?.type === 'parenthesized_expression'; p = ctx.ancestry.parent(outer)) outer = p;
  const declarator = ctx.ancestry.parent(outer);
  if (declarator?.type === 'variable_declarator') return declarator.childForFieldName('name')?.text ?? null;
  // `this.redis = P.promisifyAll(createClient())`: the field holds what wraps the client.
  if (declarator?.type !== 'assignment_expression' || declarator.childForFieldName('right')?.id !== outer.id) return null;
  return declarator.childForFieldName('left')?.text.replace(/\s+/g, '') ?? null;
}

function functionRole(fn: Node, keepsClient: boolean, textOf: (node: Node) => string): 'constructor' | 'factory' | 'handler' {
  const name = functionName(fn);
  if (fn.type === 'method_definition' && name === 'constructor') return 'constructor';
  // `async function main() {…} main()`: a script's entry point runs once.
  if (keepsClient || (name && FACTORY_NAME.test(name)) || calledOnlyAtModuleLevel(fn, textOf)) return 'factory';
  return 'handler';
}

/**
 * The declaration can move to module scope when it sits directly in the function body, its
 * arguments only use module-level names, and the function does not connect/quit it itself.
 */
function hoistTarget(declaration: Node, fn: Node, entry: Node, expr: Node, name: string, ctx: ReceiverContext): CreationFact['hoistable'] {
  if (declaration.type !== 'lexical_declaration' || declaration.namedChildren.filter((c) => c?.type === 'variable_declarator').length !== 1) return null;
  const body = fn.childForFieldName('body');
  if (!body || ctx.ancestry.parent(declaration)?.id !== body.id) return null;
  if (ctx.module.isDeclared(name) || LIFECYCLE_CALL(name).test(fn.text)) return null;
  const declarator = declaration.namedChildren.find((c) => c?.type === 'variable_declarator');
  if (!declarator || unwrap(declarator.childForFieldName('value') ?? declarator).id !== expr.id) return null;
  // Every name the arguments use must be module-level, or it would be out of scope after the move.
  for (const id of expr.descendantsOfType(['identifier', 'shorthand_property_identifier'])) {
    if (id && ctx.resolver.declaredWithin(id.text, id, entry)) return null;
  }
  const topLevelStart: Span = spanOf(entry);
  return { statement: spanOf(declaration), topLevelStart: { start: topLevelStart.start, end: topLevelStart.start }, declarationText: declaration.text };
}

/** `expr` calls a function of the file that creates, listens on and returns a client (descriptors.ts factoryListens). */
function factoryListensFor(expr: Node, ctx: ReceiverContext): boolean {
  const callee = expr.type === 'call_expression' ? expr.childForFieldName('function') : null;
  if (callee?.type !== 'identifier') return false;
  const env = ctx.resolver.envAt(expr);
  const bound = env.binding?.(callee.text)?.binding;
  if (bound?.b === 'function') return bound.listens === true;
  if (bound?.b === 'value' && bound.value.v === 'function') return bound.value.listens === true;
  // Another module's factory (imported or required): its export says whether it listens.
  const imported = bound ? resolveValue({ v: 'ident', name: callee.text }, env, null, 0) : null;
  return imported?.r === 'returns' && imported.listens === true;
}

/** The names and member paths `local` is assigned to in `text` (`cached = client`, `this.client = client`). */
function assignedTo(text: string, local: string): string[] {
  const re = new RegExp(`([A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*)\\s*=\\s*${escapeRe(local)}(?![\\w$])`, 'g');
  return [...new Set([...text.matchAll(re)].map((m) => m[1].replace(/\s+/g, '')))].filter((t) => t !== local);
}
