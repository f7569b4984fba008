import type { ArgFact, CallFact } from '../extract/facts';
import type { Rule } from './ruleTypes';
import { luaProblems } from '../lua/luaScript';

/** The Lua source of EVAL / SCRIPT LOAD / defineCommand / node-redis's defineScript / FUNCTION LOAD, as far as it is written down. */
function luaSource(call: CallFact): ArgFact | undefined {
  switch (call.command) {
    case 'definescript':
    case 'eval':
    case 'evalro':
    case 'eval_ro':
    case 'scriptload':
    case 'functionload':
      return call.args[0];
    case 'script':
      return isLoad(call) ? commandArgs(call)[1] : undefined;
    case 'function':
      // FUNCTION LOAD [REPLACE] code
      return isLoad(call) ? commandArgs(call)[commandArgs(call).length - 1] : undefined;
    case 'definecommand': {
      const options = call.args[1];
      return options?.kind === 'object' ? options.props?.find((p) => p.key === 'lua')?.value : undefined;
    }
    default:
      return undefined;
  }
}

/** The arguments after the command, also when a raw send passes them as one array (`send_command('SCRIPT', ['LOAD', lua])`). */
function commandArgs(call: CallFact): readonly ArgFact[] {
  const [only] = call.args;
  return call.args.length === 1 && only.kind === 'array' ? only.elements : call.args;
}

function isLoad(call: CallFact): boolean {
  const first = commandArgs(call)[0];
  return first?.kind === 'string' && first.value.toLowerCase() === 'load';
}

function scriptText(arg: ArgFact): string | null {
  if (arg.kind === 'string') return arg.value;
  if (arg.kind === 'template') return arg.text.slice(1, -1);
  if (arg.kind === 'other' && arg.literal !== undefined) return arg.literal;
  return null;
}


export const keysInLua: Rule = {
  meta: {
    id: 'keys-in-lua',
    title: 'KEYS or undeclared keys inside a Lua script',
    why: 'A script that runs KEYS blocks the server, and a script that touches keys it was not given through KEYS[] breaks on Cluster and defeats key routing.',
    defaultSeverity: 'warning',
    testSeverity: 'info',
    fixable: false,
    fixAllSafe: false,
  },
  check(ctx) {
    for (const call of ctx.calls) {
      const source = luaSource(call);
      const lua = source ? scriptText(source) : null;
      if (!source || lua === null) continue;
      const isLibrary = call.command === 'functionload' || call.command === 'function';
      // One finding per script, on the string: a keyspace walk first (it blocks the server), else its first problem.
      const problems = luaProblems(lua, isLibrary);
      const problem = problems.find((p) => p.kind === 'walk') ?? problems[0];
      if (problem) ctx.report({ span: source.span, confidence: call.client.confidence, message: problem.message });
    }
  },
};
