import { countWork } from '../engine/workCounter';
import type { CallFact } from '../extract/facts';
import { addSetOption, callbackNodeRedis, unitOfExpire } from '../fixes/clientForms';
import { deleteStatement } from '../fixes/textEdits';
import type { DraftFix, Rule, RuleContext } from './ruleTypes';
import { type OrderedCalls, callIndex } from './callIndex';
import { keyText, sameClient, setOptions } from './callFacts';
import { wrapperExpirePairs } from './wrapperExpire';
import { requiredToExist } from './existingKey';

export const nonAtomicExpire: Rule = {
  meta: {
    id: 'non-atomic-expire',
    title: 'EXPIRE sent separately from the write',
    why: 'If the process dies between the write and the separate EXPIRE, the key never expires.',
    defaultSeverity: 'info',
    testSeverity: 'off',
    fixable: true,
    fixAllSafe: true,
  },
  check(ctx) {
    for (const expire of ctx.calls) {
      // Raw forms too (`call('expire', key, 60)`, `sendCommand(['EXPIRE', key, '60'])`): their args start after the command.
      if (!/^p?expire(at)?$/.test(expire.command) || expire.client.via !== 'client') continue;
      const write = latestWrite(expire, ctx.calls, ctx.text);
      if (!write) continue;
      ctx.report({
        span: expire.report,
        confidence: expire.client.confidence === 'certain' && write.client.confidence === 'certain' ? 'certain' : 'likely',
        message: `${expire.command.toUpperCase()} is sent separately from the ${write.command.toUpperCase()} on line ${write.call.start.line + 1}; if the process dies in between, the key never expires. Set the TTL in the same command or wrap both in MULTI.`,
        fixes: fixesFor(write, expire, ctx),
      });
    }
    for (const { write, expire } of wrapperExpirePairs(ctx.wrapperSites ?? [])) {
      ctx.report({
        span: expire.report,
        confidence: 'certain',
        message: `${expire.site.command} (sent by ${expire.wrapper}()) is sent separately from the ${write.site.command} sent by ${write.wrapper}() on line ${write.call.start.line + 1}; if the process dies in between, the key never expires. Send both in one MULTI or script.`,
      });
    }
  },
};

/** Nearby earlier writes are looked at for a callback holding the EXPIRE (a bound on the search). */
const CALLBACK_LOOKBACK = 8;

/**
 * Only a promise step lies between the write and the EXPIRE: `c.incr(k).then(() => c.expire(k, 60))`, Bluebird's
 * `.tap(() => c.expire(k, 60))`, or `.then(() => c.rpush(k, v)).then(() => c.pexpire(k, ttl))` — comments aside, the
 * EXPIRE runs after the write, on its own.
 */
const THEN_STEP = /^(?:[\s)]|\/\/[^\n]*\n|\/\*(?:[^*]|\*(?!\/))*\*\/)*\.\s*(?:then|tap)\s*\(\s*(?:async\s*)?(?:\([^()]*\)|[\w$]+)\s*=>\s*(?:\{\s*(?:return\s+)?)?(?:await\s+)?$/;

/**
 * A write of another function that the EXPIRE still follows: the EXPIRE runs in the write's callback
 * (`client.hmset(key, fields, () => { client.expire(key, 60); })`) or in the promise step after it (THEN_STEP).
 */
function writeOfCallbackOrStep(expire: CallFact, writes: OrderedCalls | undefined, text: string): CallFact | undefined {
  if (!writes) return undefined;
  const end = writes.firstAfter(expire.order - 1);
  for (let i = end - 1; i >= 0 && i >= end - CALLBACK_LOOKBACK; i--) {
    countWork('rule');
    const c = writes.list[i];
    const holds = c.call.start.offset < expire.call.start.offset && expire.call.end.offset <= c.call.end.offset;
    const gap = c.call.end.offset <= expire.call.start.offset ? text.slice(c.call.end.offset, expire.call.start.offset) : '';
    const step = gap.length > 0 && gap.length < 200 && THEN_STEP.test(gap);
    if ((holds || step) && sameClient(c, expire) && !(c.command === 'set' && (setOptions(c).ttl || setOptions(c).unknown))) return c;
  }
  return undefined;
}

/**
 * The write this EXPIRE follows: the latest write of the same key by the same client before it, in
 * flow order. When that write already set a TTL (or its options are unknown), there is nothing to pair.
 */
function latestWrite(expire: CallFact, calls: readonly CallFact[], text: string): CallFact | undefined {
  const key = keyText(expire.args[0]);
  if (key === null) return undefined;
  const index = callIndex(calls);
  const writes = index.writesByScopeKey.get(`${expire.scopeKey}\n${key}`);
  if (!writes) return writeOfCallbackOrStep(expire, index.writesByKey.get(key), text);
  for (let i = writes.firstAfter(expire.order - 1) - 1; i >= 0; i--) {
    countWork('rule');
    const c = writes.list[i];
    if (!sameClient(c, expire)) continue;
    if (c.command === 'set' && (setOptions(c).ttl || setOptions(c).unknown)) return undefined;
    // `if (!(await redis.exists(key))) return;` then HSET: the key was there, with the TTL it was created with (a
    // collection write keeps it), and the EXPIRE only sets it again.
    if (!RESETS_TTL.has(c.command) && requiredToExist(c, key, calls, text)) return undefined;
    return c;
  }
  return undefined;
}

/** Writes that drop the key's TTL (a SET of any form). */
const RESETS_TTL = new Set(['set', 'getset', 'mset', 'msetnx', 'setex', 'psetex']);

function fixesFor(write: CallFact, expire: CallFact, ctx: RuleContext): DraftFix[] {
  if (!expire.statement || expire.resultUse !== 'discarded' || !expire.args[1] || expire.args.length !== 2 || expire.form !== 'method') return [];
  const seconds = expire.args[1].text;
  if (write.command === 'set' && !setOptions(write).nx) {
    const unit = unitOfExpire(expire.command);
    const edits = addSetOption(write, { kind: 'ttl', unit, valueText: seconds }, ctx.options.nodeRedisMajor);
    if (edits) return [{ title: `Move the TTL into the SET (${unit} ${seconds})`, edits: [...edits, deleteStatement(ctx.text, expire.statement)], isPreferred: true }];
  }
  // Otherwise queue both in one MULTI, when they are consecutive statements we can merge (v2/v3's callback MULTI aside).
  if (callbackNodeRedis(write, ctx.options.nodeRedisMajor)) return [];
  if (!write.statement || write.command === 'setnx' || write.form !== 'method' || write.awaited !== expire.awaited) return [];
  // An EXPIRE in the write's own callback sits inside the write's statement: no MULTI can hold both.
  if (expire.statement.start.offset < write.statement.end.offset) return [];
  const between = ctx.text.slice(write.statement.end.offset, expire.statement.start.offset);
  if (!/^\s*$/.test(between)) return [];
  const call = (c: CallFact): string => `.${ctx.text.slice(c.report.start.offset, c.report.end.offset)}`;
  const receiver = write.client.receiverText;
  const merged = `${write.awaited ? 'await ' : ''}${receiver}.multi()${call(write)}${call(expire)}.exec();`;
  return [
    {
      title: 'Wrap the write and the EXPIRE in one MULTI',
      edits: [{ start: write.statement.start, end: expire.statement.end, newText: merged }],
      isPreferred: true,
    },
  ];
}
