import type { ArgFact, CallFact } from '../extract/facts';
import { PLACEHOLDER_TTL_SECONDS, addSetOption, callbackNodeRedis, familyOf, hasNoBatches } from '../fixes/clientForms';
import type { DraftFix, RuleContext } from './ruleTypes';
import type { Rule } from './ruleTypes';
import { keyFactOf, keyText, msetPairs, namedTemplate, setOptions, writtenKeys } from './callFacts';
import { writesDurableRecord } from './durableKeys';
import { deletedAfter, expireFollows, precedingExpire, ttlCoverage } from './ttlFacts';
import { cleanedInFile, cleanupNote, cleanupVerb } from './keyCleanup';
import { dropsPositionalOptions, positionalOptions } from './nodeRedisForms';
import { requiredToExist } from './existingKey';

const SET_LIKE = new Set(['set', 'mset', 'getset']);

export const setWithoutTtl: Rule = {
  meta: {
    id: 'set-without-ttl',
    title: 'SET without a TTL',
    why: 'Keys without a TTL are never evicted under volatile-* policies and grow memory without bound.',
    defaultSeverity: 'warning',
    testSeverity: 'off',
    fixable: true,
    fixAllSafe: true,
  },
  check(ctx) {
    for (const call of ctx.calls) {
      if (!SET_LIKE.has(call.command)) continue;
      const options = setOptions(call);
      // node-redis v4+ drops `'EX', 60, 'NX'`: the SET neither expires nor waits for NX.
      if (call.command === 'set' && options.tokens && !options.object && !options.unknown && (options.ttl || options.nx) && dropsPositionalOptions(call, ctx)) {
        reportDroppedOptions(call, options.nx, ctx);
        continue;
      }
      // NX writes are locks: setnx-lock-without-ttl reports them. XX only overwrites a key that exists: it creates none.
      if (options.unknown || options.ttl || options.keepTtl || options.nx || options.xx) continue;
      const keys = writtenKeys(call);
      // `set(k, v); if (ttl) expire(k, ttl)`: without a ttl, no TTL is the explicit choice (info); so is a TTL set by
      // another MULTI sent after this one (only a crash in between leaves none).
      let onlyWhenTtl = false;
      let separately = false;
      if (keys === null) {
        if (expireFollows(call, ctx.calls)) continue;
      } else {
        const coverage = keys.map((key) => ttlCoverage(call, key, ctx.calls, ctx.text));
        if (keys.length === 0 || coverage.every((c, i) => c === 'always' || deletedAfter(call, keys[i], ctx.calls))) continue;
        onlyWhenTtl = coverage.every((c) => c !== 'none');
        separately = coverage.some((c) => c === 'separate');
        // expire(k) then set(k): set-clears-ttl says it better.
        if (call.command !== 'mset' && precedingExpire(call, keys[0], ctx.calls)) continue;
      }
      // `const opts = {}; if (ttl) opts.EX = ttl;`: like `if (ttl) … else set(k, v)`, no TTL is the explicit choice.
      if (options.someTtl) onlyWhenTtl = true;
      const written = keys ?? [];
      // Read first, left when missing: the SET rewrites a key that is there (its creation decides its TTL), unless
      // the file gives that key a TTL elsewhere, which this SET drops.
      const rewritten = call.command === 'set' && written.length === 1 ? keyText(written[0]) : null;
      if (rewritten !== null && requiredToExist(call, rewritten, ctx.calls, ctx.text)) {
        reportRewrite(call, writtenWithTtl(call, written[0], ctx.calls), ctx);
        continue;
      }
      // Keys listed: each key's words (and the owner's); an MSET of pairs built at run time: the owner's alone (`RedisDB.saveBatch`).
      const durableWords = written.length > 0 ? written.every((key) => writesDurableRecord(call, key)) : keys === null && writesDurableRecord(call, undefined);
      // Words say "record", but the file writes the same key with a TTL elsewhere: a cache entry after all. (Not the
      // other branch of a TTL check: `if (ttl) set(k, v, 'PX', ttl) else set(k, v)` is that choice.)
      const withTtl =
        durableWords && call.command === 'set' && written.length === 1 && !call.inTtlBranch && !onlyWhenTtl ? writtenWithTtl(call, written[0], ctx.calls) : undefined;
      const durable = durableWords && !withTtl;
      // `set('last_called', …)`, `set(CONFIG_KEY, …)`: one key, however often it is written; it cannot pile up.
      const fixed =
        (written.length > 0 && written.every((key) => key.kind === 'string' || (key.kind === 'template' && !key.dynamic))) ||
        (call.keys !== undefined && call.keys.length > 0 && call.keys.every((key) => key.fixed));
      // `start()` writes the key, `finish()` deletes it: a life cycle that only a crash in between breaks.
      const cleaner = cleanedInFile(call, written, ctx.calls, ctx.text);
      const name = call.command.toUpperCase();
      const message =
        call.command === 'mset'
          ? 'MSET cannot set a TTL, so these keys never expire; use SET with EX per key (in a pipeline) or EXPIRE each key.'
          : `${name} without EX/PX creates a key that never expires; give it a TTL (or KEEPTTL) so it can be evicted.`;
      // Why a finding is only info, when the reason is a guess at intent (a ttl branch says so itself).
      const note = noteFor({ name, someTtl: options.someTtl, withTtl, durable, passThrough: call.passThrough, fixed, cleaner, separately });
      ctx.report({
        span: call.report,
        confidence: call.client.confidence,
        message: message + note,
        fixes: fixesFor(call, ctx),
        // `if (ttl) … else set(k, v)`: no TTL is a deliberate choice there (info). A store's own `set(key, value)`
        // forwarding to SET: its callers decide what their keys are (info). A record (`user:42`, an index) is
        // usually kept on purpose, but that is only read from names: a hint, there to look at, not to fix.
        // One fixed key cannot grow the keyspace, a key the file deletes elsewhere has a life cycle: worth a look (info).
        severityCap: durable ? 'hint' : call.inTtlBranch || onlyWhenTtl || call.passThrough || fixed || cleaner ? 'info' : undefined,
      });
    }
  },
};

/** A SET of a key the function read and required to exist: it creates nothing, but drops the key's TTL. */
function reportRewrite(call: CallFact, withTtl: CallFact | undefined, ctx: RuleContext): void {
  const where = withTtl ? `line ${withTtl.call.start.line + 1} gives this key a TTL, which` : 'any TTL the key had';
  const edits = addSetOption(call, { kind: 'keepttl' }, ctx.options.nodeRedisMajor);
  ctx.report({
    span: call.report,
    confidence: call.client.confidence,
    message: `SET rewrites a key read just before (the code skips the write when it is missing), and ${where} is dropped by a SET without EX/PX/KEEPTTL; pass KEEPTTL (Redis 6.0+) or the TTL again.`,
    fixes: edits ? [{ title: 'Keep the key\'s TTL (KEEPTTL, Redis 6.0+)', edits, isPreferred: true, needsReview: true }] : [],
    // Without a TTL written anywhere for it, the key likely has none to lose: worth a look, not a warning.
    severityCap: withTtl ? undefined : 'info',
  });
}

/** A node-redis v4+ SET given ioredis's positional options: sent without them. */
function reportDroppedOptions(call: CallFact, nx: boolean, ctx: RuleContext): void {
  const options = positionalOptions(call, ctx.options.nodeRedisMajor);
  if (!options) return;
  const effect = nx ? 'this SET never expires, and it overwrites the key whether it exists or not (no NX)' : 'this key never expires';
  ctx.report({
    span: call.report,
    confidence: call.client.confidence,
    message: `node-redis v4 and later read SET's options from an object and ignore ${options.written}: ${effect}.${options.object ? ` Pass ${options.object}.` : ''}`,
    fixes: options.object ? [{ title: `Pass the options as ${options.object}`, edits: options.edits, isPreferred: true }] : [],
  });
}

/** Why a finding is only info or a hint, or what makes it a warning after all: the first that applies. */
function noteFor(why: { name: string; someTtl: boolean; withTtl?: CallFact; durable: boolean; passThrough: boolean; fixed: boolean; cleaner?: CallFact; separately: boolean }): string {
  if (why.withTtl) return ` Line ${why.withTtl.call.start.line + 1} writes this key with a TTL: it is a cache entry, which this write leaves without one.`;
  if (why.durable) return ' It reads like a record kept on purpose: if so, no TTL is right.';
  if (why.someTtl) return ' Its options get a TTL only on some paths (filled in after they are declared): on the others the key never expires.';
  if (why.passThrough) return ` This method forwards ${why.name}: its callers' keys decide.`;
  if (why.fixed) return ' It is one fixed key, which cannot multiply: if it is meant to stay, no TTL is right.';
  if (why.cleaner) return cleanupNote(`Line ${why.cleaner.call.start.line + 1}`, cleanupVerb(why.cleaner));
  if (why.separately) return ' Its TTL is set by another MULTI sent after this one: a crash in between leaves the key without one; queue the EXPIRE with the SET.';
  return '';
}

/** Another SET of the same key (by its expression or its named template) that gives it a TTL. */
function writtenWithTtl(call: CallFact, key: ArgFact, calls: readonly CallFact[]): CallFact | undefined {
  const text = keyText(key);
  const template = namedTemplate(keyFactOf(call, key));
  return calls.find(
    (c) =>
      c !== call &&
      (c.command === 'setex' || c.command === 'psetex' || (c.command === 'set' && setOptions(c).ttl)) &&
      ((text !== null && !/^[\w$]+$/.test(text) && keyText(c.args[0]) === text) || (template !== null && namedTemplate(keyFactOf(c, c.args[0])) === template)),
  );
}

function fixesFor(call: CallFact, ctx: RuleContext): DraftFix[] {
  if (call.command === 'set') {
    const edits = addSetOption(call, { kind: 'ttl', unit: 'EX', valueText: PLACEHOLDER_TTL_SECONDS }, ctx.options.nodeRedisMajor);
    return edits ? [{ title: `Add a TTL (EX ${PLACEHOLDER_TTL_SECONDS}; adjust the value)`, edits, isPreferred: true }] : [];
  }
  if (call.command === 'mset') {
    const edit = msetAsPipeline(call, ctx);
    return edit ? [edit] : [];
  }
  return [];
}

/** `await c.mset(k1, v1, k2, v2)` → `await c.multi().set(k1, v1, <TTL>).set(k2, v2, <TTL>).exec()`. */
function msetAsPipeline(call: CallFact, ctx: RuleContext): DraftFix | null {
  const family = familyOf(call);
  const pairs = msetPairs(call);
  if (!family || !pairs || call.resultUse !== 'discarded' || call.form !== 'method' || call.client.via !== 'client' || callbackNodeRedis(call, ctx.options.nodeRedisMajor) || hasNoBatches(call)) return null;
  const major = ctx.options.nodeRedisMajor;
  const ttl =
    family === 'ioredis'
      ? `'EX', ${PLACEHOLDER_TTL_SECONDS}`
      : family === 'upstash'
        ? `{ ex: ${PLACEHOLDER_TTL_SECONDS} }`
        : major === 5
          ? `{ expiration: { type: 'EX', value: ${PLACEHOLDER_TTL_SECONDS} } }`
          : `{ EX: ${PLACEHOLDER_TTL_SECONDS} }`;
  // node-redis needs string values; upstash and ioredis accept what MSET accepted.
  const sets = pairs.map((p) => `.set(${p.key.text}, ${p.value.text}, ${ttl})`).join('');
  return {
    title: `Replace MSET with SETs that have a TTL (EX ${PLACEHOLDER_TTL_SECONDS}; adjust the value)`,
    edits: [{ start: call.report.start, end: call.report.end, newText: `multi()${sets}.exec()` }],
    isPreferred: true,
  };
}
