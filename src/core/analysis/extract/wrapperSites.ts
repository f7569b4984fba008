/**
 * Key sites at the calls of key wrappers: `function cacheGet(key) { return redis.get(key) }` names
 * no key itself; `cacheGet(\`user:${id}\`)` does, so the site (GET `user:{id}`) is placed at that
 * call — in the wrapper's file or in a file importing it (the project index publishes wrappers).
 */
import type { Node } from 'web-tree-sitter';
import { type NodeKey, describeExpression } from '../clients/descriptors';
import type { Env } from '../clients/resolve';
import { callArguments, spanOf } from '../syntax';
import type { Ancestry } from './ancestry';
import { scopeFunction } from './callContext';
import type { WrapperSiteFact } from './facts';
import { keyCommand } from './keyCommands';
import { applyArguments, isMeaningfulTemplate, keyValueOfName, renderTemplate } from './keyTemplates';

/** The sites a call of `name` at `index` makes, when `name` resolves (from the call) to a key wrapper. */
export function wrapperCallSites(ancestry: Ancestry, index: number, name: string, envAt: (node: Node) => Env, keyOf: NodeKey): WrapperSiteFact[] {
  const callee = ancestry.at(index);
  if (callee?.type !== 'identifier' || callee.text !== name) return [];
  const call = ancestry.parent(callee);
  if (call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== callee.id) return [];
  const env = envAt(call);
  // Looked up from the call: a local of the same name shadows the wrapper.
  const wrapper = keyValueOfName(name, env);
  if (wrapper?.k !== 'wrapper') return [];
  const args = callArguments(call).map((arg) => describeExpression(arg, keyOf));
  const report = { start: spanOf(callee).start, end: spanOf(call).end };
  const fn = scopeFunction(call, ancestry);
  const scopeKey = fn ? keyOf(fn) : 'module';
  const out: WrapperSiteFact[] = [];
  for (const inner of wrapper.calls) {
    const meta = keyCommand(inner.command);
    const parts = applyArguments(inner.parts, args, env);
    if (!meta || !isMeaningfulTemplate(parts)) continue;
    out.push({
      site: { template: renderTemplate(parts), command: inner.command.toUpperCase(), access: meta.access, type: meta.type, ttl: inner.ttl, confidence: 'certain' },
      report,
      call: spanOf(call),
      scopeKey,
      wrapper: name,
      ...(inner.named ? { named: true as const } : {}),
    });
  }
  return out;
}
