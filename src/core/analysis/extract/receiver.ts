/** Decides whether the receiver of a command call is a Redis client, and how sure we are. */
import type { Node } from 'web-tree-sitter';
import { type NodeKey, type ValueDesc, describeExpression } from '../clients/descriptors';
import type { ModuleScope } from '../clients/moduleScope';
import { BATCH_METHODS } from '../clients/packages';
import { type Env, resolveValue } from '../clients/resolve';
import type { ScopeResolver } from '../clients/scopes';
import type { Ancestry } from './ancestry';
import type { CallShape } from './callShape';
import type { ClientRef } from './facts';
import { downleveledReceiver } from './downleveledChain';
import { identifierWords } from './identifierWords';
import { thisOwnerOf } from './thisOwner';
import { callsOwnMember, inMemoryClass, runsRedisCommands, usedAsOtherThanClient } from './notAClient';

export interface ReceiverContext {
  resolver: ScopeResolver;
  ancestry: Ancestry;
  /** A node's text from the source (tree-sitter's `node.text` costs the length of the rest of the file). */
  textOf: (node: Node) => string;
  module: ModuleScope;
  keyOf: NodeKey;
}

const MAX_LIKELY_RECEIVER = 500;

const CLIENT_WORDS = new Set(['redis', 'valkey', 'client', 'cache', 'conn', 'connection', 'multi', 'pipeline', 'pipe', 'tx', 'trx', 'kv']);
const BATCH_WORDS = new Set(['multi', 'pipeline', 'pipe', 'tx', 'trx', 'batch', 'transaction']);


/**
 * RULES.md names `redis|client|cache|conn|multi|pipeline|pipe|tx|trx`. We match whole words of the
 * identifier (so `ctx`, Koa's context, is not taken for `tx`) plus any name containing "redis".
 */
export function nameLooksLikeClient(name: string): boolean {
  const parts = identifierWords(name);
  // `cacheService`, `redisManager`, `sessionStore`: a project's own layer over the client, with its own
  // `set(key, value)` (which may well add the TTL); only what it does is known, not what it sends.
  if (parts.length > 1 && ABSTRACTION_WORDS.has(parts[parts.length - 1])) return false;
  const lower = name.toLowerCase();
  if (lower.includes('redis') || lower.includes('valkey')) return true;
  return parts.some((w) => CLIENT_WORDS.has(w));
}

const ABSTRACTION_WORDS = new Set(['service', 'services', 'manager', 'provider', 'repository', 'repo', 'adapter', 'wrapper', 'helper', 'helpers', 'util', 'utils', 'store', 'factory', 'module']);

/**
 * `cache.set(cacheKey, value)`, `state.cache.get(key)` in a file that names no Redis: a name that says
 * "cache" calling what a Map or an LRU also has is far more often the in-process kind. Only a command
 * only Redis has (`cache.hgetall(k)`) makes such a receiver a likely client there.
 */
function inProcessCacheCall(name: string, written: Node, ctx: ReceiverContext): boolean {
  const words = identifierWords(name);
  if (!words.includes('cache') || words.some((w) => w === 'redis' || w === 'valkey')) return false;
  const member = ctx.ancestry.parent(written);
  if (member?.type !== 'member_expression' || ctx.ancestry.parent(member)?.type !== 'call_expression') return false;
  const property = member.childForFieldName('property');
  return !!property && MAP_LIKE_METHODS.has(ctx.textOf(property).toLowerCase());
}

const MAP_LIKE_METHODS = new Set(['get', 'set', 'del', 'delete', 'has', 'keys', 'clear', 'mget', 'mset', 'ttl', 'exists', 'incr', 'decr', 'expire', 'touch', 'reset', 'wrap', 'peek']);

/** The last identifier of a receiver's text (`this.redis` → `redis`). */
function lastName(text: string): string | null {
  return /([A-Za-z_$][\w$]*)\s*$/.exec(text)?.[1] ?? null;
}

/**
 * Names that say "a Redis connection" on their own (`redis`, `redisClient`, `valkeyConn`), enough for
 * the likely tier even in a file that imports no client: one injected or passed in untyped.
 */
export function strongClientName(name: string | null): boolean {
  if (!name) return false;
  const parts = identifierWords(name);
  const last = parts[parts.length - 1];
  return parts.some((w) => w === 'redis' || w === 'ioredis' || w === 'valkey') && ['redis', 'ioredis', 'valkey', 'client', 'conn', 'connection'].includes(last);
}

function receiverName(desc: ValueDesc): string | null {
  switch (desc.v) {
    case 'ident':
      return desc.name;
    case 'member':
      return desc.name;
    case 'call':
      if (desc.callee.v === 'member') return BATCH_METHODS[desc.callee.name] ? desc.callee.name : receiverName(desc.callee.object);
      return desc.callee.v === 'ident' ? desc.callee.name : null;
    default:
      return null;
  }
}

/**
 * For an unresolved receiver: is it (a command queued on) a `.multi()`/`.pipeline()`? A local is read through its
 * initialiser (`var multi2 = client.multi()`), and a numbered name (`multi2`) is its word.
 */
function likelyBatch(desc: ValueDesc, text: string, env?: Env): { via: 'pipeline' | 'multi'; chainKey: string } | null {
  if (desc.v === 'call' && desc.callee.v === 'member') {
    const batch = BATCH_METHODS[desc.callee.name];
    if (batch) return { via: batch, chainKey: desc.key ?? `likely:${text}` };
    return likelyBatch(desc.callee.object, text);
  }
  const bound = desc.v === 'ident' ? env?.binding?.(desc.name)?.binding : undefined;
  if (bound?.b === 'value' && bound.value.v === 'call') {
    const batch = likelyBatch(bound.value, text);
    if (batch) return batch;
  }
  const name = receiverName(desc)?.replace(/\d+$/, '');
  if (name && identifierWords(name).some((w) => BATCH_WORDS.has(w))) return { via: 'multi', chainKey: `likely:${text}` };
  return null;
}

/**
 * A ClientRef for `object` (the receiver expression), or null when it is not a Redis client.
 * Unresolved receivers are "likely" when the call shape is Redis-only, or when the receiver is named
 * like a client and either the file imports a Redis package or the call looks like Redis (a Redis
 * command name, a key-looking argument): clients passed in from other files or typed `any`.
 */
export function classifyReceiver(written: Node, ctx: ReceiverContext, shape: CallShape, form: 'method' | 'raw' = 'method'): ClientRef | null {
  const object = downleveledReceiver(written, ctx.ancestry, ctx.textOf);
  // Without a client import (or require), a project import that may bring one, and a Redis-looking
  // call, nothing here can be a client.
  if (!ctx.module.importsClient && !ctx.module.importsProjectModule && shape === 'none' && !strongClientName(lastName(ctx.textOf(object)))) return null;
  const desc = describeExpression(object, ctx.keyOf);
  const resolved = resolveValue(desc, ctx.resolver.envAt(object), null, 0);
  const receiverText = ctx.textOf(object);
  if (resolved.r === 'client') {
    return withOwner({ kind: resolved.kind, confidence: 'certain', via: resolved.via, chainKey: resolved.chainKey, receiverText }, object, ctx);
  }
  if (resolved.r !== 'unknown') return null;
  // A module that loads only an in-memory stand-in (`ioredis-mock` as a backend): its unresolved receivers are that.
  if (!ctx.module.importsClient && ctx.module.importsTestDouble) return null;
  // A receiver this long is a chain deeper than descriptions follow (see describeExpression): its
  // kind, batch or client, cannot be told, and guessing would pair every call with every other.
  if (object.endIndex - object.startIndex > MAX_LIKELY_RECEIVER) return null;
  // A raw command handed to the class's own sender (`this.exec('KEYS', p)`) is still that command.
  if (form === 'method' && callsOwnMember(object, ctx.ancestry, ctx.textOf)) return null;
  const name = receiverName(desc);
  const byName = name !== null && nameLooksLikeClient(name) && (ctx.module.importsClient || strongClientName(name) || (shape === 'redis-looking' && !(inProcessCacheCall(name, written, ctx) && !ctx.module.importsProjectClient)));
  const declaredWithin = (name: string, fn: Node): boolean => ctx.resolver.declaredWithin(name, object, fn);
  // `db.set(k, v)` where the same code sends `db.lrem(…)` or `db.set(k, v, 'EX', ttl)`: `db` is the client.
  // (A file that imports no client may still be handed one: `this.store = options.client` in `storage/redis.js`.)
  const redisFile = ctx.module.importsClient || ctx.module.redisPath;
  if (!byName && shape !== 'redis-only' && !(redisFile && runsRedisCommands(object, receiverText, ctx.ancestry, ctx.textOf, declaredWithin))) return null;
  if (shape !== 'redis-only' && !ctx.module.importsClient && inMemoryClass(object, ctx.ancestry)) return null;
  if (shape !== 'redis-only' && usedAsOtherThanClient(object, receiverText, ctx.ancestry, ctx.textOf, declaredWithin)) return null;
  const families = [...ctx.module.families];
  const batch = likelyBatch(desc, receiverText, ctx.resolver.envAt(object));
  return withOwner(
    {
      kind: families.length === 1 ? { family: families[0], topology: 'standalone' } : null,
      confidence: 'likely',
      via: batch?.via ?? 'client',
      chainKey: batch?.chainKey ?? null,
      receiverText,
    },
    object,
    ctx,
  );
}

function withOwner(ref: ClientRef, object: Node, ctx: ReceiverContext): ClientRef {
  const thisOwner = thisOwnerOf(object, ref.receiverText, ctx.ancestry);
  return thisOwner ? { ...ref, thisOwner } : ref;
}
