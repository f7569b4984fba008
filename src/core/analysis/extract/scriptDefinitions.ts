/**
 * node-redis defines Lua scripts with `defineScript({ NUMBER_OF_KEYS, SCRIPT, … })` (from `redis` or
 * `@redis/client`) and hands them to `createClient({ scripts })`: keys-in-lua reads the script where it is
 * defined, as it reads EVAL's first argument.
 */
import type { Node } from 'web-tree-sitter';
import { describeExpression } from '../clients/descriptors';
import { type Env, resolveValue } from '../clients/resolve';
import { callArguments, literalString } from '../syntax';
import type { Ancestry } from './ancestry';
import type { ClientRef } from './facts';

/** The `defineScript(…)` call whose name is at `index`, when it is node-redis's, with its SCRIPT value. */
export function scriptDefinitionAt(ancestry: Ancestry, index: number, envAt: (node: Node) => Env): { call: Node; script: Node } | null {
  const name = ancestry.at(index);
  if (name?.type !== 'identifier' && name?.type !== 'property_identifier') return null;
  const callee = name.type === 'identifier' ? name : ancestry.parent(name);
  if (!callee || (callee.type === 'member_expression' && callee.childForFieldName('property')?.id !== name.id)) return null;
  const call = ancestry.parent(callee);
  if (call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== callee.id) return null;
  // `defineScript` of node-redis (imported, or on its module: `redis.defineScript`), not a project's function of that name.
  const resolved = resolveValue(describeExpression(callee, () => 'script'), envAt(callee), null, 0);
  if (resolved.r !== 'export' || resolved.family !== 'node-redis' || resolved.exportName !== 'defineScript') return null;
  const options = callArguments(call)[0];
  if (options?.type !== 'object') return null;
  for (const member of options.namedChildren) {
    if (member?.type === 'shorthand_property_identifier' && member.text === 'SCRIPT') return { call, script: member };
    if (member?.type !== 'pair') continue;
    const key = member.childForFieldName('key');
    const value = member.childForFieldName('value');
    if (key && value && (literalString(key) ?? key.text) === 'SCRIPT') return { call, script: value };
  }
  return null;
}

/** The "client" of a script definition: node-redis, certainly (no connection is involved). */
export function definitionClient(): ClientRef {
  return { kind: { family: 'node-redis', topology: 'standalone' }, confidence: 'certain', via: 'client', chainKey: null, receiverText: 'defineScript' };
}
