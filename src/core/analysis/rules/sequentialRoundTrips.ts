import type { CallFact, LoopFact } from '../extract/facts';
import { BLOCKING_COMMANDS, CURSOR_SCANS, PUBSUB_COMMANDS, STREAM_READS } from '../extract/ruleCommands';
import { callbackNodeRedis, familyOf, hasNoBatches } from '../fixes/clientForms';
import { indentAt } from '../syntax';
import type { DraftFix, Rule, RuleContext } from './ruleTypes';

/** Loops over per-node clients, cluster slots or shards: one call per node is the point. */
const PER_NODE = /\b(?:nodes|masters|slaves|replicas|shards|slots|clients|connections)\b/i;
/** Loops over chunks of keys: already batched. */
const BATCHED = /chunk|batch|page|slice|group/i;
const NOT_BATCHABLE = new Set([...CURSOR_SCANS, ...BLOCKING_COMMANDS, ...STREAM_READS, ...PUBSUB_COMMANDS, 'keys', 'watch', 'script', 'definecommand', 'scriptload']);

function iteratesCollection(loop: LoopFact): boolean {
  if (loop.isAwait || loop.exits) return false;
  if (loop.kind === 'for-of' || loop.kind === 'for-in') return true;
  // `for (let i = 0; i < items.length; i++)`, `while (i < ids.length)`, `while (queue.length)`: a walk over a
  // collection (not a retry counter, nor a poll).
  return /\.(?:length|size)\b/.test(loop.headText);
}

function bindingNames(loop: LoopFact): string[] {
  return (loop.binding ?? '').replace(/^\s*(?:const|let|var)\s+/, '').match(/[A-Za-z_$][\w$]*/g) ?? [];
}

/** The receiver is (built from) the loop variable: each iteration talks to another client. */
function perItemClient(call: CallFact, loop: LoopFact): boolean {
  const root = /^[A-Za-z_$][\w$]*/.exec(call.client.receiverText.replace(/^\(?\s*await\s+/, ''))?.[0];
  return root !== undefined && bindingNames(loop).includes(root);
}

/** Per-file facts the loop checks share, computed once (linear in the number of calls). */
interface LoopIndex {
  /** Loops (by their statement's offset) that run a cursor SCAN: they walk pages. */
  scanningLoops: Set<number>;
  /** Awaited Redis calls per loop (by the loop's start offset). */
  awaitedPerLoop: Map<number, number>;
}

function loopIndex(calls: readonly CallFact[]): LoopIndex {
  const index: LoopIndex = { scanningLoops: new Set(), awaitedPerLoop: new Map() };
  for (const c of calls) {
    if (CURSOR_SCANS.has(c.command) && c.loop) index.scanningLoops.add(c.loop.statement.start.offset);
    if (c.awaited && c.loop) index.awaitedPerLoop.set(c.loop.statement.start.offset, (index.awaitedPerLoop.get(c.loop.statement.start.offset) ?? 0) + 1);
  }
  return index;
}

function candidate(call: CallFact, index: LoopIndex): boolean {
  const loop = call.loop;
  if (!loop || !call.awaited || call.client.via !== 'client' || NOT_BATCHABLE.has(call.command)) return false;
  if (!iteratesCollection(loop) || PER_NODE.test(loop.headText) || BATCHED.test(loop.headText) || BATCHED.test(loop.binding ?? '')) return false;
  if (perItemClient(call, loop) || call.args.some((a) => a.kind === 'spread')) return false;
  // The loop awaits other work per item (a handler, a fetch): the commands follow it, one per item.
  if (loop.awaits > (index.awaitedPerLoop.get(loop.statement.start.offset) ?? 0)) return false;
  // A cursor loop (the loop that runs the SCAN) walks pages, which is the bounded way to do it; a loop over one page's
  // members, awaiting a command per member, is a round trip per member all the same.
  return !index.scanningLoops.has(loop.statement.start.offset);
}

export const sequentialRoundTrips: Rule = {
  meta: {
    id: 'sequential-round-trips',
    title: 'One awaited command per loop iteration',
    why: 'Awaiting one command per item costs a network round trip each; a pipeline, MGET/MSET or a variadic command sends them all at once.',
    defaultSeverity: 'info',
    testSeverity: 'off',
    fixable: true,
    fixAllSafe: false,
  },
  check(ctx) {
    const reported = new Set<number>();
    const index = loopIndex(ctx.calls);
    for (const call of ctx.calls) {
      if (!call.loop || reported.has(call.loop.statement.start.offset) || !candidate(call, index)) continue;
      reported.add(call.loop.statement.start.offset);
      ctx.report({
        span: call.report,
        confidence: call.client.confidence,
        message: `Each iteration awaits ${call.command.toUpperCase()} before the next starts, one network round trip per item; ${hasNoBatches(call) ? 'send them all before awaiting (Promise.all: this client pipelines commands sent together)' : 'send the commands in one pipeline'} (or use a multi-key / variadic command).`,
        fixes: pipelineFix(call, ctx),
      });
    }
  },
};

/** `for (…) await c.cmd(…);` → `const pipeline = c.pipeline(); for (…) pipeline.cmd(…); await pipeline.exec();` */
function pipelineFix(call: CallFact, ctx: RuleContext): DraftFix[] {
  const loop = call.loop;
  const family = familyOf(call);
  if (!loop || !family || !loop.soleStatement || !call.statement || call.resultUse !== 'discarded' || call.form !== 'method') return [];
  if (callbackNodeRedis(call, ctx.options.nodeRedisMajor) || hasNoBatches(call)) return [];
  if (!/^[\w$.]+$/.test(call.client.receiverText)) return [];
  const scopeText = call.scope ? ctx.text.slice(call.scope.start.offset, call.scope.end.offset) : ctx.text;
  const name = ['pipeline', 'batch', 'redisPipeline'].find((n) => !new RegExp(`\\b${n}\\b`).test(scopeText));
  if (!name) return [];
  const start = loop.statement.start.offset;
  // Compiled async code (`__awaiter(this, …, function* () { yield c.cmd(…); })`) awaits with `yield`.
  const awaitWord = /^\s*yield\b/.test(ctx.text.slice(call.statement.start.offset, call.statement.end.offset)) ? 'yield' : 'await';
  const indent = indentAt(ctx.text, start);
  const command = ctx.text.slice(call.report.start.offset, call.report.end.offset);
  const rewritten =
    ctx.text.slice(start, call.statement.start.offset) + `${name}.${command};` + ctx.text.slice(call.statement.end.offset, loop.statement.end.offset);
  const open = family === 'node-redis' ? 'multi()' : 'pipeline()';
  const exec = family === 'node-redis' ? 'execAsPipeline()' : 'exec()';
  return [
    {
      title: 'Send the loop’s commands in one pipeline (review: errors come back per command)',
      edits: [{ start: loop.statement.start, end: loop.statement.end, newText: `const ${name} = ${call.client.receiverText}.${open};\n${indent}${rewritten}\n${indent}${awaitWord} ${name}.${exec};` }],
      isPreferred: true,
      needsReview: true,
    },
  ];
}
