import type { ArgFact, CallFact } from '../extract/facts';
import type { Rule } from './ruleTypes';

/** Commands whose first argument (after the name) is a key, as Lua scripts call them. */
const KEYED = new Set(
  'get set setex psetex setnx getset getdel getex incr incrby incrbyfloat decr decrby append strlen del unlink exists expire pexpire expireat pexpireat persist ttl pttl type hget hset hsetnx hmset hmget hdel hgetall hincrby hincrbyfloat hexists hlen hkeys hvals sadd srem smembers sismember scard spop lpush rpush lpop rpop lrange llen lindex lset ltrim lrem zadd zrem zscore zincrby zrange zrangebyscore zrevrange zcard zcount zremrangebyscore zremrangebyrank zpopmin zpopmax xadd xtrim xdel xlen xrange pfadd pfcount'.split(' '),
);

/** The Lua source of EVAL / SCRIPT LOAD / defineCommand / FUNCTION LOAD, as far as it is written down. */
function luaSource(call: CallFact): ArgFact | undefined {
  switch (call.command) {
    case 'eval':
    case 'evalro':
    case 'eval_ro':
    case 'scriptload':
    case 'functionload':
      return call.args[0];
    case 'script':
      return isLoad(call) ? call.args[1] : undefined;
    case 'function':
      // FUNCTION LOAD [REPLACE] code
      return isLoad(call) ? call.args[call.args.length - 1] : undefined;
    case 'definecommand': {
      const options = call.args[1];
      return options?.kind === 'object' ? options.props?.find((p) => p.key === 'lua')?.value : undefined;
    }
    default:
      return undefined;
  }
}

function isLoad(call: CallFact): boolean {
  return call.args[0]?.kind === 'string' && call.args[0].value.toLowerCase() === 'load';
}

function scriptText(arg: ArgFact): string | null {
  if (arg.kind === 'string') return arg.value;
  if (arg.kind === 'template') return arg.text.slice(1, -1);
  if (arg.kind === 'other' && arg.literal !== undefined) return arg.literal;
  return null;
}

const CALL_RE = /redis\.p?call\s*\(\s*(['"])([A-Za-z]+)\1\s*(?:,\s*([^,)]*))?/g;
const ALIAS_RE = /\blocal\s+([A-Za-z_]\w*)\s*=\s*redis\s*\.\s*p?call\b/g;

/** `redis.call(…)`, and `rcall(…)` after `local rcall = redis.call` (a common Lua idiom). */
function callPattern(lua: string): RegExp {
  const aliases = [...lua.matchAll(ALIAS_RE)].map((m) => m[1]);
  if (aliases.length === 0) return CALL_RE;
  return new RegExp(`(?:redis\\.p?call|(?<![\\w.])(?:${aliases.join('|')}))\\s*\\(\\s*(['"])([A-Za-z]+)\\1\\s*(?:,\\s*([^,)]*))?`, 'g');
}
const LOCAL_RE = /\blocal\s+([A-Za-z_]\w*)\s*=\s*([^\n;]*)/g;

interface LuaLocals {
  /** Locals built from KEYS[] (or from such a local): keys the caller declared, or derived from one. */
  keys: RegExp | null;
  /** Locals built from ARGV[] and no key (`local prefix = ARGV[2]`, `local k = prefix .. id`). */
  args: RegExp | null;
}

const namesPattern = (names: readonly string[]): RegExp | null => (names.length ? new RegExp(`(?<![\\w.])(?:${names.join('|')})(?!\\w)`) : null);

/** What each `local x = …` of the script holds, in the order they are written. */
function luaLocals(lua: string, isFunctionLibrary: boolean): LuaLocals {
  const keys: string[] = [];
  const args: string[] = [];
  const locals: LuaLocals = { keys: null, args: null };
  for (const m of lua.matchAll(LOCAL_RE)) {
    if (fromKeys(m[2], isFunctionLibrary, locals)) {
      keys.push(m[1]);
      locals.keys = namesPattern(keys);
    } else if (fromArguments(m[2], isFunctionLibrary, locals)) {
      args.push(m[1]);
      locals.args = namesPattern(args);
    }
  }
  return locals;
}

function fromKeys(expr: string, isFunctionLibrary: boolean, locals: LuaLocals): boolean {
  return /\bKEYS\s*\[/.test(expr) || (isFunctionLibrary && /\bkeys\s*\[/.test(expr)) || !!locals.keys?.test(expr);
}

function fromArguments(expr: string, isFunctionLibrary: boolean, locals: LuaLocals): boolean {
  return /\bARGV\s*\[/.test(expr) || (isFunctionLibrary && /\bargs\s*\[/.test(expr)) || !!locals.args?.test(expr);
}

/** The first problem in a script: KEYS inside it, or a key that does not come from KEYS[] / the keys parameter. */
function scriptProblem(lua: string, isFunctionLibrary: boolean): string | null {
  const locals = luaLocals(lua, isFunctionLibrary);
  const calls = callPattern(lua);
  calls.lastIndex = 0;
  for (let m = calls.exec(lua); m; m = calls.exec(lua)) {
    const command = m[2].toLowerCase();
    if (command === 'keys') return "The script runs KEYS, which blocks the server for the whole keyspace walk; pass the keys in, or SCAN outside the script.";
    const key = (m[3] ?? '').trim();
    if (!KEYED.has(command) || key === '') continue;
    // A key spliced in with ${…} is dynamic-lua's finding.
    const literal = /^['"]/.test(key) && !key.includes('${');
    if (literal || (!fromKeys(key, isFunctionLibrary, locals) && fromArguments(key, isFunctionLibrary, locals))) {
      const origin = literal ? '' : ` (built from ${isFunctionLibrary ? 'the arguments' : 'ARGV'})`;
      return `The script's ${command.toUpperCase()} uses the key ${key}${origin} that is not passed in through KEYS; undeclared keys break on Cluster (wrong slot) and in scripts the server cannot route.`;
    }
  }
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
      const problem = scriptProblem(lua, isLibrary);
      if (problem) ctx.report({ span: source.span, confidence: call.client.confidence, message: problem });
    }
  },
};
