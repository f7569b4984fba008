/** Which calls share one connection: the same receiver, sent directly (not queued on a batch). */
import type { CallFact } from '../extract/facts';

/** The receiver as written, without spaces, `await`, parentheses or `!`. */
function receiverOf(call: CallFact): string {
  return call.client.receiverText.replace(/\s+/g, '').replace(/^\(?await/, '').replace(/[()!]/g, '');
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An identity for the connection a direct call uses, or null for batched calls. A receiver that is
 * a variable or parameter of the call's own function is that function's (two functions may each
 * have their own `client`); anything else (`redis`, `this.redis`) is the module's.
 */
export function connectionOf(call: CallFact, text: string): string | null {
  if (call.client.via !== 'client') return null;
  const receiver = receiverOf(call);
  if (!call.scope || !/^[A-Za-z_$][\w$]*$/.test(receiver)) return receiver;
  const name = escapeRegExp(receiver);
  const declared = new RegExp(`\\b(?:const|let|var)\\s+${name}\\b|[(,]\\s*(?:(?:private|public|protected|readonly)\\s+)*${name}\\s*[:,)=?]`);
  return declared.test(text.slice(call.scope.start.offset, call.scope.end.offset)) ? `${call.scopeKey}:${receiver}` : receiver;
}

/** Direct calls grouped by connection, in execution order; keys are the receivers as written. */
export function callsByConnection(calls: readonly CallFact[], text: string): Map<string, CallFact[]> {
  const out = new Map<string, CallFact[]>();
  for (const call of calls) {
    const connection = connectionOf(call, text);
    if (connection === null) continue;
    const list = out.get(connection) ?? [];
    list.push(call);
    out.set(connection, list);
  }
  return out;
}

/** Node-redis v4 `commandOptions({ isolated: true })`: the command runs on a pooled connection of its own. */
export function isIsolated(call: CallFact): boolean {
  return call.args.some((a) => /isolated\s*:\s*true/.test(a.text));
}
