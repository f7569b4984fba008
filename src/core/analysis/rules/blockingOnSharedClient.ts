import type { CallFact, CreationFact } from '../extract/facts';
import { BLOCKING_COMMANDS, STREAM_READS } from '../extract/ruleCommands';
import type { Rule } from './ruleTypes';
import { callsByConnection, isIsolated } from './clientUse';

/** XREAD / XREADGROUP block only with a BLOCK option (`'BLOCK', ms` or `{ BLOCK: ms }`); an isolated command blocks its own connection. */
function blocks(call: CallFact): boolean {
  if (isIsolated(call)) return false;
  if (BLOCKING_COMMANDS.has(call.command)) return true;
  if (!STREAM_READS.has(call.command)) return false;
  return call.args.some(
    (a) => (a.kind === 'string' && a.value.toUpperCase() === 'BLOCK') || (a.kind === 'object' && (a.props ?? []).some((p) => p.key.toUpperCase() === 'BLOCK')),
  );
}

/** `other` is awaited in the blocking call's own loop, in the same function: the loop sends one command at a time. */
function awaitedInSameLoop(other: CallFact, blocking: CallFact): boolean {
  return other.awaited && !!other.loop && other.scopeKey === blocking.scopeKey && other.loop.statement.start.offset === blocking.loop?.statement.start.offset;
}

/** The file creates the client it blocks on (`this.blocking = new Redis(opts)`, read as `blocking` or `this.blocking`). */
function createdHere(call: CallFact, creations: readonly CreationFact[]): boolean {
  const name = lastName(call.client.receiverText);
  return creations.some((c) => !!c.bindingText && lastName(c.bindingText) === name);
}

function lastName(text: string): string {
  return text.replace(/\s+/g, '').split('.').pop() ?? '';
}

export const blockingOnSharedClient: Rule = {
  meta: {
    id: 'blocking-on-shared-client',
    title: 'Blocking command on a client that also runs other commands',
    why: 'BLPOP, BLMOVE, XREAD BLOCK and the like hold the connection until data arrives, so every other command queued on that client waits behind them.',
    defaultSeverity: 'warning',
    testSeverity: 'info',
    fixable: false,
    fixAllSafe: false,
  },
  check(ctx) {
    for (const calls of callsByConnection(ctx.calls, ctx.text).values()) {
      const others = calls.filter((c) => !blocks(c) && !isIsolated(c));
      if (others.length === 0) continue;
      for (const call of calls) {
        if (!blocks(call)) continue;
        // A consumer loop's own steps (`await xautoclaim(…)`, then `await xreadgroup(… BLOCK …)`) on a connection the
        // file opened for it never wait behind it; on a client handed out by the app (`getClient()`) the rest of the app does.
        const own = createdHere(call, ctx.creations);
        const other = others.find((o) => !own || !awaitedInSameLoop(o, call));
        if (!other) continue;
        ctx.report({
          span: call.report,
          confidence: call.client.confidence === 'certain' && other.client.confidence === 'certain' ? 'certain' : 'likely',
          message: `${call.command.toUpperCase()} blocks ${call.client.receiverText}, which this module also uses for ${other.command.toUpperCase()} (line ${other.call.start.line + 1}); those commands wait until it returns. Block on a dedicated connection from duplicate().`,
        });
      }
    }
  },
};
