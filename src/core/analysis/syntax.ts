/** Small helpers over tree-sitter nodes shared by the extractors. */
import type { Node } from 'web-tree-sitter';
import type { Pos, Span } from './extract/facts';

/** Wrappers that do not change which object an expression evaluates to. */
const TRANSPARENT = new Set([
  'parenthesized_expression',
  'await_expression',
  'as_expression',
  'satisfies_expression',
  'non_null_expression',
  'type_assertion',
]);

export function unwrap(node: Node): Node {
  let current = node;
  for (let guard = 0; guard < 64 && TRANSPARENT.has(current.type); guard++) {
    // `<T>x` keeps the expression last; every other wrapper keeps it first.
    const inner = current.type === 'type_assertion' ? current.lastNamedChild : current.firstNamedChild;
    if (!inner) break;
    current = inner;
  }
  return current;
}

export const FUNCTION_TYPES = new Set([
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
  'generator_function',
]);

export const BLOCK_TYPES = new Set(['statement_block', 'program', 'switch_body', 'class_static_block']);

/** Class declarations and class expressions (`var A = class extends B {}`). */
export const CLASS_TYPES = new Set(['class_declaration', 'abstract_class_declaration', 'class']);

/** Functions with their own `this` (not arrows): an ES5 constructor is one of these. */
export const PLAIN_FUNCTIONS = new Set(['function_declaration', 'function_expression', 'function', 'generator_function_declaration', 'generator_function']);

/**
 * A function compiled from an async one, run with the caller's `this`: TypeScript's
 * `__awaiter(this, void 0, void 0, function* () { … })`, esbuild's `__async(this, null, function* () { … })`, Babel's
 * `_asyncToGenerator(function* () { … })()` and, for ES5, `__generator(this, function (_a) { … })`.
 * Its `this` is its enclosing function's, and (for `__awaiter`) its `yield` is an `await`. `parentOf` is
 * the ancestry's parent lookup.
 */
export function compiledAsyncBody(fn: Node, parentOf: (node: Node) => Node | null): 'awaiter' | 'generator' | null {
  if (fn.type !== 'generator_function' && fn.type !== 'function_expression' && fn.type !== 'function') return null;
  const args = parentOf(fn);
  const call = args?.type === 'arguments' ? parentOf(args) : null;
  const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
  if (!args || !callee) return null;
  // Babel's `_asyncToGenerator(function* () { … })()` (its `this` is rewritten to `_this`).
  if (fn.type === 'generator_function' && args.firstNamedChild?.id === fn.id && BABEL_ASYNC.test(callee.text)) return 'awaiter';
  if (args.firstNamedChild?.type !== 'this') return null;
  const name = COMPILED_ASYNC.exec(callee.text)?.[1];
  return name === 'awaiter' || name === 'async' ? 'awaiter' : name === 'generator' ? 'generator' : null;
}

/** `__awaiter`, `tslib_1.__awaiter`, `(0, tslib_1.__awaiter)`, `__async`, `__generator`. */
const COMPILED_ASYNC = /(?:^|[.(\s,])__(awaiter|async|generator)\)?$/;
/** `_asyncToGenerator`, `(0, _asyncToGenerator2.default)`, `_asyncToGenerator.default`. */
const BABEL_ASYNC = /(?:^|[.(\s,])_asyncToGenerator\d*(?:\.default)?\)?$/;

/** `Store.prototype.get = function () { … }`: the constructor (`Store`) whose prototype method `fn` is. */
export function prototypeOwner(fn: Node, parentOf: (node: Node) => Node | null): string | undefined {
  const assignment = parentOf(fn);
  const left = assignment?.type === 'assignment_expression' ? assignment.childForFieldName('left') : null;
  const path = left ? memberPath(left) : null;
  if (path && path.length === 3 && path[1] === 'prototype') return path[0];
  // `Engine.prototype = { members: function () { … }, lock() { … } }`: a method of the object given as the prototype.
  const holder = fn.type === 'method_definition' ? fn : assignment?.type === 'pair' ? assignment : null;
  const object = holder ? parentOf(holder) : null;
  const whole = object?.type === 'object' ? parentOf(object) : null;
  const target = whole?.type === 'assignment_expression' ? whole.childForFieldName('left') : null;
  const prototype = target ? memberPath(target) : null;
  return prototype && prototype.length === 2 && prototype[1] === 'prototype' ? prototype[0] : undefined;
}

export function isFunctionLike(node: Node): boolean {
  return FUNCTION_TYPES.has(node.type);
}

export function spanOf(node: Node): Span {
  const s = node.startPosition;
  const e = node.endPosition;
  return {
    start: { offset: node.startIndex, line: s.row, column: s.column },
    end: { offset: node.endIndex, line: e.row, column: e.column },
  };
}

export function spanBetween(from: Node, to: Node): Span {
  return { start: spanOf(from).start, end: spanOf(to).end };
}

/** The value of a string literal or a template literal without substitutions. */
export function literalString(node: Node): string | undefined {
  if (node.type === 'string') {
    const text = node.text;
    return unescapeSimple(text.slice(1, -1));
  }
  if (node.type === 'template_string' && !hasChildOfType(node, 'template_substitution')) {
    return unescapeSimple(node.text.slice(1, -1));
  }
  return undefined;
}

const ESCAPED: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0' };

/** `\n`, `\t`, `\r` stand for their characters (a Lua script written on one line reads as its lines); `\'` for `'`. */
function unescapeSimple(s: string): string {
  return s.includes('\\') ? s.replace(/\\(.)/g, (_, c: string) => ESCAPED[c] ?? c) : s;
}

export function hasChildOfType(node: Node, type: string): boolean {
  return firstChildOfType(node, type) !== null;
}

/** `a.b.c` → ['a', 'b', 'c']; `this.x` → ['this', 'x']; anything else → null. */
export function memberPath(node: Node): string[] | null {
  const n = unwrap(node);
  if (n.type === 'identifier' || n.type === 'type_identifier') return [n.text];
  if (n.type === 'this') return ['this'];
  if (n.type === 'member_expression') {
    const object = n.childForFieldName('object');
    const property = n.childForFieldName('property');
    if (!object || !property || property.type !== 'property_identifier') return null;
    const head = memberPath(object);
    return head ? [...head, property.text] : null;
  }
  return null;
}

/** Named arguments of a call/new expression (empty for tagged templates or missing parens). */
export function callArguments(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'arguments') return [];
  return args.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
}

/** The nearest ancestor that is a function, or null at module level. */
export function enclosingFunction(node: Node, stopAt?: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) {
    if (FUNCTION_TYPES.has(p.type)) return p;
    if (stopAt && p.id === stopAt.id) return null;
  }
  return null;
}

/** A function's name: declared name, method name, or the variable/property it is assigned to. */
export function functionName(fn: Node): string | null {
  const name = fn.childForFieldName('name');
  if (name) return name.text;
  const parent = fn.parent;
  if (!parent) return null;
  if (parent.type === 'variable_declarator') return parent.childForFieldName('name')?.text ?? null;
  if (parent.type === 'pair') return parent.childForFieldName('key')?.text ?? null;
  if (parent.type === 'assignment_expression') {
    const left = parent.childForFieldName('left');
    const path = left ? memberPath(left) : null;
    return path ? path[path.length - 1] : null;
  }
  if (parent.type === 'public_field_definition' || parent.type === 'field_definition') {
    return (parent.childForFieldName('name') ?? parent.childForFieldName('property'))?.text ?? null;
  }
  return null;
}

/**
 * The text read by ranges (`slice`) and characters: a plain string is one, and so is an edited document's text kept
 * as pieces (engine/documentText.ts), which extraction reads statement by statement without joining it.
 */
export interface SourceText {
  readonly length: number;
  slice(start: number, end?: number): string;
  charCodeAt(index: number): number;
  /** The whole text as one string. */
  toString(): string;
}

export function posAt(text: string, offset: number, anchor: Pos): Pos {
  // Count lines from a known position instead of building a line table for the whole file.
  if (offset >= anchor.offset) {
    let line = anchor.line;
    let lineStart = anchor.offset - anchor.column;
    for (let i = text.indexOf('\n', anchor.offset); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { offset, line, column: offset - lineStart };
  }
  let line = anchor.line;
  for (let i = anchor.offset - 1; i >= offset; i--) if (text.charCodeAt(i) === 10) line--;
  return { offset, line, column: offset - lineStartOf(text, offset) };
}

export function lineStartOf(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** Leading whitespace of the line that contains `offset`. */
export function indentAt(text: string, offset: number): string {
  const match = /^[ \t]*/.exec(text.slice(lineStartOf(text, offset), offset));
  return match ? match[0] : '';
}

/**
 * The first `max` named children of `node`, read with a cursor: `namedChildren` builds an object for
 * every child (a long function body has hundreds), where only the first few are wanted.
 */
export function firstNamedChildren(node: Node, max: number): Node[] {
  const out: Node[] = [];
  const cursor = node.walk();
  try {
    if (!cursor.gotoFirstChild()) return out;
    do {
      if (cursor.nodeIsNamed) out.push(cursor.currentNode);
    } while (out.length < max && cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
  return out;
}

/** The first named child of `node` of type `type`, found with a cursor (no object for the others). */
export function firstChildOfType(node: Node, type: string): Node | null {
  const cursor = node.walk();
  try {
    if (!cursor.gotoFirstChild()) return null;
    do {
      if (cursor.nodeType === type) return cursor.currentNode;
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
  return null;
}

/** `new Redis.Cluster(…)`, `new Cluster(…)` (through parentheses, `await`, `as`…). */
export function isClusterCreation(node: Node): boolean {
  const inner = unwrap(node);
  return inner.type === 'new_expression' && /\bCluster\b/.test(inner.childForFieldName('constructor')?.text ?? '');
}

/** `s` as a literal inside a regular expression. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The two sides of the expression statement `left = right;` (not `+=` and the like), or undefined. */
export function assignmentOf(statement: Node): { left: Node; right: Node } | undefined {
  const assignment = statement.type === 'expression_statement' ? statement.firstNamedChild : null;
  const left = assignment?.type === 'assignment_expression' ? assignment.childForFieldName('left') : null;
  const right = left ? assignment?.childForFieldName('right') : null;
  return left && right ? { left, right } : undefined;
}
