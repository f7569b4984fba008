/**
 * A module-level client handed to a library in another statement (`new RedisStore({ client })`,
 * `createAdapter(pub, sub)`): queue, store and adapter libraries attach their own error listener.
 * A function or class of the file itself, or of another module of the project, is no library: what it
 * does with the client is not known here, so handing the client to it changes nothing.
 */
import type { Node } from 'web-tree-sitter';
import { type Binding, requiredBy } from '../clients/descriptors';
import type { ModuleScope } from '../clients/moduleScope';
import { aliasPath, isRelativeSpecifier } from '../clients/specifiers';
import type { Ancestry } from './ancestry';

/** The name at `index` is an argument of a library's call or `new`, itself or inside object literals there. */
export function handedToLibrary(ancestry: Ancestry, index: number, name: string, module: ModuleScope): boolean {
  let node = ancestry.at(index);
  if (!node || node.endIndex !== index + name.length || (node.type !== 'identifier' && node.type !== 'shorthand_property_identifier')) return false;
  for (let parent = ancestry.parent(node); parent; node = parent, parent = ancestry.parent(parent)) {
    if (parent.type === 'arguments') {
      const call = ancestry.parent(parent);
      const callee = call?.childForFieldName('function') ?? call?.childForFieldName('constructor');
      if (callee && NOT_A_HANDOFF.test(lastName(callee))) return false;
      const root = callee ? rootName(callee) : undefined;
      return root !== undefined && !ownCode(module.env.binding?.(root)?.binding);
    }
    // A pair's value (not its key), a shorthand property, an object nested in another.
    if (parent.type === 'pair' ? parent.childForFieldName('value')?.id !== node.id : parent.type !== 'object') return false;
  }
  return false;
}

/**
 * Calls that take the client without keeping it to listen on: `promisify(client.get).bind(client)` makes it a method's
 * `this`, `Promise.promisifyAll(client)` adds `…Async` methods to it.
 */
const NOT_A_HANDOFF = /^(?:bind|call|apply|promisify|promisifyAll)$/;

/** `bind` of `promisify(client.get).bind`, `promisifyAll` of `Promise.promisifyAll`, the name itself for an identifier. */
function lastName(callee: Node): string {
  if (callee.type === 'identifier') return callee.text;
  return callee.type === 'member_expression' ? (callee.childForFieldName('property')?.text ?? '') : '';
}

/** The callee of a call or `new` is the file's own code or the project's (`loadFromRedis(…)`, `this.makeQueue(…)`), not a library. */
export function calleeIsOwnCode(callee: Node, module: ModuleScope): boolean {
  const root = rootName(callee);
  return root !== undefined && namesOwnCode(root, module);
}

/** `root` (of a callee: `this`, a function or class of the file, a project import) is the project's own code. */
export function namesOwnCode(root: string, module: ModuleScope): boolean {
  return root === 'this' || ownCode(module.env.binding?.(root)?.binding);
}

/** `RedisStore` of `new RedisStore(…)`, `api` of `api.stores.create(…)`, `require` of `require('x')(…)`; `this` of `this.make(…)`. */
function rootName(callee: Node): string | undefined {
  let node: Node | null = callee;
  for (let depth = 0; node && depth < 8; depth++) {
    if (node.type === 'identifier' || node.type === 'this') return node.text;
    node = node.type === 'member_expression' ? node.childForFieldName('object') : node.type === 'call_expression' ? node.childForFieldName('function') : null;
  }
  return undefined;
}

/** Declared in this file (a function or class), or imported from a module of the project (relative or an alias). */
function ownCode(binding: Binding | undefined): boolean {
  if (!binding) return false;
  if (binding.b === 'function' || (binding.b === 'class' && !binding.ambient)) return true;
  if (binding.b === 'import') return binding.specifier !== undefined && projectPath(binding.specifier);
  if (binding.b !== 'value') return false;
  const value = binding.value;
  if (value.v === 'function') return true;
  // `require('./client')`, `require('./client').Wrapper`, `require('../store')(session)`.
  const required = requiredBy(value.v === 'call' ? value.callee : value);
  return required !== undefined && projectPath(required.specifier);
}

function projectPath(specifier: string): boolean {
  return isRelativeSpecifier(specifier) || aliasPath(specifier) !== undefined;
}
