/**
 * A receiver that the same code also calls with a method no Redis client has — a Map's (`cache.has(k)`,
 * `store.delete(k)`, `seen.forEach(…)`) or a project's own (`cache.getUnCachedKeys(…)`) — or assigns
 * an object of another class (`cache = new MapCache()`), is not a client: a guess made from its name
 * ("likely") is dropped then. Resolved clients are never second-guessed.
 */
import type { Node } from 'web-tree-sitter';
import { CLASS_TYPES, FUNCTION_TYPES, PLAIN_FUNCTIONS } from '../syntax';
import type { Ancestry } from './ancestry';
import { memberNames } from '../clients/classMembers';
import { canonicalCommand } from './commands';
import { identifierWords } from './identifierWords';

/** Receivers this pass can name in a pattern: `cache`, `this.store`, `ctx.cache` (no calls, no brackets). */
const PLAIN_RECEIVER = /^[A-Za-z_$][\w$]*(?:\s*\??\.\s*#?[A-Za-z_$][\w$]*)*$/;
/** Class names a client may be made with (`new Redis`, `new IORedis.Cluster`, `new Upstash`, a project's `RedisClient`). */
const CLIENT_CLASS = /redis|cluster|valkey|upstash|client|connection/i;
/** Functions with a `this` of their own (an ES5 constructor's), unlike arrows. */

/** Commands extract/commands.ts does not list (it lists those the rules and key patterns read). */
const OTHER_COMMANDS = new Set(
  (
    'ping echo info select auth hello quit reset dbsize time lastsave save bgsave bgrewriteaof config client cluster command memory ' +
    'object debug monitor slowlog latency acl module script function publish spublish subscribe unsubscribe psubscribe punsubscribe ' +
    'ssubscribe sunsubscribe pubsub multi exec discard watch unwatch wait waitaof swapdb randomkey role replicaof slaveof shutdown ' +
    'failover readonly readwrite asking lolwut xgroup xinfo fcall fcall_ro evalsha_ro eval_ro bitop dump expiretime georadius ' +
    'georadiusbymember geosearchstore lcs migrate move pexpiretime psync replconf restore sintercard sort sort_ro sync zdiff zinter ' +
    'zintercard zrangestore zunion pfdebug pfselftest hexpire hpexpire hexpireat hpexpireat httl hpttl hpersist hexpiretime ' +
    'hpexpiretime hgetdel hgetex hsetex'
  ).split(' '),
);

/** What ioredis, node-redis (v3 to v5) and upstash clients have besides commands (lower case). */
const CLIENT_API = new Set(
  (
    'on once off emit addlistener prependlistener prependoncelistener removelistener removealllisteners setmaxlisteners listeners ' +
    'listenercount connect disconnect close destroy end duplicate pipeline batch execaspipeline definecommand sendcommand ' +
    'send_command call callbuffer scanstream sscanstream hscanstream zscanstream scaniterator hscaniterator sscaniterator ' +
    'zscaniterator nodes nodeclient masters replicas withtypemapping withcommandoptions withabortsignal ref unref cork uncork ' +
    'createscript use then catch finally executeisolated isolated'
  ).split(' '),
);

/** Command names that Maps, LRU caches and cache libraries also use for methods of their own. */
const SHARED_WITH_CACHES = new Set(['get', 'set', 'del', 'keys', 'mget', 'mset', 'ttl', 'exists', 'incr', 'decr', 'expire', 'touch', 'append', 'type', 'reset']);
const DEFINED_COMMAND = /defineCommand\s*\(\s*['"`]([A-Za-z_$][\w$]*)/g;

/** A method a Redis client has: a command (`hGetAll`, `getBuffer`, v3's promisified `getAsync`) or its API. */
function clientMethod(name: string): boolean {
  const lower = name.toLowerCase();
  const base = lower.endsWith('async') ? lower.slice(0, -5) : lower;
  return !!canonicalCommand(base) || OTHER_COMMANDS.has(base) || CLIENT_API.has(base);
}

/** Where a receiver lives (its region's text) and a pattern that names it there. */
interface ReceiverUses {
  region: Node;
  regionText: string;
  /** Source of a pattern matching the receiver (`this.x`, `that.x` after `const that = this`, `cache`). */
  receiver: string;
}

/**
 * `declaredWithin(name, fn)`: `name` is declared in `fn` or a scope inside it, above `object` (the
 * function where a variable lives, rather than the callback it is used in).
 */
function receiverUses(object: Node, receiverText: string, ancestry: Ancestry, textOf: (node: Node) => string, declaredWithin: (name: string, fn: Node) => boolean): ReceiverUses | null {
  if (!PLAIN_RECEIVER.test(receiverText)) return null;
  // `this.x` lives as long as its object: look in the whole class; a name, in the function that declares it.
  const root = receiverText.split(/[\s?.]/)[0];
  const onThis = root === 'this';
  // Outside a class, `this` is an ES5 constructor's (methods are often assigned inside it): the outermost function.
  let region = onThis ? (ancestry.nearest(object, CLASS_TYPES) ?? outermost(object, PLAIN_FUNCTIONS, ancestry)) : ancestry.nearest(object, FUNCTION_TYPES);
  for (let fn = region; fn && !onThis && !declaredWithin(root, fn); ) {
    fn = ancestry.nearest(fn, FUNCTION_TYPES);
    if (fn) region = fn;
  }
  region ??= ancestry.statement;
  const regionText = textOf(region);
  const parts = receiverText.split(/\s*\??\.\s*/).map((p) => p.replace(/\$/g, '\\$'));
  // `const that = this` (`self`, `_this`): the alias and `this` name the same fields.
  if (!onThis && parts.length > 1 && new RegExp(`\\b(?:const|let|var)\\s+${parts[0]}\\s*=\\s*this\\b`).test(regionText)) parts[0] = `(?:${parts[0]}|this)`;
  return { region, regionText, receiver: `(?<![\\w$.])${parts.join('\\s*\\??\\.\\s*')}` };
}

function methodsCalledOn(uses: ReceiverUses): IterableIterator<RegExpMatchArray> {
  return uses.regionText.matchAll(new RegExp(`${uses.receiver}\\s*\\??\\.\\s*([A-Za-z_$][\\w$]*)\\s*(?:\\?\\.\\s*)?\\(([^()]{0,200})`, 'g'));
}

/** A command only Redis has (`zrange`, `hgetall`), not one a cache or Map API shares, nor the client's own API. */
function redisOnlyMethod(name: string): boolean {
  const lower = name.toLowerCase();
  return clientMethod(lower) && !SHARED_WITH_CACHES.has(lower.replace(/async$/, '')) && !CLIENT_API.has(lower);
}

/** A call only Redis answers: such a command, or a SET given Redis' own tokens (`set(k, v, 'EX', ttl)`). */
function onlyRedisAnswers(method: string, argumentsText: string): boolean {
  return redisOnlyMethod(method) || (method.toLowerCase().replace(/async$/, '') === 'set' && SET_TOKENS.test(argumentsText));
}

/**
 * A name-based guess is wrong when the receiver is also called with a method no Redis client has, or is
 * (re)assigned an object of another class, in the region where it lives (see the file's header).
 */
export function usedAsOtherThanClient(
  object: Node,
  receiverText: string,
  ancestry: Ancestry,
  textOf: (node: Node) => string,
  declaredWithin: (name: string, fn: Node) => boolean,
): boolean {
  const uses = receiverUses(object, receiverText, ancestry, textOf, declaredWithin);
  if (!uses) return false;
  const { regionText, receiver } = uses;
  // Methods a client was given here (`defineCommand('setMax', …)`) are its own.
  const defined = new Set([...regionText.matchAll(DEFINED_COMMAND)].map((m) => m[1].toLowerCase()));
  let foreign = false;
  for (const m of methodsCalledOn(uses)) {
    const name = m[1].toLowerCase();
    // A command no cache or Map API shares: a client, whatever else was added to it (Kue's `getKey`).
    if (redisOnlyMethod(name)) return false;
    if (!clientMethod(name) && !defined.has(name)) foreign = true;
  }
  if (foreign) return true;
  if (localCacheBesideRedis(receiverText, uses, textOf)) return true;
  // `data = this.__data__ = new MapCache(pairs)`: (re)assigned an object of another class there.
  const assigned = new RegExp(`${receiver}\\s*=\\s*(?:[\\w$.]+\\s*=\\s*)*new\\s+([A-Za-z_$][\\w$.]*)`, 'g');
  for (const m of regionText.matchAll(assigned)) if (!CLIENT_CLASS.test(m[1])) return true;
  return false;
}

/**
 * The converse, for a receiver not named like a client (`db`, `this.store`): the same code also sends it a command
 * only Redis has (`db.lrem(…)`, `store.hgetall(k)`) or gives its SET Redis' own tokens (`db.set(k, v, 'EX', ttl)`),
 * and calls it with nothing else: it is (likely) the client. The caller checks that the file imports one.
 */
export function runsRedisCommands(object: Node, receiverText: string, ancestry: Ancestry, textOf: (node: Node) => string, declaredWithin: (name: string, fn: Node) => boolean): boolean {
  const uses = receiverUses(object, receiverText, ancestry, textOf, declaredWithin);
  if (!uses) return false;
  let redis = false;
  for (const m of methodsCalledOn(uses)) {
    const name = m[1].toLowerCase();
    if (!clientMethod(name)) return false;
    if (onlyRedisAnswers(name, m[2])) redis = true;
  }
  return redis;
}

/** Any receiver's call: group 1 the receiver, group 2 the method. */
const ANY_CALL = /(?<![\w$.])([A-Za-z_$#][\w$#]*(?:\s*\??\.\s*#?[A-Za-z_$][\w$]*)*)\s*\??\.\s*([A-Za-z_$][\w$]*)\s*(?:\?\.\s*)?\(([^()]{0,200})/g;
const SET_TOKENS = /['"`](?:EX|PX|EXAT|PXAT|NX|XX|KEEPTTL)['"`]/i;

/**
 * `function track(db, messageIdCache, …)` calling `messageIdCache.set(id, key)` beside `db.set(key, packet, 'EX', ttl)`
 * and `db.lrem(…)`: a function given both a connection and something named a cache (not Redis) was given two
 * different things — the parameter used only with what caches also have is the in-process cache in front of the one
 * that plainly talks to Redis (a command only Redis has, or SET's own tokens).
 */
function localCacheBesideRedis(receiverText: string, uses: ReceiverUses, textOf: (node: Node) => string): boolean {
  const names = receiverText.split(/\s*\??\.\s*/);
  const words = identifierWords(names[names.length - 1]);
  if (names.length !== 1 || !words.includes('cache') || words.some((w) => w === 'redis' || w === 'valkey' || w === 'client' || w === 'conn' || w === 'connection')) return false;
  const params = uses.region.childForFieldName('parameters') ?? uses.region.childForFieldName('parameter');
  const parameters = new Set(params ? textOf(params).match(/[A-Za-z_$][\w$]*/g) : []);
  if (!parameters.has(names[0])) return false;
  for (const m of uses.regionText.matchAll(ANY_CALL)) {
    if (m[1] === names[0] || !parameters.has(m[1])) continue;
    if (onlyRedisAnswers(m[2], m[3])) return true;
  }
  return false;
}

/** The outermost ancestor of `node` (within its statement) whose type is in `types`. */
export function outermost(node: Node, types: ReadonlySet<string>, ancestry: Ancestry): Node | null {
  let found: Node | null = null;
  for (let p = ancestry.nearest(node, types); p; p = ancestry.nearest(p, types)) found = p;
  return found;
}

/**
 * Inside a class that says it keeps things in memory (`MemoryBloomFilter`, `InMemoryCache`), a receiver only
 * named like a client is that class's own store, not Redis (the caller checks that the file imports no client).
 */
export function inMemoryClass(object: Node, ancestry: Ancestry): boolean {
  const cls = ancestry.nearest(object, CLASS_TYPES);
  const name = cls?.childForFieldName('name') ?? (cls && ancestry.parent(cls)?.type === 'variable_declarator' ? ancestry.parent(cls)?.childForFieldName('name') : null);
  return !!name && identifierWords(name.text).includes('memory');
}

/**
 * `this.keys(pattern)` in a class that declares `keys` itself (a method, a field, `this.keys = …`):
 * the call runs the class's own code, whatever its name or arguments look like.
 */
export function callsOwnMember(object: Node, ancestry: Ancestry, textOf: (node: Node) => string): boolean {
  if (object.type !== 'this') return false;
  const member = ancestry.parent(object);
  const property = member?.type === 'member_expression' ? member.childForFieldName('property') : null;
  const cls = property && ancestry.nearest(object, CLASS_TYPES);
  if (!cls) return false;
  let byClass = ownMembers.get(ancestry);
  if (!byClass) ownMembers.set(ancestry, (byClass = new Map<number, ReadonlySet<string>>()));
  let names = byClass.get(cls.id);
  if (!names) byClass.set(cls.id, (names = memberNames(cls, textOf).instance));
  return names.has(textOf(property));
}

/** A class's member names, per statement walk (a class is read once however many `this.x()` calls it makes). */
const ownMembers = new WeakMap<Ancestry, Map<number, ReadonlySet<string>>>();
