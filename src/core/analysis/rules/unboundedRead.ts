import type { ArgFact, CallFact } from '../extract/facts';
import type { Rule } from './ruleTypes';
import { keyFactOf, keyText, keyTextId, namedTemplate } from './callFacts';

const WHOLE_COLLECTION: Record<string, string> = {
  hgetall: 'HGETALL returns the whole hash in one reply; on big hashes iterate with HSCAN.',
  smembers: 'SMEMBERS returns the whole set in one reply; on big sets iterate with SSCAN.',
  hkeys: 'HKEYS returns every field of the hash in one reply; on big hashes iterate with HSCAN.',
  hvals: 'HVALS returns every value of the hash in one reply; on big hashes iterate with HSCAN.',
};

const isText = (arg: ArgFact | undefined, text: string): boolean => arg !== undefined && arg.text.replace(/\s+/g, '') === text;

/** The bounds (lowest first for the forward command) that take in every score. */
const BY_SCORE: Record<string, [string, string]> = { zrangebyscore: ['-inf', '+inf'], zrevrangebyscore: ['+inf', '-inf'] };

/** `'-inf'`, `"+inf"`, `-Infinity` (node-redis numbers). */
function isInfinite(arg: ArgFact | undefined, bound: string): boolean {
  if (!arg) return false;
  const text = arg.text.replace(/\s+/g, '').replace(/^['"`]|['"`]$/g, '').toLowerCase();
  const negative = bound.startsWith('-');
  return negative ? text === '-inf' || text === '-infinity' : text === '+inf' || text === 'inf' || text === 'infinity' || text === '+infinity';
}

/** A `'LIMIT', offset, count` token or node-redis's `{ LIMIT: { offset, count } }`. */
function hasLimit(rest: readonly ArgFact[]): boolean {
  return rest.some((a) => /limit/i.test(a.text));
}

/**
 * Ranges whose bounds take in every entry, and the option that would bound the reply: a stream from its
 * first to its last ID (`XRANGE key - +`, `XREVRANGE key + -`) and a sorted set over every member by lex.
 */
const OPEN_RANGES: Record<string, { bounds: [string, string]; option: RegExp; what: string; instead: string }> = {
  xrange: { bounds: ['-', '+'], option: /count/i, what: 'stream', instead: 'add COUNT and read on from the last ID' },
  xrevrange: { bounds: ['+', '-'], option: /count/i, what: 'stream', instead: 'add COUNT and read on from the last ID' },
  zrangebylex: { bounds: ['-', '+'], option: /limit/i, what: 'sorted set', instead: 'add LIMIT offset count or read a bounded lex range' },
  zrevrangebylex: { bounds: ['+', '-'], option: /limit/i, what: 'sorted set', instead: 'add LIMIT offset count or read a bounded lex range' },
};

function openRangeMessage(command: string, args: readonly ArgFact[]): string | undefined {
  const range = OPEN_RANGES[command];
  if (!range || !isQuoted(args[1], range.bounds[0]) || !isQuoted(args[2], range.bounds[1]) || args.slice(3).some((a) => range.option.test(a.text))) return undefined;
  const option = range.what === 'stream' ? 'COUNT' : 'LIMIT';
  return `${command.toUpperCase()} ${range.bounds.join(' ')} with no ${option} returns the whole ${range.what} in one reply; ${range.instead}.`;
}

/** A string literal holding exactly `value` (`'-'`, `"+"`). */
function isQuoted(arg: ArgFact | undefined, value: string): boolean {
  return arg !== undefined && /^(['"`])(.*)\1$/.test(arg.text.trim()) && arg.text.trim().slice(1, -1) === value;
}

/**
 * A key that ends in a run-time id (`` `job:${id}` ``, `'user:' + id`, a local holding one, a bare `guildId` on a client
 * whose `keyPrefix` names the collection) names one record — a hash of a few fields, a small per-entity set — not a
 * collection that grows without bound.
 */
function namesOneRecord(call: CallFact, key: ArgFact | undefined): boolean {
  if (!key) return false;
  const text = key.text.replace(/\s+/g, '');
  if (key.kind === 'template') return /\}`$/.test(text);
  if (key.kind === 'concat') return /\+[\w$.]+(?:\([^()]*\))?$/.test(text);
  if (key.kind !== 'other') return false;
  // `for (const key of await redis.keys('run:*')) await redis.hgetall(key)`: each key found is one record.
  if (key.listed) return true;
  // `const key = \`quote:${symbol}\``: the key as built.
  const template = keyFactOf(call, key)?.template;
  if (template && !template.includes('{?}') && /[\p{L}\p{N}]/u.test(template.replace(/\{[^{}]*\}/g, '')) && /\}$/.test(template)) return true;
  // `guildId`, `user_id`, `job.id` (not `valid`).
  if (/^[\w$.]*(?:(?:^|[._])id|[a-z0-9](?:Id|ID))$/.test(text)) return true;
  // `getKey('job:' + id)`, `keys.job(id)`, `this.key(\`job:${id}\`)`: a key built by a helper from an id.
  return /\((?:[^()]*[+,]\s*)?[\w$.]*(?:id|Id|ID)\)$/.test(text) || /\(`[^`]*\}`\)$/.test(text);
}

/** A field named like an item's id (`id`, `messageId`, `item.id`): one field per item. */
const ITEM_FIELD = /^[\w$.]*(?:(?:^|[._])id|[a-z0-9](?:Id|ID))$/;

/**
 * A hash the file fills one field per item (`hset(\`group:${groupId}\`, id, json)`): though its key ends in an id, it
 * grows with the items, unlike one record's fields.
 */
function filledPerItem(read: CallFact, calls: readonly CallFact[]): boolean {
  const template = read.keys?.[0]?.template;
  if (!template || (read.command !== 'hgetall' && read.command !== 'hvals' && read.command !== 'hkeys')) return false;
  return calls.some((c) => (c.command === 'hset' || c.command === 'hsetnx') && c.keys?.[0]?.template === template && c.args[1]?.kind === 'other' && ITEM_FIELD.test(c.args[1].text.replace(/\s+/g, '')));
}

/** Commands that cap a collection's size, by the reads they make bounded (LTRIM keeps a list to its last n items). */
const CAPPED_BY: Record<string, ReadonlySet<string>> = {
  lrange: new Set(['ltrim']),
  zrange: new Set(['zremrangebyrank', 'zremrangebyscore']),
  zrevrange: new Set(['zremrangebyrank', 'zremrangebyscore']),
  zrangebyscore: new Set(['zremrangebyrank', 'zremrangebyscore']),
  zrevrangebyscore: new Set(['zremrangebyrank', 'zremrangebyscore']),
  xrange: new Set(['xtrim']),
  xrevrange: new Set(['xtrim']),
};

const GROWS = new Set(['lpush', 'rpush', 'lpushx', 'rpushx', 'zadd', 'xadd']);

/**
 * The file keeps the read key to a size: it adds and then trims in one place (`lpush(FEED, m)` then `ltrim(FEED, 0, 50)`,
 * `zadd` then `zremrangebyrank(key, 0, -101)`), or adds with `XADD … MAXLEN`. A trim alone (a generic wrapper's
 * `removeByRank`, a consumer dropping what it took) bounds nothing.
 */
function cappedKeys(calls: readonly CallFact[]): Set<string> {
  const out = new Set<string>();
  const grown = new Map<string, number>();
  for (const call of calls) {
    if (!GROWS.has(call.command)) continue;
    // `XADD key MAXLEN ~ 1000 * …` trims as it adds.
    if (call.command === 'xadd' && call.args.slice(1).some((a) => /maxlen|minid|trim/i.test(a.text))) for (const id of keyIds(call)) out.add(`xtrim|${id}`);
    for (const id of keyIds(call)) grown.set(`${call.scopeKey}|${id}`, Math.min(grown.get(`${call.scopeKey}|${id}`) ?? Infinity, call.order));
  }
  for (const call of calls) {
    const caps = (call.command === 'ltrim' && keepsWindow(call)) || call.command === 'xtrim' || call.command === 'zremrangebyrank' || call.command === 'zremrangebyscore';
    if (!caps) continue;
    for (const id of keyIds(call)) if ((grown.get(`${call.scopeKey}|${id}`) ?? Infinity) < call.order) out.add(`${call.command}|${id}`);
  }
  return out;
}

/**
 * `LTRIM key 0 n` or `LTRIM key -n -1` keeps a window of n items; `LTRIM key done -1` drops what a consumer took from
 * the front of a queue, which bounds nothing.
 */
function keepsWindow(call: CallFact): boolean {
  const [, start, end] = call.args.map((a) => a.text.replace(/\s+/g, ''));
  return (start === '0' && end !== '-1') || (end === '-1' && start !== undefined && start.startsWith('-'));
}

function keyIds(call: CallFact): string[] {
  const key = call.args[0];
  const text = keyText(key);
  const template = namedTemplate(keyFactOf(call, key));
  return [...(text !== null ? [`text:${keyTextId(call, text)}`] : []), ...(template ? [`template:${template}`] : [])];
}

function isCapped(call: CallFact, capped: ReadonlySet<string>): boolean {
  const by = CAPPED_BY[call.command];
  return !!by && keyIds(call).some((id) => [...by].some((command) => capped.has(`${command}|${id}`)));
}

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
    let capped: Set<string> | undefined;
    for (const call of ctx.calls) {
      // HGETALL/SMEMBERS/HKEYS/HVALS mostly read one record's fields: only worth a hint on a client we are sure of.
      let message = call.client.confidence === 'certain' ? WHOLE_COLLECTION[call.command] : undefined;
      if (!message && (call.command === 'lrange' || call.command === 'zrange' || call.command === 'zrevrange') && isText(call.args[1], '0') && isText(call.args[2], '-1')) {
        const name = call.command.toUpperCase();
        message = `${name} 0 -1 returns the whole ${call.command === 'lrange' ? 'list' : 'sorted set'} in one reply; read a bounded range${call.command === 'lrange' ? '' : ' or iterate with ZSCAN'}.`;
      }
      // `zrevrangebyscore(key, '+inf', '-inf')` with no LIMIT: every member, whatever the scores.
      if (!message && BY_SCORE[call.command] && isInfinite(call.args[1], BY_SCORE[call.command][0]) && isInfinite(call.args[2], BY_SCORE[call.command][1]) && !hasLimit(call.args.slice(3))) {
        message = `${call.command.toUpperCase()} over ${BY_SCORE[call.command].join(' … ')} with no LIMIT returns the whole sorted set in one reply; add LIMIT offset count or read a bounded score range.`;
      }
      // `xrange(key, '-', '+')` with no COUNT: every entry the stream holds.
      if (!message) message = openRangeMessage(call.command, call.args);
      // One record's hash or set (`hgetall(\`job:${id}\`)`); a list, sorted set or stream per id (a chat history) still grows.
      const oneRecord = WHOLE_COLLECTION[call.command] !== undefined && namesOneRecord(call, call.args[0]) && !filledPerItem(call, ctx.calls);
      if (!message || oneRecord || isCapped(call, (capped ??= cappedKeys(ctx.calls)))) continue;
      ctx.report({ span: call.report, confidence: call.client.confidence, message });
    }
  },
};
