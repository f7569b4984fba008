/** The key arguments of one Redis call, each as a template (see keyTemplates.ts), from the call's own parse. */
import type { Node } from 'web-tree-sitter';
import { describeExpression, propertyKey, type NodeKey } from '../clients/descriptors';
import type { Env } from '../clients/resolve';
import { spanOf } from '../syntax';
import type { CallFact } from './facts';
import { keyCommand, keyIndices } from './keyCommands';
import { isMeaningfulTemplate, keyArgumentParts, renderTemplate } from './keyTemplates';
import type { KeyPart } from './keyTemplateTypes';

const MAX_KEYS = 32;

/** Sets `fact.keys` for a command with key arguments (`argNodes` are the command's arguments). */
export function withKeys(fact: CallFact, argNodes: readonly Node[], envAt: (node: Node) => Env, keyOf: NodeKey): CallFact {
  const command = keyCommand(fact.command);
  if (!command) return fact;
  const nodes = keyNodes(command.keys, argNodes);
  if (nodes.length === 0) return fact;
  fact.keys = nodes.slice(0, MAX_KEYS).map((node) => {
    // An MSET object's property names are keys themselves.
    const isPropertyName = node.type === 'property_identifier' || (node.type === 'string' && node.parent?.type === 'pair' && node.parent.childForFieldName('key')?.id === node.id);
    const spread = node.type === 'spread_element' ? node.firstNamedChild : null;
    const parts = isPropertyName ? [{ lit: propertyKey(node) ?? '' }] : keyArgumentParts(describeExpression(spread ?? node, keyOf), envAt(node), !!spread);
    const template = isMeaningfulTemplate(parts) ? renderTemplate(parts) : null;
    return template !== null && namesOneKey(node, parts, envAt) ? { template, span: spanOf(node), fixed: true as const } : { template, span: spanOf(node) };
  });
  return fact;
}

/**
 * One fixed key, however often it is written: an imported constant that resolves to text (`SESSION_SECRET_KEY`), or a
 * template whose every splice is a module-level constant or an import (`` `${prefix}:config_cache` ``, where `prefix`
 * is chosen once from the environment). A `let` may be assigned again, and a local or a parameter differs per call.
 */
function namesOneKey(node: Node, parts: readonly KeyPart[], envAt: (node: Node) => Env): boolean {
  if (node.type === 'identifier') return envAt(node).binding?.(node.text)?.binding.b === 'import' && parts.every((p) => 'lit' in p);
  if (node.type !== 'template_string') return false;
  const splices = node.namedChildren.filter((c) => c?.type === 'template_substitution');
  return splices.length > 0 && splices.every((splice) => {
    const expression = splice?.firstNamedChild;
    const root = expression && /^[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*$/.test(expression.text) ? expression.text.split('.')[0].trim() : null;
    if (!root || root === 'this' || !expression || envAt(expression).isModuleName?.(root) !== true) return false;
    const binding = envAt(expression).binding?.(root)?.binding;
    return binding?.b === 'import' || binding?.b === 'class' || (binding?.b === 'value' && !binding.mutable && binding.value.v !== 'function');
  });
}

function keyNodes(positions: Parameters<typeof keyIndices>[0], argNodes: readonly Node[]): Node[] {
  const args = argNodes.filter((n) => n.type !== 'comment');
  // node-redis takes several keys as one array (`del([a, b])`, `mGet([a, b])`), MSET pairs as `[[k, v], …]` or `{ k: v }`.
  if ((positions === 'all' || positions === 'allButLast') && args[0]?.type === 'array') return elements(args[0]);
  if (args.length === 1 && positions === 'pairs') {
    const only = args[0];
    if (only.type === 'array') return elements(only).flatMap((pair) => (pair.type === 'array' ? elements(pair).slice(0, 1) : []));
    // `{ k: v }`, `{ [keys.doc(id)]: v }` (the key is the expression inside the brackets).
    if (only.type === 'object') return only.namedChildren.flatMap((p) => {
      const key = p?.type === 'pair' ? p.childForFieldName('key') : null;
      const inner = key?.type === 'computed_property_name' ? key.firstNamedChild : key;
      return inner ? [inner] : [];
    });
    return [];
  }
  return keyIndices(positions, args.length).map((i) => args[i]);
}

function elements(array: Node): Node[] {
  return array.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
}
