/** Which calls share one connection: the same receiver, sent directly (not queued on a batch). */
import type { CallFact } from '../extract/facts';

/** The receiver as written, without spaces, `await`, parentheses or `!`. */
export function connectionOf(call: CallFact): string | null {
  if (call.client.via !== 'client') return null;
  return call.client.receiverText.replace(/\s+/g, '').replace(/^\(?await/, '').replace(/[()!]/g, '');
}

/** Direct calls grouped by connection, in execution order. */
export function callsByConnection(calls: readonly CallFact[]): Map<string, CallFact[]> {
  const out = new Map<string, CallFact[]>();
  for (const call of calls) {
    const connection = connectionOf(call);
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
