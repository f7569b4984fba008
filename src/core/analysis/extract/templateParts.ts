/**
 * The pieces of a string built at run time — a template literal with substitutions or a `+`
 * concatenation that involves a string — as literal text and the expressions in between. Generic
 * over how an expression is described, so the descriptors can use it without an import cycle.
 */
import type { Node } from 'web-tree-sitter';
import { literalString } from '../syntax';

export type TemplatePieces<D> = Array<string | D>;

const MAX_PIECES = 32;

/** The pieces of `node`, or undefined when it is not a template with substitutions nor a string concatenation. */
export function templatePieces<D>(node: Node, describe: (expression: Node) => D): TemplatePieces<D> | undefined {
  if (node.type === 'template_string') return literalString(node) === undefined ? templateLiteralPieces(node, describe) : undefined;
  if (node.type === 'binary_expression' && (isStringConcat(node) || isNameConcat(node))) {
    const out: TemplatePieces<D> = [];
    return addConcat(node, describe, out) ? out : undefined;
  }
  return undefined;
}

function templateLiteralPieces<D>(node: Node, describe: (expression: Node) => D): TemplatePieces<D> | undefined {
  const out: TemplatePieces<D> = [];
  const text = node.text;
  const base = node.startIndex;
  // Literal text is what lies between the backticks and the substitutions (fragments and escapes alike).
  let literalFrom = base + 1;
  for (const child of node.namedChildren) {
    if (child?.type !== 'template_substitution') continue;
    pushLiteral(out, unescape(text.slice(literalFrom - base, child.startIndex - base)));
    const expression = child.firstNamedChild;
    if (!expression) return undefined;
    out.push(describe(expression));
    literalFrom = child.endIndex;
    if (out.length > MAX_PIECES) return undefined;
  }
  pushLiteral(out, unescape(text.slice(literalFrom - base, text.length - 1)));
  return out;
}

function addConcat<D>(node: Node, describe: (expression: Node) => D, out: TemplatePieces<D>): boolean {
  if (out.length > MAX_PIECES) return false;
  if (node.type === 'binary_expression' && operatorOf(node) === '+') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    return !!left && !!right && addConcat(left, describe, out) && addConcat(right, describe, out);
  }
  if (node.type === 'parenthesized_expression' && node.firstNamedChild) return addConcat(node.firstNamedChild, describe, out);
  const literal = literalString(node);
  if (literal !== undefined) pushLiteral(out, literal);
  else if (node.type === 'template_string') {
    const inner = templateLiteralPieces(node, describe);
    if (!inner) return false;
    for (const piece of inner) if (typeof piece === 'string') pushLiteral(out, piece);
    else out.push(piece);
  } else out.push(describe(node));
  return true;
}

function pushLiteral<D>(out: TemplatePieces<D>, text: string): void {
  if (text === '') return;
  const last = out.length - 1;
  if (last >= 0 && typeof out[last] === 'string') out[last] = out[last] + text;
  else out.push(text);
}

function operatorOf(node: Node): string | undefined {
  return node.childForFieldName('operator')?.text ?? node.children.find((c) => c && !c.isNamed)?.text;
}

/** `a + b` where one operand (or a nested `+`) is a string literal: a string is being built. */
export function isStringConcat(node: Node): boolean {
  if (operatorOf(node) !== '+') return false;
  const stringy = (n: Node | null): boolean =>
    !!n && (n.type === 'string' || n.type === 'template_string' || (n.type === 'binary_expression' && isStringConcat(n)) || (n.type === 'parenthesized_expression' && stringy(n.firstNamedChild)));
  return stringy(node.childForFieldName('left')) || stringy(node.childForFieldName('right'));
}

const NAME_OPERANDS = new Set(['identifier', 'member_expression', 'subscript_expression', 'call_expression']);

/**
 * `prefix + id`, `this.prefix + user.id`: names joined by `+` with no literal among them; a key when
 * one of them holds a string (key templates resolve them). A number literal makes it arithmetic.
 */
function isNameConcat(node: Node, depth = 0): boolean {
  if (depth > MAX_PIECES || operatorOf(node) !== '+') return false;
  const operand = (n: Node | null): boolean => {
    if (!n) return false;
    if (n.type === 'parenthesized_expression') return operand(n.firstNamedChild);
    return n.type === 'binary_expression' ? isNameConcat(n, depth + 1) : NAME_OPERANDS.has(n.type);
  };
  return operand(node.childForFieldName('left')) && operand(node.childForFieldName('right'));
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };

function unescape(raw: string): string {
  return raw.includes('\\') ? raw.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c) : raw;
}

/** The names of a function's parameters, in order (`?` for a destructuring pattern). */
export function parameterNames(fn: Node): string[] {
  const single = fn.childForFieldName('parameter');
  if (single) return [single.text];
  const out: string[] = [];
  for (const param of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!param || param.type === 'comment') continue;
    const pattern = param.type === 'identifier' ? param : (param.childForFieldName('pattern') ?? param.childForFieldName('left'));
    out.push(pattern?.type === 'identifier' ? pattern.text : '?');
  }
  return out;
}
