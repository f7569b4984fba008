/** Which calls share one connection: the same receiver, sent directly (not queued on a batch). */
import { RAW_METHODS } from '../extract/commands';
import type { CallFact } from '../extract/facts';
import { escapeRe } from '../syntax';

/** The receiver as written, without spaces, `await`, parentheses or `!`. */
function receiverOf(call: CallFact): string {
  return call.client.receiverText.replace(/\s+/g, '').replace(/^\(?await/, '').replace(/[()!]/g, '');
}


/**
 * An identity for the connection a direct call uses, or null for batched calls. A receiver that is
 * a variable or parameter of the call's own function is that function's (two functions may each
 * have their own `client`); anything else (`redis`, `this.redis`) is the module's. `declaredIn`
 * caches the answer per function and name, so a big function's text is searched once per name.
 */
function connectionOf(call: CallFact, text: string, declaredIn: Map<string, boolean>): string | null {
  if (call.client.via !== 'client') return null;
  // `this.exec('BLPOP', k)` through the project's own method: which connection that takes (a pool's?) is the method's business.
  if (call.form === 'raw' && !RAW_METHODS.has(call.method.toLowerCase())) return null;
  const receiver = receiverOf(call);
  // `this.client` of two classes (or ES5 constructors) in one module: two objects, two connections.
  if (call.client.thisOwner) return `${call.client.thisOwner}:${receiver.replace(/^[^.?]+/, 'this')}`;
  if (!call.scope || !/^[A-Za-z_$][\w$]*$/.test(receiver)) return receiver;
  const memo = `${call.scopeKey}:${receiver}`;
  let declared = declaredIn.get(memo);
  if (declared === undefined) {
    const name = escapeRe(receiver);
    const declaration = new RegExp(`\\b(?:const|let|var)\\s+${name}\\b|[(,]\\s*(?:(?:private|public|protected|readonly)\\s+)*${name}\\s*[:,)=?]`);
    declared = declaration.test(text.slice(call.scope.start.offset, call.scope.end.offset));
    declaredIn.set(memo, declared);
  }
  return declared ? memo : receiver;
}

/** Direct calls grouped by connection, in execution order. */
export function callsByConnection(calls: readonly CallFact[], text: string): Map<string, CallFact[]> {
  const out = new Map<string, CallFact[]>();
  const declaredIn = new Map<string, boolean>();
  for (const call of calls) {
    const connection = connectionOf(call, text, declaredIn);
    if (connection === null) continue;
    const list = out.get(connection) ?? [];
    list.push(call);
    out.set(connection, list);
  }
  return out;
}

/** Node-redis v4 `commandOptions({ isolated: true })`: the command runs on a pooled connection of its own. */
export function isIsolated(call: CallFact): boolean {
  return call.isolated === true || call.args.some((a) => /isolated\s*:\s*true/.test(a.text));
}
