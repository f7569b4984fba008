import type { ArgFact, CallFact } from '../extract/facts';
import type { Rule } from './ruleTypes';

/** The script argument of an EVAL / SCRIPT LOAD / defineCommand call. */
function scriptArg(call: CallFact): ArgFact | undefined {
  switch (call.command) {
    case 'eval':
    case 'evalro':
    case 'eval_ro':
    case 'scriptload':
      return call.args[0];
    case 'script':
      return call.args[0]?.kind === 'string' && call.args[0].value.toLowerCase() === 'load' ? call.args[1] : undefined;
    case 'definecommand': {
      const options = call.args[1];
      return options?.kind === 'object' ? options.props?.find((p) => p.key === 'lua')?.value : undefined;
    }
    default:
      return undefined;
  }
}

export const dynamicLua: Rule = {
  meta: {
    id: 'dynamic-lua',
    title: 'Lua script built at run time',
    why: 'Every distinct script text is compiled and cached by the server; values belong in KEYS and ARGV, not in the script.',
    defaultSeverity: 'info',
    testSeverity: 'info',
    fixable: false,
    fixAllSafe: false,
  },
  check(ctx) {
    for (const call of ctx.calls) {
      const script = scriptArg(call);
      if (!script) continue;
      const dynamic = (script.kind === 'template' && script.dynamic) || script.kind === 'concat';
      if (!dynamic) continue;
      ctx.report({
        span: script.span,
        confidence: call.client.confidence,
        message: 'This Lua script is built from run-time values, so the server caches a new script for each; pass values through KEYS/ARGV.',
      });
    }
  },
};
