/**
 * ioredis also defines Lua commands in its constructor's options (`new Redis({ scripts: { unlock: { lua, numberOfKeys } } })`,
 * ioredis ≥ 5): each is read as the `defineCommand(name, { lua, numberOfKeys })` it stands for, so keys-in-lua checks it.
 */
import type { Node } from 'web-tree-sitter';
import { literalString } from '../syntax';

/** Each script of the creation's `scripts` option: its name's node and its options object (holding `lua`). */
export function constructorScripts(creation: Node): Array<{ name: string; nameNode: Node; options: Node }> {
  if (creation.type !== 'new_expression') return [];
  const options = creation.childForFieldName('arguments')?.namedChildren.find((a) => a?.type === 'object');
  const scripts = options ? pairValue(options, 'scripts') : null;
  if (scripts?.type !== 'object') return [];
  const out: Array<{ name: string; nameNode: Node; options: Node }> = [];
  for (const member of scripts.namedChildren) {
    const key = member?.type === 'pair' ? member.childForFieldName('key') : null;
    const value = member?.type === 'pair' ? member.childForFieldName('value') : null;
    if (!key || value?.type !== 'object' || !pairValue(value, 'lua')) continue;
    out.push({ name: literalString(key) ?? key.text, nameNode: key, options: value });
  }
  return out;
}

/** The value of the object's property `name` (written `name: …` or `'name': …`). */
function pairValue(object: Node, name: string): Node | null {
  for (const member of object.namedChildren) {
    if (member?.type !== 'pair') continue;
    const key = member.childForFieldName('key');
    if (key && (literalString(key) ?? key.text) === name) return member.childForFieldName('value');
  }
  return null;
}
