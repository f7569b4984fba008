import type { ArgFact } from '../extract/facts';
import type { Rule } from './ruleTypes';

const WHOLE_COLLECTION: Record<string, string> = {
  hgetall: 'HGETALL returns the whole hash in one reply; on big hashes iterate with HSCAN.',
  smembers: 'SMEMBERS returns the whole set in one reply; on big sets iterate with SSCAN.',
};

const isText = (arg: ArgFact | undefined, text: string): boolean => arg !== undefined && arg.text.replace(/\s+/g, '') === text;

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
      let message = WHOLE_COLLECTION[call.command];
      if (!message && (call.command === 'lrange' || call.command === 'zrange') && isText(call.args[1], '0') && isText(call.args[2], '-1')) {
        const name = call.command.toUpperCase();
        message = `${name} 0 -1 returns the whole ${call.command === 'lrange' ? 'list' : 'sorted set'} in one reply; read a bounded range${call.command === 'zrange' ? ' or iterate with ZSCAN' : ''}.`;
      }
      if (message) ctx.report({ span: call.report, confidence: call.client.confidence, message });
    }
  },
};
