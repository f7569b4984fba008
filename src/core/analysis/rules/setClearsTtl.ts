import { addSetOption } from '../fixes/clientForms';
import type { Rule } from './ruleTypes';
import { setOptions } from './callFacts';
import { precedingExpire } from './ttlFacts';

export const setClearsTtl: Rule = {
  meta: {
    id: 'set-clears-ttl',
    title: 'SET after EXPIRE discards the TTL',
    why: 'SET replaces the value and removes any TTL the key had, unless KEEPTTL is given.',
    defaultSeverity: 'warning',
    testSeverity: 'info',
    fixable: true,
    fixAllSafe: true,
  },
  check(ctx) {
    for (const call of ctx.calls) {
      if (call.command !== 'set' && call.command !== 'getset') continue;
      const options = setOptions(call);
      if (options.ttl || options.keepTtl || options.unknown || options.nx || !call.args[0]) continue;
      const expire = precedingExpire(call, call.args[0], ctx.calls);
      if (!expire) continue;
      const edits = addSetOption(call, { kind: 'keepttl' }, ctx.options.nodeRedisMajor);
      ctx.report({
        span: call.report,
        confidence: call.client.confidence,
        message: `${call.command.toUpperCase()} discards the TTL that ${expire.command.toUpperCase()} on line ${expire.call.start.line + 1} gave this key; add KEEPTTL or set the TTL in this SET.`,
        fixes: edits ? [{ title: 'Keep the existing TTL (KEEPTTL)', edits, isPreferred: true }] : [],
      });
    }
  },
};
