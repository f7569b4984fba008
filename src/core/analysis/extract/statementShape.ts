/**
 * Recognises the statements the `no-keys` SCAN rewrite can replace whole:
 * `const x = await c.keys(p)`, `x = await c.keys(p)`, `return await c.keys(p)`,
 * `for (const k of await c.keys(p)) …`, and a following `await c.del(...x)` (KEYS-then-DEL).
 */
import type { Node } from 'web-tree-sitter';
import { callArguments, escapeRe, spanOf, unwrap } from '../syntax';
import type { Ancestry } from './ancestry';
import type { DeleteFollowUp, StatementShape } from './facts';

const STATEMENT_PARENTS = new Set(['statement_block', 'program', 'switch_case', 'switch_default', 'class_static_block']);

export function keysStatementShape(root: Node, awaited: boolean, a: Ancestry): StatementShape | null {
  if (!awaited) return null;
  const parent = a.parent(root);
  if (!parent) return null;
  const inBlock = (statement: Node): boolean => {
    const above = a.parent(statement);
    return !!above && STATEMENT_PARENTS.has(above.type);
  };
  if (parent.type === 'variable_declarator' && parent.childForFieldName('value')?.id === root.id) {
    const declaration = a.parent(parent);
    const name = parent.childForFieldName('name');
    if (!declaration || !name || name.type !== 'identifier') return null;
    if (declaration.type !== 'lexical_declaration' && declaration.type !== 'variable_declaration') return null;
    if (declaration.namedChildren.filter((c) => c?.type === 'variable_declarator').length !== 1) return null;
    if (!inBlock(declaration)) return null;
    const keyword = declaration.firstChild?.text;
    if (keyword !== 'const' && keyword !== 'let' && keyword !== 'var') return null;
    const type = parent.childForFieldName('type');
    return {
      kind: 'declaration',
      statement: spanOf(declaration),
      inBlock: true,
      keyword,
      name: name.text,
      typeText: type ? type.text.replace(/^:\s*/, '') : null,
    };
  }
  if (parent.type === 'assignment_expression' && parent.childForFieldName('right')?.id === root.id) {
    const statement = a.parent(parent);
    const target = parent.childForFieldName('left');
    if (statement?.type !== 'expression_statement' || !target) return null;
    return { kind: 'assignment', statement: spanOf(statement), inBlock: inBlock(statement), target: target.text };
  }
  if (parent.type === 'return_statement') return { kind: 'return', statement: spanOf(parent), inBlock: inBlock(parent) };
  if (parent.type === 'for_in_statement' && parent.childForFieldName('right')?.id === root.id) {
    if (!parent.children.some((c) => c?.type === 'of') || parent.children.some((c) => c?.type === 'await')) return null;
    const keyword = parent.childForFieldName('kind')?.text;
    const left = parent.childForFieldName('left');
    const body = parent.childForFieldName('body');
    if ((keyword !== 'const' && keyword !== 'let' && keyword !== 'var') || !left || !body) return null;
    return { kind: 'for-of', statement: spanOf(parent), inBlock: inBlock(parent), keyword, binding: left.text, body: spanOf(body) };
  }
  return null;
}

/**
 * For `const keys = await c.keys(p);` followed by `await c.del(...keys)` (optionally inside
 * `if (keys.length)`), returns that statement — provided `keys` is not used anywhere after it.
 */
export function deleteFollowUp(declaration: Node, name: string, receiverText: string): DeleteFollowUp | null {
  let next = declaration.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  if (!next) return null;
  let deleting: Node | null = next;
  if (next.type === 'if_statement') {
    if (next.childForFieldName('alternative')) return null;
    const condition = next.childForFieldName('condition')?.text.replace(/\s+/g, '') ?? '';
    const lengthTest = new RegExp(`^\\(${escapeRe(name)}\\.length(?:>0|!==0|!=0)?\\)$`);
    if (!lengthTest.test(condition)) return null;
    deleting = next.childForFieldName('consequence');
    if (deleting?.type === 'statement_block') {
      const inner = deleting.namedChildren.filter((c) => c?.type !== 'comment');
      deleting = inner.length === 1 ? inner[0] : null;
    }
  }
  if (!deleting || !isDeleteOf(deleting, name, receiverText)) return null;
  // `keys` must not be read after the delete, or removing the array would break that code.
  const uses = new RegExp(`(?<![\\w$.])${escapeRe(name)}(?![\\w$])`);
  for (let after = next.nextSibling; after; after = after.nextSibling) {
    if (uses.test(after.text)) return null;
  }
  return { statement: spanOf(next) };
}

function isDeleteOf(stmt: Node, name: string, receiverText: string): boolean {
  if (stmt.type !== 'expression_statement') return false;
  const expr = stmt.firstNamedChild;
  if (expr?.type !== 'await_expression') return false;
  const call = unwrap(expr);
  if (call.type !== 'call_expression') return false;
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'member_expression') return false;
  const method = callee.childForFieldName('property')?.text.toLowerCase();
  if (method !== 'del' && method !== 'unlink') return false;
  if (callee.childForFieldName('object')?.text.replace(/\s+/g, '') !== receiverText.replace(/\s+/g, '')) return false;
  const args = callArguments(call);
  return args.length === 1 && (args[0].text === name || args[0].text.replace(/\s+/g, '') === `...${name}`);
}
