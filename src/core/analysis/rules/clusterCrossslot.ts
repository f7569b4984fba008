import type { ArgFact, CallFact } from '../extract/facts';
import { ALL_KEYS_COMMANDS, SINGLE_KEY_COMMANDS, STORE_COMMANDS, TWO_KEYS_COMMANDS } from '../extract/ruleCommands';
import { EXPIRE_COMMANDS, WRITE_COMMANDS } from '../extract/commands';
import type { Rule } from './ruleTypes';
import { type SlotOf, crossesSlots, slotOf, slotOfTemplate } from './hashSlots';
import { msetPairs, scriptKeys } from './callFacts';
import { splitsBySlot } from '../clients/packages';

/** node-redis passes several keys as one array; ioredis takes them flat (or as an array too). */
function flatKeys(args: readonly ArgFact[]): ArgFact[] | null {
  const out: ArgFact[] = [];
  for (const arg of args) {
    if (arg.kind === 'array') out.push(...arg.elements);
    else if (arg.kind === 'function') continue; // an ioredis callback
    else out.push(arg);
  }
  return out.some((a) => a.kind === 'spread' || a.kind === 'array' || a.kind === 'object') ? null : out;
}


/** The keys a multi-key command touches, or null when they cannot be listed. */
export function commandKeys(call: CallFact): ArgFact[] | null {
  const c = call.command;
  if (ALL_KEYS_COMMANDS.has(c)) return flatKeys(call.args);
  if (c === 'mset' || c === 'msetnx') return msetPairs(call)?.map((p) => p.key) ?? null;
  if (TWO_KEYS_COMMANDS.has(c)) return call.args.length >= 2 ? call.args.slice(0, 2) : null;
  if (STORE_COMMANDS.has(c)) {
    const [dest, second, ...rest] = call.args;
    if (!dest) return null;
    if (second?.kind === 'number') return [dest, ...rest.slice(0, second.value)];
    return second?.kind === 'array' ? [dest, ...second.elements] : null;
  }
  if (c === 'eval' || c === 'evalsha' || c === 'eval_ro' || c === 'evalro' || c === 'fcall' || c === 'fcall_ro' || c === 'fcallro') return scriptKeys(call);
  return null;
}

/**
 * Each key's slot, read from the call's key templates where the analyzer resolved one (`const k =
 * \`order:${id}\`; rename(k, \`${k}:old\`)`), else from the argument as written.
 */
function keySlots(call: CallFact, keys: readonly ArgFact[]): SlotOf[] {
  const templates = new Map((call.keys ?? []).map((k) => [k.span.start.offset, k.template]));
  return keys.map((arg) => {
    const template = templates.get(arg.span.start.offset);
    return template ? slotOfTemplate(template) : slotOf(arg);
  });
}

const KEYED_IN_MULTI = new Set([...WRITE_COMMANDS, ...EXPIRE_COMMANDS, ...SINGLE_KEY_COMMANDS, 'del', 'unlink']);

export const clusterCrossslot: Rule = {
  meta: {
    id: 'cluster-crossslot',
    title: 'Keys of different hash slots in one command on a Cluster',
    why: 'On Redis Cluster a multi-key command, MULTI or script must touch keys of one hash slot, or the server replies CROSSSLOT; give related keys a shared {hash tag}.',
    defaultSeverity: 'error',
    testSeverity: 'warning',
    fixable: false,
    fixAllSafe: false,
  },
  check(ctx) {
    const transactions = new Map<string, CallFact[]>();
    for (const call of ctx.calls) {
      if (call.client.kind?.topology !== 'cluster') continue;
      if (call.client.via === 'multi' && call.client.chainKey && KEYED_IN_MULTI.has(call.command) && call.args[0]) {
        const list = transactions.get(call.client.chainKey) ?? [];
        list.push(call);
        transactions.set(call.client.chainKey, list);
      }
      // Valkey GLIDE splits MGET, MSET, DEL, UNLINK, EXISTS and TOUCH by slot itself.
      if (splitsBySlot(call.client.kind, call.command)) continue;
      const keys = commandKeys(call);
      if (!keys || !crossesSlots(keySlots(call, keys))) continue;
      ctx.report({
        span: call.report,
        confidence: call.client.confidence,
        message: `On a Cluster client ${call.command.toUpperCase()} must touch keys of one hash slot, and these keys can hash to different slots (CROSSSLOT error); give them a shared {hash tag}.`,
      });
    }
    for (const calls of transactions.values()) {
      if (!crossesSlots(calls.flatMap((c) => keySlots(c, [c.args[0]])))) continue;
      const last = calls[calls.length - 1];
      ctx.report({
        span: { start: calls[0].report.start, end: last.report.end },
        confidence: calls[0].client.confidence,
        message: 'A MULTI on a Cluster client must touch keys of one hash slot, and these commands use keys that can hash to different slots (CROSSSLOT error); give them a shared {hash tag}.',
      });
    }
  },
};
