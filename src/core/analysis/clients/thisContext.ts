/**
 * Where `this` points and what a callback is called with, read from the parents of a node: the class or ES5
 * constructor whose object `this` is, and the array an element callback (`keys.forEach((key) => …)`) walks.
 */
import type { Node } from 'web-tree-sitter';
import type { Ancestry } from '../extract/ancestry';
import { CLASS_TYPES, FUNCTION_TYPES, PLAIN_FUNCTIONS, compiledAsyncBody, isFunctionLike, prototypeOwner } from '../syntax';

/** Array methods that call their first argument with each element first (`reduce` passes the accumulator first). */
const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex']);
const CLASS_OR_FUNCTION = new Set([...CLASS_TYPES, ...FUNCTION_TYPES]);

/** The array `fn` is called back for, element by element (`keys` of `keys.forEach(fn)`), if it is. */
export function iteratedArray(fn: Node, ancestry: Ancestry): Node | null {
  const args = ancestry.parent(fn);
  const call = args?.type === 'arguments' ? ancestry.parent(args) : null;
  if (call?.type !== 'call_expression' || args?.firstNamedChild?.id !== fn.id) return null;
  const callee = call.childForFieldName('function');
  const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
  return method && ELEMENT_CALLBACKS.has(method) ? callee!.childForFieldName('object') : null;
}

/**
 * The ES5 constructor whose object `this` is at `node`: in `function Store() { this.client = … }` at module
 * level, or in `Store.prototype.get = function () { … }`. Only with one plain function around the node
 * (a callback written with `function` has a `this` of its own).
 */
export function es5Constructor(node: Node, ancestry: Ancestry): string | undefined {
  const fn = thisFunction(node, ancestry);
  if (!fn || thisFunction(fn, ancestry) || ancestry.nearest(node, CLASS_TYPES)) return undefined;
  const parent = ancestry.parent(fn);
  if (fn.type === 'function_declaration' && (!parent || parent.type === 'program')) return fn.childForFieldName('name')?.text;
  // `var Store = function (…) { this.client = … }` at module level.
  if (parent?.type === 'variable_declarator' && parent.childForFieldName('value')?.id === fn.id) {
    const declaration = ancestry.parent(parent);
    if (declaration && ancestry.parent(declaration)?.type === 'program') return parent.childForFieldName('name')?.text;
  }
  return prototypeOwner(fn, (n) => ancestry.parent(n));
}

/**
 * TypeScript's ES5 class output, one statement: `var Store = (function () { function Store() { this.client = … }
 * Store.prototype.get = function () { … }; return Store; }())`. The constructor declared in the same wrapper
 * function as the prototype method (or the constructor itself), when `this` is its object.
 */
export function localEs5Constructor(node: Node, ancestry: Ancestry): Node | null {
  const fn = thisFunction(node, ancestry);
  const wrapper = fn ? thisFunction(fn, ancestry) : null;
  if (!fn || !wrapper) return null;
  if (fn.type === 'function_declaration') return ancestry.parent(fn)?.type === 'statement_block' ? fn : null;
  const ctor = prototypeOwner(fn, (n) => ancestry.parent(n));
  const body = ctor ? wrapper.childForFieldName('body') : null;
  return body?.namedChildren.find((c) => c?.type === 'function_declaration' && c.childForFieldName('name')?.text === ctor) ?? null;
}

/** The nearest function around `node` with a `this` of its own (compiled async bodies have their caller's). */
function thisFunction(node: Node, ancestry: Ancestry): Node | null {
  let fn = ancestry.nearest(node, PLAIN_FUNCTIONS);
  while (fn && compiledAsyncBody(fn, (n) => ancestry.parent(n))) fn = ancestry.nearest(fn, PLAIN_FUNCTIONS);
  return fn;
}

/** The class whose `this` is at `node` (arrows and methods see their class's; a plain function has its own). */
export function enclosingClass(node: Node, ancestry: Ancestry): Node | null {
  for (let p = ancestry.nearest(node, CLASS_OR_FUNCTION); p; p = ancestry.nearest(p, CLASS_OR_FUNCTION)) {
    if (CLASS_TYPES.has(p.type)) return p;
    // A plain function has its own `this`; arrows and methods do not, nor compiled async bodies (`__awaiter(this, …)`).
    if (isFunctionLike(p) && p.type !== 'arrow_function' && p.type !== 'method_definition' && !compiledAsyncBody(p, (n) => ancestry.parent(n))) return null;
  }
  return null;
}

/**
 * The object literal whose methods `this` is used in (`const Store = { init() { this.conn = new Redis() }, read() {
 * return this.conn.hgetall(k) } }`, also `init: function () { … }`), if it is; arrows see their method's `this`.
 */
export function objectOfThis(node: Node, ancestry: Ancestry): Node | null {
  for (let p = ancestry.nearest(node, CLASS_OR_FUNCTION); p; p = ancestry.nearest(p, CLASS_OR_FUNCTION)) {
    if (p.type === 'arrow_function') continue;
    if (CLASS_TYPES.has(p.type)) return null;
    const parent = ancestry.parent(p);
    const object = p.type === 'method_definition' ? parent : parent?.type === 'pair' && parent.childForFieldName('value')?.id === p.id ? ancestry.parent(parent) : null;
    return object?.type === 'object' && isSingleton(object, ancestry) ? object : null;
  }
  return null;
}

/**
 * An object literal whose methods are called on it: a module-level `const Store = { … }`, `module.exports = { … }`,
 * `export default { … }` — not a prototype (`Engine.prototype = { … }`: `this` is an Engine) nor an object handed to a
 * library that calls its methods on something else (`defineComponent({ … })`).
 */
function isSingleton(object: Node, ancestry: Ancestry): boolean {
  const parent = ancestry.parent(object);
  if (parent?.type === 'variable_declarator') return parent.childForFieldName('value')?.id === object.id;
  if (parent?.type === 'export_statement') return true;
  if (parent?.type !== 'assignment_expression' || parent.childForFieldName('right')?.id !== object.id) return false;
  return !/\.prototype$/.test(parent.childForFieldName('left')?.text ?? '');
}

/** The methods of an object literal: `name() { … }` and `name: function () { … }`. */
export function objectMethods(object: Node): Node[] {
  const out: Node[] = [];
  for (const child of object.namedChildren) {
    if (child?.type === 'method_definition') out.push(child);
    const value = child?.type === 'pair' ? child.childForFieldName('value') : null;
    if (value && (value.type === 'function_expression' || value.type === 'function')) out.push(value);
  }
  return out;
}
