import { PUBSUB_COMMANDS, SUBSCRIBE_COMMANDS } from '../extract/ruleCommands';
import type { Rule } from './ruleTypes';
import { callsByConnection } from './clientUse';

export const subscriberReuse: Rule = {
  meta: {
    id: 'subscriber-reuse',
    title: 'A subscribed client also used for regular commands',
    why: 'A connection in subscriber mode accepts only (P|S)SUBSCRIBE, UNSUBSCRIBE and PING: node-redis and ioredis reject or misroute other commands on it.',
    defaultSeverity: 'warning',
    testSeverity: 'info',
    fixable: false,
    fixAllSafe: false,
  },
  check(ctx) {
    for (const calls of callsByConnection(ctx.calls, ctx.text).values()) {
      // A class's own `subscribe(channel)` subscribes its connection, unless the class only exposes commands one by one
      // (a facade with `set(…)`, `keys(…)` as well): there its callers choose which to use.
      const facade = calls.some((c) => c.passThrough && !SUBSCRIBE_COMMANDS.has(c.command));
      // @upstash/redis's `subscribe()` opens an HTTP stream of its own and returns a subscriber object: the REST client
      // itself never enters subscriber mode.
      const upstash = (c: (typeof calls)[number]): boolean => (c.client.kind ? c.client.kind.family === 'upstash' : ctx.families.size === 1 && ctx.families.has('upstash'));
      const subscribe = calls.find((c) => SUBSCRIBE_COMMANDS.has(c.command) && !(c.passThrough && facade) && !upstash(c));
      if (!subscribe) continue;
      for (const call of calls) {
        if (PUBSUB_COMMANDS.has(call.command)) continue;
        ctx.report({
          span: call.report,
          confidence: call.client.confidence === 'certain' && subscribe.client.confidence === 'certain' ? 'certain' : 'likely',
          message: `${subscribe.client.receiverText} subscribes on line ${subscribe.call.start.line + 1}, and a subscribed connection cannot run ${call.command.toUpperCase()}; use a separate client (duplicate()) for subscriptions.`,
        });
      }
    }
  },
};
