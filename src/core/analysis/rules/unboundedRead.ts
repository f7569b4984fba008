import type { ArgFact } from '../extract/facts';
import type { Rule } from './ruleTypes';

const WHOLE_COLLECTION: Record<string, string> = {
  hgetall: 'HGETALL returns the whole hash in one reply; on big hashes iterate with HSCAN.',
  smembers: 'SMEMBERS returns the whole set in one reply; on big sets iterate with SSCAN.',
};

const isText = (arg: ArgFact | undefined, text: string): boolean => arg !== undefined && arg.text.replace(/\s+/g, '') === text;

/**
 * A key that ends in a run-time id (`` `job:${id}` ``, `'user:' + id`) names one record — a hash of a
 * few fields, a small per-entity set — not a collection that grows without bound.
 */
function namesOneRecord(key: ArgFact | undefined): boolean {
  if (!key) return false;
  const text = key.text.replace(/\s+/g, '');
  if (key.kind === 'template') return /\}`$/.test(text);
  if (key.kind === 'concat') return /\+[\w$.]+(?:\([^()]*\))?$/.test(text);
  // `getKey('job:' + id)`, `keys.job(id)`: a key built by a helper from an id.
  return key.kind === 'other' && /\((?:[^()]*\+\s*)?[\w$.]*(?:id|Id|ID)\)$/.test(text);
}

export const unboundedRead: Rule = {
  meta: {
    id: 'unbounded-read',
    title: 'Reading a whole collection in one reply',
    why: 'HGETALL, SMEMBERS and LRANGE/ZRANGE 0 -1 read a whole collection in one reply: slow and memory-heavy on big keys.',
    defaultSeverity: 'hint',
    testSeverity: 'off',
    fixable: false,
    fixAllSafe: false,
  },
  check(ctx) {
    for (const call of ctx.calls) {
      // HGETALL/SMEMBERS mostly read one record's fields: only worth a hint on a client we are sure of.
      let message = call.client.confidence === 'certain' ? WHOLE_COLLECTION[call.command] : undefined;
      if (!message && (call.command === 'lrange' || call.command === 'zrange') && isText(call.args[1], '0') && isText(call.args[2], '-1')) {
        const name = call.command.toUpperCase();
        message = `${name} 0 -1 returns the whole ${call.command === 'lrange' ? 'list' : 'sorted set'} in one reply; read a bounded range${call.command === 'zrange' ? ' or iterate with ZSCAN' : ''}.`;
      }
      if (message && !namesOneRecord(call.args[0])) ctx.report({ span: call.report, confidence: call.client.confidence, message });
    }
  },
};
