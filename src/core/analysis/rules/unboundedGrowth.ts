import type { ArgFact, CallFact } from '../extract/facts';
import { EXPIRE_COMMANDS } from '../extract/commands';
import { SHRINKING_COMMANDS, TWO_KEYS_COMMANDS } from '../extract/ruleCommands';
import type { Rule } from './ruleTypes';
import { keyText } from './callFacts';
import { collectionOf, templateGlob } from '../clients/keyUse';

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

/**
 * Keys as written, answering "could one of them name the same key as this one?" without comparing
 * every pair: only provably different literal prefixes say no. A literal names exactly one key;
 * a template or concatenation any key that starts with its literal prefix.
 */
class KeyIndex {
  private readonly texts = new Set<string>();
  private readonly literals = new Set<string>();
  private readonly templatePrefixes = new Set<string>();
  /** Every prefix (literal or template), sorted, to find those that start with a given one. */
  private readonly sorted: string[];

  constructor(keys: ReadonlyArray<ArgFact | undefined>) {
    for (const key of keys) {
      const text = keyText(key);
      const prefix = keyPrefix(key);
      if (text !== null) this.texts.add(text);
      if (prefix === null) continue;
      if (key?.kind === 'string') this.literals.add(prefix);
      else this.templatePrefixes.add(prefix);
    }
    this.sorted = [...this.literals, ...this.templatePrefixes].sort();
  }

  mayContain(key: ArgFact): boolean {
    const text = keyText(key);
    if (text !== null && this.texts.has(text)) return true;
    const prefix = keyPrefix(key) ?? '';
    // A template whose prefix starts this key's literal part may produce it.
    for (let i = 0; i <= prefix.length; i++) if (this.templatePrefixes.has(prefix.slice(0, i))) return true;
    if (key.kind === 'string') return this.literals.has(prefix);
    // This key is a template: anything starting with its prefix may be one of its values.
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.sorted.length && this.sorted[lo].startsWith(prefix);
  }
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
    // Scripts may trim anything they are given.
    if (ctx.calls.some((c) => c.command === 'eval' || c.command === 'evalsha' || c.command === 'fcall' || c.command === 'definecommand')) return;
    const shrinkingKeys = ctx.calls.filter((c) => SHRINKING_COMMANDS.has(c.command) || EXPIRE_COMMANDS.has(c.command)).flatMap(touchedKeys);
    // A key we cannot read could be any key: nothing is reported then.
    if (shrinkingKeys.some((k) => k === undefined || keyPrefix(k) === null)) return;
    const shrunk = new KeyIndex(shrinkingKeys);
    const readBack = new KeyIndex(ctx.calls.filter((c) => READS_BACK.has(c.command)).map((c) => c.args[0]));
    // Each key expression is judged once, however often it is written to.
    const judged = new Set<string>();
    for (const call of ctx.calls) {
      const key = call.args[0];
      if (!GROWING.has(call.command) || !key || keyPrefix(key) === null) continue;
      if (call.command === 'xadd' && trimsItself(call)) continue;
      const id = `${call.command === 'xadd' ? 'stream' : 'collection'}:${keyText(key) ?? ''}`;
      if (judged.has(id)) continue;
      judged.add(id);
      // Streams are read with XREAD(GROUP), which never removes entries: only lists and sets need a read-back.
      if (call.command !== 'xadd' && !readBack.mayContain(key)) continue;
      if (shrunk.mayContain(key)) continue;
      // A consumer in another file (a worker that pops the queue, a job that trims the log).
      const template = call.keys?.[0]?.template;
      if (template && ctx.shrunkElsewhere?.(templateGlob(template), collectionOf(call.command))) continue;
      ctx.report({
        span: call.report,
        confidence: call.client.confidence,
        message: `Nothing in the workspace trims, pops, deletes or expires this ${call.command === 'xadd' ? 'stream' : call.command === 'zadd' ? 'sorted set' : 'list'}, so it grows without bound; bound it (${call.command === 'xadd' ? 'XADD MAXLEN ~ n' : call.command === 'zadd' ? 'ZREMRANGEBYRANK' : 'LTRIM'}) or give it a TTL.`,
        severityCap: 'info',
      });
    }
  },
};
