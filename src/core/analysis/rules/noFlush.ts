import type { Rule } from './ruleTypes';

export const noFlush: Rule = {
  meta: {
    id: 'no-flush',
    title: 'FLUSHALL / FLUSHDB outside tests',
    why: 'FLUSHALL and FLUSHDB delete every key and block the server unless ASYNC is given.',
    defaultSeverity: 'warning',
    testSeverity: 'off',
    fixable: false,
    fixAllSafe: false,
  },
  check(ctx) {
    for (const call of ctx.calls) {
      if (call.command !== 'flushall' && call.command !== 'flushdb') continue;
      const name = call.command.toUpperCase();
      ctx.report({
        span: call.report,
        confidence: call.client.confidence,
        message: `${name} deletes every key${call.command === 'flushall' ? ' in every database' : ''} and blocks the server unless ASYNC; delete by prefix with SCAN + UNLINK instead.`,
      });
    }
  },
};
