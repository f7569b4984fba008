/**
 * What a Redis Lua script does with keys, read from its source: `redis.call('KEYS', …)`, and key
 * commands whose key is a literal or built from ARGV instead of coming from KEYS[]. Shared by the
 * keys-in-lua rule (scripts written in JavaScript strings) and the analysis of `.lua` files.
 */
import { ALL_KEYS_COMMANDS, TWO_KEYS_COMMANDS } from '../extract/ruleCommands';
import { luaCallAt } from './luaCalls';

/** Commands whose first argument (after the name) is a key, as Lua scripts call them. */
const KEYED = new Set(
  'get set setex psetex setnx getset getdel getex incr incrby incrbyfloat decr decrby append strlen del unlink exists expire pexpire expireat pexpireat persist ttl pttl type hget hset hsetnx hmset hmget hdel hgetall hincrby hincrbyfloat hexists hlen hkeys hvals sadd srem smembers sismember scard spop lpush rpush lpop rpop lrange llen lindex lset ltrim lrem zadd zrem zscore zincrby zrange zrangebyscore zrevrange zcard zcount zremrangebyscore zremrangebyrank zpopmin zpopmax xadd xtrim xdel xlen xrange pfadd pfcount'.split(' '),
);

/** `redis.call` / `redis.pcall`, and Valkey's `server.call` / `server.pcall`. */
const CALLER = '(?:redis|server)\\s*\\.\\s*p?call';
const CALL_RE = new RegExp(`${CALLER}\\s*\\(`, 'g');
const ALIAS_RE = new RegExp(`\\blocal\\s+([A-Za-z_]\\w*)\\s*=\\s*${CALLER}\\b`, 'g');
const LOCAL_RE = /\blocal\s+([A-Za-z_]\w*)\s*=\s*([^\n;]*)/g;
const REPLY_RE = new RegExp(`${CALLER}\\s*\\(`);
/** `repeat … until`, `while … do`: a loop around the script's calls. */
const LOOP_RE = /\brepeat\b[\s\S]*\buntil\b|\bwhile\b[\s\S]*\bdo\b/;

export interface LuaProblem {
  /** Offsets in the script of the offending call. */
  start: number;
  end: number;
  message: string;
  /** `walk`: KEYS or a SCAN loop (each call blocks the server); `undeclared`: a key not passed in through KEYS[]. */
  kind: 'walk' | 'undeclared';
}

/** Does the text call Redis from Lua (a script meant for EVAL, SCRIPT LOAD or FUNCTION LOAD)? */
export function callsRedis(lua: string): boolean {
  return new RegExp(`${CALLER}\\s*\\(`).test(lua);
}

/** A FUNCTION LOAD library (`#!lua name=…`, `redis.register_function`): keys come in as the function's `keys` parameter. */
export function isFunctionLibrary(lua: string): boolean {
  return /^#!lua\b/.test(lua) || /\b(?:redis|server)\s*\.\s*register_function\b/.test(lua);
}

/** Every problem of the script, in order: KEYS inside it, and keys that do not come from KEYS[] / the keys parameter. */
export function luaProblems(source: string, isLibrary: boolean): LuaProblem[] {
  const lua = withoutComments(source);
  const locals = luaLocals(lua, isLibrary);
  const calls = callPattern(lua);
  const out: LuaProblem[] = [];
  calls.lastIndex = 0;
  for (let m = calls.exec(lua); m; m = calls.exec(lua)) {
    const call = luaCallAt(lua, m.index + m[0].length - 1);
    const at = { start: m.index, end: call.end };
    const name = /^(['"])([A-Za-z]+)\1$/.exec(call.args[0] ?? '')?.[2];
    if (!name) continue;
    const command = name.toLowerCase();
    if (command === 'keys') {
      out.push({ ...at, kind: 'walk', message: 'The script runs KEYS, which blocks the server for the whole keyspace walk; pass the keys in, or SCAN outside the script.' });
      continue;
    }
    // A cursor loop inside a script walks the whole keyspace in one atomic call: KEYS by another name.
    if (command === 'scan' && LOOP_RE.test(lua)) {
      out.push({ ...at, kind: 'walk', message: 'The script loops over SCAN, walking the whole keyspace in one atomic call that blocks the server like KEYS (and touches keys it was not given); SCAN from the client and pass the keys in.' });
      continue;
    }
    for (const key of keyArguments(command, call.args.slice(1))) {
      const origin = undeclaredOrigin(key, isLibrary, locals);
      if (origin === null) continue;
      out.push({ ...at, kind: 'undeclared', message: `The script's ${command.toUpperCase()} uses the key ${key}${origin} that is not passed in through KEYS; undeclared keys break on Cluster (wrong slot) and in scripts the server cannot route.` });
      break;
    }
  }
  return out;
}

/** The key arguments of a call: every argument of MGET/DEL/SUNIONSTORE…, the first two of RENAME/SMOVE/LMOVE…, else the first. */
function keyArguments(command: string, args: readonly string[]): readonly string[] {
  if (ALL_KEYS_COMMANDS.has(command)) return args;
  if (TWO_KEYS_COMMANDS.has(command)) return args.slice(0, 2);
  return KEYED.has(command) ? args.slice(0, 1) : [];
}

/**
 * Why a key is not one the script was given — '' for a literal (`'queue'`), `(built from ARGV)`, `(a name of its own)`
 * for a literal prefix joined to a value (`'jobs:' .. id`) — or null when it comes from KEYS[] or cannot be told.
 */
function undeclaredOrigin(key: string, isLibrary: boolean, locals: LuaLocals): string | null {
  // A key spliced in with ${…} is dynamic-lua's finding.
  if (key.includes('${')) return null;
  if (/^(['"])[^'"]*\1$/.test(key)) return '';
  if (fromKeys(key, isLibrary, locals)) return null;
  if (fromArguments(key, isLibrary, locals)) return ` (built from ${isLibrary ? 'the arguments' : 'ARGV'})`;
  return OWN_NAME_RE.test(key) || locals.named?.test(key) ? ' (a name of its own)' : null;
}

/** A literal prefix joined to a value (`'jobs:' .. id`): a key the script names itself. */
const OWN_NAME_RE = /^(['"])[^'"]*\1\s*\.\./;

/** Lua comments (`-- …`, `--[[ … ]]`) blanked out, offsets kept: a commented-out call is no call. */
function withoutComments(lua: string): string {
  if (!lua.includes('--')) return lua;
  return lua.replace(/--\[(=*)\[[\s\S]*?\]\1\]|--[^\n]*|(['"])(?:\\.|(?!\2)[^\\\n])*\2/g, (m, _eq, quote) => (quote ? m : m.replace(/[^\n]/g, ' ')));
}

/** `redis.call(`, and `rcall(` after `local rcall = redis.call` (a common Lua idiom); the match ends at the `(`. */
function callPattern(lua: string): RegExp {
  const aliases = [...lua.matchAll(ALIAS_RE)].map((m) => m[1]);
  if (aliases.length === 0) return CALL_RE;
  return new RegExp(`(?:${CALLER}|(?<![\\w.])(?:${aliases.join('|')}))\\s*\\(`, 'g');
}

interface LuaLocals {
  /** Locals built from KEYS[] (or from such a local): keys the caller declared, or derived from one. */
  keys: RegExp | null;
  /** Locals built from ARGV[] and no key (`local prefix = ARGV[2]`, `local k = prefix .. id`). */
  args: RegExp | null;
  /** Locals that name a key of their own: a literal prefix joined to a value (`local k = 'b_' .. id .. '_running'`). */
  named: RegExp | null;
}

const namesPattern = (names: readonly string[]): RegExp | null => (names.length ? new RegExp(`(?<![\\w.])(?:${names.join('|')})(?!\\w)`) : null);

/** What each `local x = …` of the script holds, in the order they are written. */
function luaLocals(lua: string, isLibrary: boolean): LuaLocals {
  const keys: string[] = [];
  const args: string[] = [];
  const named: string[] = [];
  const locals: LuaLocals = { keys: null, args: null, named: null };
  for (const m of lua.matchAll(LOCAL_RE)) {
    // `local jobs = redis.call('HGETALL', KEYS[1])`: a reply is data, not a key the caller declared.
    if (REPLY_RE.test(m[2])) continue;
    if (fromKeys(m[2], isLibrary, locals)) {
      keys.push(m[1]);
      locals.keys = namesPattern(keys);
    } else if (fromArguments(m[2], isLibrary, locals)) {
      args.push(m[1]);
      locals.args = namesPattern(args);
    } else if (OWN_NAME_RE.test(m[2].trim())) {
      named.push(m[1]);
      locals.named = namesPattern(named);
    }
  }
  return locals;
}

function fromKeys(expr: string, isLibrary: boolean, locals: LuaLocals): boolean {
  return /\bKEYS\s*\[/.test(expr) || (isLibrary && /\bkeys\s*\[/.test(expr)) || !!locals.keys?.test(expr);
}

function fromArguments(expr: string, isLibrary: boolean, locals: LuaLocals): boolean {
  return /\bARGV\s*\[/.test(expr) || (isLibrary && /\bargs\s*\[/.test(expr)) || !!locals.args?.test(expr);
}
