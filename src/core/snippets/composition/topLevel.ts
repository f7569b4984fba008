// The top level of a TypeScript file as composition sees it: import bindings, declarations by name, and the row
// range of each statement (with the comments right above it), read from a tree-sitter syntax tree.
import type { Node } from 'web-tree-sitter';

export interface ImportBinding {
  /** The name the file uses. */
  readonly local: string;
  /** `default`, `*`, or the exported name. */
  readonly imported: string;
  readonly typeOnly: boolean;
}

export type TopLevelItem =
  | { readonly kind: 'import'; readonly module: string; readonly bindings: readonly ImportBinding[]; readonly rows: Rows; readonly text: string }
  | { readonly kind: 'declaration'; readonly names: readonly string[]; readonly rows: Rows; readonly text: string }
  | { readonly kind: 'augmentation'; readonly rows: Rows; readonly text: string }
  | { readonly kind: 'other'; readonly rows: Rows; readonly text: string };

/** First and last row (0-based, inclusive); `commentStart` includes the comment lines directly above. */
export interface Rows {
  readonly start: number;
  readonly end: number;
  readonly commentStart: number;
}

const DECLARATIONS = new Set([
  'lexical_declaration',
  'variable_declaration',
  'function_declaration',
  'generator_function_declaration',
  'class_declaration',
  'abstract_class_declaration',
  'interface_declaration',
  'type_alias_declaration',
  'enum_declaration',
]);

/** web-tree-sitter types child lists as (Node | null)[]. */
function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null);
}

function hasKeyword(node: Node, keyword: string): boolean {
  return node.children.some((child) => child?.type === keyword);
}

export function topLevelItems(root: Node): TopLevelItem[] {
  const items: TopLevelItem[] = [];
  let commentStart: number | null = null;
  let previousEnd = -2;
  for (const node of namedChildren(root)) {
    if (node.type === 'comment') {
      // A comment block belongs to the statement right below it; a blank line ends the block.
      if (commentStart === null || node.startPosition.row > previousEnd + 1) commentStart = node.startPosition.row;
      previousEnd = node.endPosition.row;
      continue;
    }
    const attached = commentStart !== null && node.startPosition.row <= previousEnd + 1 ? commentStart : node.startPosition.row;
    const rows = { start: node.startPosition.row, end: node.endPosition.row, commentStart: attached };
    items.push(classify(node, rows));
    commentStart = null;
    previousEnd = node.endPosition.row;
  }
  return items;
}

function classify(node: Node, rows: Rows): TopLevelItem {
  const text = node.text;
  if (node.type === 'import_statement') {
    const module = node.childForFieldName('source')?.text.slice(1, -1) ?? '';
    return { kind: 'import', module, bindings: importBindings(node), rows, text };
  }
  const declaration = node.type === 'export_statement' ? node.childForFieldName('declaration') : node;
  if (declaration && DECLARATIONS.has(declaration.type)) return { kind: 'declaration', names: declaredNames(declaration), rows, text };
  if (node.type === 'ambient_declaration') return { kind: 'augmentation', rows, text };
  return { kind: 'other', rows, text };
}

function declaredNames(declaration: Node): string[] {
  if (declaration.type === 'lexical_declaration' || declaration.type === 'variable_declaration') {
    return namedChildren(declaration)
      .filter((child) => child.type === 'variable_declarator')
      .flatMap((declarator) => {
        const name = declarator.childForFieldName('name');
        // Destructuring binds every identifier in the pattern.
        return name ? (name.type === 'identifier' ? [name.text] : name.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern']).map((id) => id?.text ?? '')) : [];
      })
      .filter((name) => name !== '');
  }
  const name = declaration.childForFieldName('name');
  return name ? [name.text] : [];
}

function importBindings(node: Node): ImportBinding[] {
  const statementTypeOnly = hasKeyword(node, 'type');
  const clause = namedChildren(node).find((child) => child.type === 'import_clause');
  if (!clause) return []; // import 'side-effect'
  const bindings: ImportBinding[] = [];
  for (const part of namedChildren(clause)) {
    if (part.type === 'identifier') bindings.push({ local: part.text, imported: 'default', typeOnly: statementTypeOnly });
    if (part.type === 'namespace_import') {
      const local = namedChildren(part).find((child) => child.type === 'identifier')?.text;
      if (local) bindings.push({ local, imported: '*', typeOnly: statementTypeOnly });
    }
    if (part.type === 'named_imports') {
      for (const specifier of namedChildren(part).filter((child) => child.type === 'import_specifier')) {
        const imported = specifier.childForFieldName('name')?.text ?? '';
        const local = specifier.childForFieldName('alias')?.text ?? imported;
        bindings.push({ local, imported, typeOnly: statementTypeOnly || hasKeyword(specifier, 'type') });
      }
    }
  }
  return bindings;
}
