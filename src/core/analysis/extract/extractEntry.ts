/** Extracts the facts of one top-level statement from its candidate matches. */
import type { Node } from 'web-tree-sitter';
import type { ModuleScope } from '../clients/moduleScope';
import { BATCH_METHODS } from '../clients/packages';
import type { Binding, ValueDesc } from '../clients/descriptors';
import type { Env } from '../clients/resolve';
import { ScopeResolver } from '../clients/scopes';
import { type SourceText, callArguments, literalString, spanOf } from '../syntax';
import { disableDirective } from './disableDirective';
import { type Point, Ancestry } from './ancestry';
import { argFact } from './argFacts';
import { type CallShape, callShape } from './callShape';
import { onlyOutsideProduction } from './environmentGuard';
import { branchesOf, inTtlBranch, forwardsCallersWrite, isPassThrough, resultUse, scopeFunction, valueRoot, wholeStatement } from './callContext';
import type { Candidates } from './candidates';
import { COMMANDS, canonicalCommand } from './commands';
import { creationExpression, creationFact } from './creations';
import { withKeys } from './callKeys';
import { type ArgFact, type CallFact, type ClientRef, type CreationFact, type EntryFacts, type ListenerFact, type SuppressionFact, emptyFacts } from './facts';
import { handedToLibrary } from './handoffs';
import { enclosingLoop } from './loopContext';
import { ownerOf } from './owner';
import { type ReceiverContext, classifyReceiver } from './receiver';
import { deleteFollowUp, keysStatementShape } from './statementShape';
import { wrapperCallSites } from './wrapperSites';
import { definitionClient, scriptDefinitionAt } from './scriptDefinitions';
import { constructorScripts } from './constructorScripts';

/** Commands that wipe data: whether a guard keeps them out of production is worth reading (environmentGuard.ts). */
const WIPES = new Set(['flushall', 'flushdb']);

interface EntryContext extends ReceiverContext {
  root: Node;
  entry: Node;
}

const MIN_ARGS: Record<string, number> = { keys: 1, set: 2, getset: 2, setnx: 2, mset: 1, msetnx: 1, expire: 2, pexpire: 2, expireat: 2, pexpireat: 2, hgetall: 1, smembers: 1, lrange: 3, zrange: 3, eval: 1, definecommand: 2, scriptload: 1, script: 2 };

/**
 * `entryKey` names the statement in node identities (`e12:340`); a function instead maps each node to
 * its identity itself (member-wise re-extraction, see engine/memberReuse.ts).
 */
export function extractEntry(
  root: Node,
  entry: Node,
  entryKey: string | ((n: Node) => string),
  module: ModuleScope,
  candidates: Candidates,
  source: SourceText,
  /** The node all candidates lie in and the parent links above it (see Ancestry). */
  within?: ConstructorParameters<typeof Ancestry>[3],
): EntryFacts {
  const facts = emptyFacts();
  const entryStart = entry.startIndex;
  const keyOf = typeof entryKey === 'function' ? entryKey : (n: Node): string => `${entryKey}:${n.startIndex - entryStart}`;
  const ancestry = new Ancestry(entry, candidatePoints(candidates), root, within);
  const textOf = (n: Node): string => source.slice(n.startIndex, n.endIndex);
  const ctx: EntryContext = { root, entry, module, keyOf, ancestry, textOf, resolver: new ScopeResolver(module, keyOf, ancestry, module) };
  for (const m of candidates.methods) {
    const call = callAt(ancestry, m.index, m.name.length);
    if (!call) continue;
    const method = m.name;
    if (BATCH_METHODS[method]) facts.calls.push(...batchArrayFacts(call.call, call.member, ctx));
    else {
      const fact = methodFact(call.call, call.member, method, ctx);
      if (fact) facts.calls.push(fact);
    }
  }
  for (const m of candidates.raws) {
    const call = callAt(ancestry, m.index, m.name.length);
    const fact = call ? rawFact(call.call, call.member, m.name, ctx, m.extra2 === 'redis-looking' ? 'redis-looking' : 'redis-only') : null;
    if (fact) facts.calls.push(fact);
  }
  for (const m of candidates.listeners) {
    const call = callAt(ancestry, m.index, m.name.length);
    const object = call?.member.childForFieldName('object');
    if (object && call) facts.listeners.push(listenerFact(object, call.call, ctx));
    // `var client = this.__client; client.on('error', …)`: a listener on what the local holds.
    const aliased = object?.type === 'identifier' ? aliasedPath(ctx.resolver.envAt(object).binding?.(object.text)?.binding) : null;
    if (aliased) facts.listeners.push({ receiverText: aliased });
  }
  for (const m of candidates.creations) {
    const expr = creationExpression(ancestry, m.index);
    const fact = expr ? creationFact(expr, entry, ctx) : null;
    if (!fact || facts.creations.some((c) => c.span.start.offset === fact.span.start.offset)) continue;
    facts.creations.push(fact);
    // `new Redis({ scripts: { unlock: { lua, numberOfKeys } } })`: the defineCommand calls those options stand for.
    if (expr && fact.kind.family === 'ioredis') facts.calls.push(...constructorScripts(expr).map((s) => scriptFact(expr, s, fact, ctx)));
  }
  for (const m of candidates.suppressions) {
    const fact = suppressionFact(ancestry, m.index, m.extra, m.extra2);
    if (fact) facts.suppressions.push(fact);
  }
  for (const m of candidates.handoffs) {
    if (handedToLibrary(ancestry, m.index, m.name, module)) facts.listeners.push({ receiverText: m.name, handedOn: true });
  }
  for (const m of candidates.scripts) {
    const found = scriptDefinitionAt(ancestry, m.index, envAt(ctx));
    const script = found && argFact(found.script, envAt(ctx));
    if (found && script) facts.calls.push(buildFact(found.call, 'definescript', 'raw', 'defineScript', definitionClient(), [script], spanOf(found.call), found.call.startIndex, ctx));
  }
  for (const m of candidates.wrappers) {
    const sites = wrapperCallSites(ancestry, m.index, m.name, envAt(ctx), keyOf);
    if (sites.length > 0) (facts.wrapperSites ??= []).push(...sites);
  }
  facts.calls.sort((a, b) => a.order - b.order);
  return facts;
}

/** A script of ioredis's `scripts` option as the `defineCommand(name, options)` call it stands for. */
function scriptFact(creation: Node, script: ReturnType<typeof constructorScripts>[number], made: CreationFact, ctx: EntryContext): CallFact {
  const name: ArgFact = { kind: 'string', value: script.name, text: script.nameNode.text, span: spanOf(script.nameNode), resolved: false };
  const client: ClientRef = { kind: made.kind, confidence: 'certain', via: 'client', chainKey: null, receiverText: made.bindingText ?? 'scripts' };
  return buildFact(creation, 'definecommand', 'method', 'defineCommand', client, [name, argFact(script.options, envAt(ctx))], spanOf(script.nameNode), script.nameNode.startIndex, ctx);
}

/** A listener on a local of the function it is attached in holds for that function's client of that name only. */
function listenerFact(object: Node, call: Node, ctx: EntryContext): ListenerFact {
  const receiverText = normalizeReceiver(ctx.textOf(object));
  const fn = object.type === 'identifier' ? scopeFunction(call, ctx.ancestry) : null;
  return fn && ctx.resolver.declaredWithin(object.text, object, fn) ? { receiverText, scopeKey: ctx.keyOf(fn) } : { receiverText };
}

/** `this.__client`, `app.redis`: the member path a local was initialised with, as text. */
function aliasedPath(binding: Binding | undefined): string | null {
  if (binding?.b !== 'value' || binding.value.v !== 'member') return null;
  const parts: string[] = [];
  let desc: ValueDesc = binding.value;
  for (let depth = 0; depth < 8 && desc.v === 'member'; depth++) {
    parts.unshift(desc.name);
    desc = desc.object;
  }
  if (desc.v === 'this') return ['this', ...parts].join('.');
  return desc.v === 'ident' ? [desc.name, ...parts].join('.') : null;
}

function envAt(ctx: EntryContext): (node: Node) => ReturnType<ScopeResolver['envAt']> {
  return (node) => ctx.resolver.envAt(node);
}

export function normalizeReceiver(text: string): string {
  return text.replace(/\s+/g, '').replace(/^\(?await/, '').replace(/[()!]/g, '');
}

/** Every place a candidate points at, sorted (the ranges `Ancestry` must resolve). */
function candidatePoints(candidates: Candidates): Point[] {
  const points: Point[] = [];
  for (const m of [...candidates.methods, ...candidates.raws, ...candidates.listeners, ...candidates.wrappers, ...candidates.handoffs, ...candidates.scripts]) points.push({ index: m.index, length: m.name.length });
  for (const m of [...candidates.creations, ...candidates.suppressions]) points.push({ index: m.index, length: 1 });
  return points.sort((a, b) => a.index - b.index || a.length - b.length);
}

/** The call expression whose callee is `<object>.<name at index>`. */
function callAt(ancestry: Ancestry, index: number, length: number): { call: Node; member: Node } | null {
  const name = ancestry.at(index);
  if (!name || name.type !== 'property_identifier' || name.endIndex !== index + length) return null;
  const member = ancestry.parent(name);
  if (member?.type !== 'member_expression') return null;
  const call = ancestry.parent(member);
  if (call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== member.id) return null;
  return { call, member };
}

function methodFact(call: Node, member: Node, method: string, ctx: EntryContext): CallFact | null {
  const command = canonicalCommand(method);
  if (!command) return null;
  const given = spreadSoleArray(callArguments(call));
  const argNodes = withoutCommandOptions(given, ctx);
  if (argNodes.length < (MIN_ARGS[command] ?? 0)) return null;
  const object = member.childForFieldName('object');
  if (!object) return null;
  const client = classifyReceiver(object, ctx, callShape(command, argNodes, ctx.textOf));
  if (!client) return null;
  const property = member.childForFieldName('property') ?? member;
  const args = argNodes.map((n) => argFact(n, (at) => ctx.resolver.envAt(at)));
  const fact = buildFact(call, command, 'method', method, client, args, { start: spanOf(property).start, end: spanOf(call).end }, property.startIndex, ctx);
  if (argNodes !== given && /isolated\s*:\s*true/.test(ctx.textOf(given[0]))) fact.isolated = true;
  return withKeys(fact, argNodes, envAt(ctx), ctx.keyOf);
}

/**
 * `client.zrange([key, 0, -1])`, `client.lrange([key, 0, -1], callback)`: node-redis v3 takes a first array (then a
 * callback) as the argument list, and ioredis flattens every array argument, so the elements are the arguments.
 */
function spreadSoleArray(argNodes: Node[]): Node[] {
  const [first, ...rest] = argNodes;
  if (first?.type !== 'array' || rest.length > 1) return argNodes;
  const elements = first.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
  return elements.length >= 2 && !elements.some((e) => e.type === 'spread_element') ? [...elements, ...rest] : argNodes;
}

/** node-redis v4's `client.get(commandOptions({ returnBuffers: true }), key)`: the options come before the command's arguments. */
const COMMAND_OPTIONS = /commandoptions$/i;

function withoutCommandOptions(argNodes: Node[], ctx: EntryContext): Node[] {
  const first = argNodes[0];
  const callee = first?.type === 'call_expression' ? interopCallee(first.childForFieldName('function')) : first;
  const name = callee?.type === 'member_expression' ? callee.childForFieldName('property') : callee;
  if (!name || (name.type !== 'identifier' && name.type !== 'property_identifier')) return argNodes;
  // Held in a local (`const opts = commandOptions({ signal })`), or made by a helper that returns them.
  const options = COMMAND_OPTIONS.test(name.text) || (first.type === 'identifier' && ctx.module.namesCommandOptions && madeByCommandOptions(ctx.resolver.envAt(first).binding?.(first.text), 0));
  return options ? argNodes.slice(1) : argNodes;
}

/** `(0, helpers.commandOptions)(…)`: compiled CommonJS calls an import this way; the callee is the last expression. */
function interopCallee(callee: Node | null): Node | null {
  if (callee?.type !== 'parenthesized_expression') return callee;
  const inner = callee.firstNamedChild;
  return inner?.type === 'sequence_expression' ? inner.lastNamedChild : inner;
}

function madeByCommandOptions(found: { binding: Binding; env: Env } | undefined, depth: number): boolean {
  const binding = found?.binding;
  const value = binding?.b === 'value' ? binding.value : binding?.b === 'function' ? binding.returnsValue : undefined;
  if (value?.v !== 'call' || depth > 2) return false;
  const callee = value.callee.v === 'ident' ? value.callee.name : value.callee.v === 'member' ? value.callee.name : '';
  return COMMAND_OPTIONS.test(callee) || (value.callee.v === 'ident' && madeByCommandOptions(found?.env.binding?.(callee), depth + 1));
}

/** `client.call('keys', p)`, `client.sendCommand(['KEYS', p])`. */
function rawFact(call: Node, member: Node, method: string, ctx: EntryContext, shape: CallShape): CallFact | null {
  const argNodes = callArguments(call);
  let commandNode: Node | undefined = argNodes[0];
  let rest = argNodes.slice(1);
  let names = false;
  if (commandNode?.type === 'array') {
    const elements = commandNode.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
    commandNode = elements[0];
    rest = elements.slice(1);
    names = isNameList(elements);
  } else {
    // node_redis v2/v3 `send_command('set', [key, value], cb)`: the arguments come as one array.
    rest = spreadSoleArray(rest);
  }
  const written = commandNode ? literalString(commandNode) : undefined;
  const name = written?.toLowerCase();
  if (!name || !COMMANDS.has(name)) return null;
  // `z.enum(['set', 'append', 'remove'])`: lower-case words and nothing else are a list of names, not a command.
  if (names && written === name) return null;
  const object = member.childForFieldName('object');
  const client = object ? classifyReceiver(object, ctx, shape, 'raw') : null;
  if (!client) return null;
  const args = rest.map((n) => argFact(n, (at) => ctx.resolver.envAt(at)));
  return withKeys(buildFact(call, name, 'raw', method, client, args, spanOf(call), member.startIndex, ctx), rest, envAt(ctx), ctx.keyOf);
}

/** Two or more string literals that are plain words (`['set', 'append']`), as enums and allow-lists are. */
function isNameList(elements: readonly Node[]): boolean {
  return elements.length >= 2 && elements.every((e) => PLAIN_WORD.test(literalString(e) ?? ''));
}

const PLAIN_WORD = /^[A-Za-z_]+$/;

/** ioredis `pipeline([['set', k, v], ['expire', k, 60]])` / `multi([...])`. */
function batchArrayFacts(call: Node, member: Node, ctx: EntryContext): CallFact[] {
  const list = callArguments(call)[0];
  if (list?.type !== 'array') return [];
  const object = member.childForFieldName('object');
  const base = object ? classifyReceiver(object, ctx, 'redis-only') : null;
  if (!base || base.via !== 'client') return [];
  const via = BATCH_METHODS[member.childForFieldName('property')?.text ?? ''] ?? 'pipeline';
  const client: ClientRef = { ...base, via, chainKey: ctx.keyOf(call) };
  const out: CallFact[] = [];
  for (const item of list.namedChildren) {
    if (item?.type !== 'array') continue;
    const elements = item.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
    const name = elements[0] ? literalString(elements[0])?.toLowerCase() : undefined;
    if (!name || !COMMANDS.has(name)) continue;
    const args = elements.slice(1).map((n) => argFact(n, (at) => ctx.resolver.envAt(at)));
    out.push(withKeys(buildFact(item, name, 'raw', 'pipeline', client, args, spanOf(item), item.startIndex, ctx), elements.slice(1), envAt(ctx), ctx.keyOf));
  }
  return out;
}

function buildFact(
  call: Node,
  command: string,
  form: 'method' | 'raw',
  method: string,
  client: ClientRef,
  args: ArgFact[],
  report: CallFact['report'],
  order: number,
  ctx: EntryContext,
): CallFact {
  const { node: root, awaited, yielded } = valueRoot(call, ctx.ancestry);
  const fn = scopeFunction(call, ctx.ancestry);
  const argList = call.childForFieldName('arguments');
  // The SCAN rewrite needs `for await`, which a compiled generator (`yield` for await) cannot hold.
  const isKeys = command === 'keys' && form === 'method' && !yielded;
  const shape = isKeys ? keysStatementShape(root, awaited, ctx.ancestry) : null;
  const declarator = shape?.kind === 'declaration' ? ctx.ancestry.parent(root) : null;
  const declaration = declarator ? ctx.ancestry.parent(declarator) : null;
  return {
    command,
    form,
    method,
    client,
    call: spanOf(call),
    report,
    args,
    argList: argList ? spanOf(argList) : spanOf(call),
    scopeKey: fn ? ctx.keyOf(fn) : 'module',
    scope: fn ? spanOf(fn) : null,
    order,
    awaited,
    resultUse: resultUse(root, ctx.ancestry),
    statement: wholeStatement(root, ctx.ancestry),
    inTtlBranch: inTtlBranch(call, ctx.ancestry),
    branches: branchesOf(call, ctx.ancestry, ctx.keyOf),
    shape,
    followUpDelete: declaration && shape?.kind === 'declaration' ? deleteFollowUp(declaration, shape.name, client.receiverText) : null,
    loop: enclosingLoop(call, ctx.ancestry),
    passThrough: form === 'method' && (isPassThrough(fn, method, ctx.ancestry) || (command === 'set' && forwardsCallersWrite(fn, callArguments(call)))),
    owner: ownerOf(call, fn, ctx.ancestry, ctx.textOf),
    ...(WIPES.has(command) && onlyOutsideProduction(call, ctx.ancestry) ? { outsideProduction: true as const } : {}),
  };
}

function suppressionFact(ancestry: Ancestry, index: number, kind: string, rest: string): SuppressionFact | null {
  const comment = ancestry.at(index);
  if (comment?.type !== 'comment') return null;
  const directive = disableDirective(kind, rest);
  return directive ? { comment: spanOf(comment), ...directive } : null;
}
