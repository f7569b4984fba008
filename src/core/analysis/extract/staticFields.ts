/**
 * `Repo.SCRIPT` where `Repo` is a class of the module: the value its static field is initialised with
 * (`static readonly SCRIPT = "…"`) or assigned (`Repo.SCRIPT = "…"`, as compiled code writes it). Classes keep
 * Lua scripts and key prefixes this way as often as modules keep constants.
 */
import type { Node } from 'web-tree-sitter';

const FIELD_TYPES = new Set(['public_field_definition', 'field_definition']);
const CLASS_TYPES = new Set(['class_declaration', 'abstract_class_declaration', 'class']);

/** Each tree's text, read once (a file's many `Keys.X` arguments would each copy it). */
const texts = new WeakMap<object, string>();

export function staticFieldValue(root: Node, className: string, field: string): Node | null {
  let text = texts.get(root.tree);
  if (text === undefined) texts.set(root.tree, (text = root.text));
  const name = field.replace(/\$/g, '\\$');
  const owner = className.replace(/\$/g, '\\$');
  const sites = new RegExp(`\\bstatic\\s+(?:readonly\\s+)?${name}\\s*[:=]|(?<![\\w$.])${owner}\\s*\\.\\s*${name}\\s*=(?![=>])`, 'g');
  for (const m of text.matchAll(sites)) {
    const at = m.index + m[0].lastIndexOf(field);
    const node = root.descendantForIndex(at);
    const value = !node ? null : m[0].startsWith('static') ? fieldValue(node, className) : assignedValue(node, field);
    if (value) return value;
  }
  return null;
}

/** The initialiser of the static field `node` names, when the field belongs to class `className`. */
function fieldValue(node: Node, className: string): Node | null {
  const field = node.parent;
  if (!field || !FIELD_TYPES.has(field.type)) return null;
  let cls: Node | null = field.parent;
  while (cls && !CLASS_TYPES.has(cls.type)) cls = cls.parent;
  return cls?.childForFieldName('name')?.text === className ? field.childForFieldName('value') : null;
}

/** The right side of `Repo.SCRIPT = …` whose property `node` is. */
function assignedValue(node: Node, field: string): Node | null {
  const member = node.parent;
  const assignment = member?.parent;
  if (node.text !== field || member?.type !== 'member_expression' || assignment?.type !== 'assignment_expression') return null;
  return assignment.childForFieldName('left')?.id === member.id ? assignment.childForFieldName('right') : null;
}
