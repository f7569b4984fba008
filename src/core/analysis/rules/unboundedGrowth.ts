import type { ArgFact, CallFact } from '../extract/facts';
import { EXPIRE_COMMANDS } from '../extract/commands';
import { SHRINKING_COMMANDS, TWO_KEYS_COMMANDS } from '../extract/ruleCommands';
import type { Rule } from './ruleTypes';
import { keyText } from './ttlFacts';

const GROWING = new Set(['lpush', 'rpush', 'zadd', 'xadd']);

/**
 * Reads that keep the elements. A list or sorted set that the file only adds to is usually a queue
 * whose consumer lives elsewhere; one it also reads back is a log, a history or a leaderboard.
 */
const READS_BACK = new Set(['lrange', 'llen', 'lindex', 'zrange', 'zrevrange', 'zrangebyscore', 'zrevrangebyscore', 'zcard', 'zcount', 'zscore', 'zrank', 'zrevrank']);

/**
 * The literal start of a key (`queue:` for `` `queue:${name}` ``), or null when the key is not
 * written as a literal, template or concatenation starting with a literal.
 */
function keyPrefix(key: ArgFact | undefined): string | null {
  if (!key) return null;
  if (key.kind === 'string') return key.value;
  if (key.kind === 'template') return key.text.slice(1).split('${')[0];
  if (key.kind === 'concat') return /^(['"`])([^'"`]*)\1\s*\+/.exec(key.text)?.[2] ?? null;
  return null;
}

/** Could `a` and `b` name the same key? Only provably different literal prefixes say no. */
function mayBeSameKey(a: ArgFact, b: ArgFact | undefined): boolean {
  if (!b) return true;
  if (keyText(a) !== null && keyText(a) === keyText(b)) return true;
  const pa = keyPrefix(a);
  const pb = keyPrefix(b);
  if (pa === null || pb === null) return true;
  const exactA = a.kind === 'string';
  const exactB = b.kind === 'string';
  if (exactA && exactB) return pa === pb;
  return exactA ? pa.startsWith(pb) : exactB ? pb.startsWith(pa) : pa.startsWith(pb) || pb.startsWith(pa);
}

/**
 * XADD with MAXLEN/MINID trims as it adds: ioredis writes the options before the id
 * (`'MAXLEN', '~', 1000, '*'`), node-redis in an options object (`{ TRIM: … }`). Options we cannot
 * read count as trimming.
 */
function trimsItself(call: CallFact): boolean {
  const idIndex = call.args.findIndex((a, i) => i > 0 && a.kind === 'string' && /^(?:\*|\d+(?:-(?:\d+|\*))?)$/.test(a.value));
  const options = idIndex > 0 ? call.args.slice(1, idIndex) : [];
  if (options.some((a) => a.kind !== 'number' && (a.kind !== 'string' || /^(?:maxlen|minid)$/i.test(a.value)))) return true;
  return call.args.some((a) => a.kind === 'spread' || (a.kind === 'object' && (a.props === null || a.props.some((p) => /^(?:trim|maxlen|minid)$/i.test(p.key)))));
}

/** Keys a shrinking or expiring call touches. */
function touchedKeys(call: CallFact): Array<ArgFact | undefined> {
  if (TWO_KEYS_COMMANDS.has(call.command)) return [call.args[0], call.args[1]];
  if (call.command === 'del' || call.command === 'unlink') return call.args.length ? call.args : [undefined];
  return [call.args[0]];
}

export const unboundedGrowth: Rule = {
  meta: {
    id: 'unbounded-growth',
    title: 'A list, sorted set or stream that only grows',
    why: 'A collection that is only ever added to, never trimmed, popped, deleted or expired, grows until the server runs out of memory.',
    defaultSeverity: 'info',
    testSeverity: 'off',
    fixable: false,
    fixAllSafe: false,
  },
  check(ctx) {
    const shrinking = ctx.calls.filter((c) => SHRINKING_COMMANDS.has(c.command) || EXPIRE_COMMANDS.has(c.command));
    // Scripts may trim anything they are given.
    if (ctx.calls.some((c) => c.command === 'eval' || c.command === 'evalsha' || c.command === 'fcall' || c.command === 'definecommand')) return;
    const reported = new Set<string>();
    for (const call of ctx.calls) {
      const key = call.args[0];
      if (!GROWING.has(call.command) || !key || keyPrefix(key) === null) continue;
      if (call.command === 'xadd' && trimsItself(call)) continue;
      // Streams are read with XREAD(GROUP), which never removes entries: only lists and sets need a read-back.
      const readBack = ctx.calls.some((c) => READS_BACK.has(c.command) && keyPrefix(c.args[0]) !== null && mayBeSameKey(key, c.args[0]));
      if (call.command !== 'xadd' && !readBack) continue;
      if (shrinking.some((s) => touchedKeys(s).some((k) => mayBeSameKey(key, k)))) continue;
      const id = keyText(key) ?? '';
      if (reported.has(id)) continue;
      reported.add(id);
      ctx.report({
        span: call.report,
        confidence: call.client.confidence,
        message: `Nothing in this file trims, pops, deletes or expires this ${call.command === 'xadd' ? 'stream' : call.command === 'zadd' ? 'sorted set' : 'list'}, so it grows without bound; bound it (${call.command === 'xadd' ? 'XADD MAXLEN ~ n' : call.command === 'zadd' ? 'ZREMRANGEBYRANK' : 'LTRIM'}) or give it a TTL.`,
        severityCap: 'info',
      });
    }
  },
};
