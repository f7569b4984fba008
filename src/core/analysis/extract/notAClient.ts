/**
 * A receiver that the same code also calls with a method no Redis client has — a Map's (`cache.has(k)`,
 * `store.delete(k)`, `seen.forEach(…)`) or a project's own (`cache.getUnCachedKeys(…)`) — or assigns
 * an object of another class (`cache = new MapCache()`), is not a client: a guess made from its name
 * ("likely") is dropped then. Resolved clients are never second-guessed.
 */
import type { Node } from 'web-tree-sitter';
import { CLASS_TYPES, FUNCTION_TYPES } from '../syntax';
import type { Ancestry } from './ancestry';
import { canonicalCommand } from './commands';
import { identifierWords } from './identifierWords';

/** Receivers this pass can name in a pattern: `cache`, `this.store`, `ctx.cache` (no calls, no brackets). */
const PLAIN_RECEIVER = /^[A-Za-z_$][\w$]*(?:\s*\??\.\s*#?[A-Za-z_$][\w$]*)*$/;
/** Class names a client may be made with (`new Redis`, `new IORedis.Cluster`, `new Upstash`, a project's `RedisClient`). */
const CLIENT_CLASS = /redis|cluster|valkey|upstash|client|connection/i;

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

/**
 * `declaredWithin(name, fn)`: `name` is declared in `fn` or a scope inside it, above `object` (the
 * function where a variable lives, rather than the callback it is used in).
 */
export function usedAsOtherThanClient(
  object: Node,
  receiverText: string,
  ancestry: Ancestry,
  textOf: (node: Node) => string,
  declaredWithin: (name: string, fn: Node) => boolean,
): boolean {
  if (!PLAIN_RECEIVER.test(receiverText)) return false;
  // `this.x` lives as long as its object: look in the whole class; a name, in the function that declares it.
  const root = receiverText.split(/[\s?.]/)[0];
  const onThis = root === 'this';
  let region = onThis ? ancestry.nearest(object, CLASS_TYPES) : ancestry.nearest(object, FUNCTION_TYPES);
  for (let fn = region; fn && !onThis && !declaredWithin(root, fn); ) {
    fn = ancestry.nearest(fn, FUNCTION_TYPES);
    if (fn) region = fn;
  }
  region ??= ancestry.statement;
  const parts = receiverText.split(/\s*\??\.\s*/).map((p) => p.replace(/\$/g, '\\$'));
  const receiver = `(?<![\\w$.])${parts.join('\\s*\\??\\.\\s*')}`;
  const regionText = textOf(region);
  // Methods a client was given here (`defineCommand('setMax', …)`) are its own.
  const defined = new Set([...regionText.matchAll(DEFINED_COMMAND)].map((m) => m[1].toLowerCase()));
  let foreign = false;
  for (const m of regionText.matchAll(new RegExp(`${receiver}\\s*\\??\\.\\s*([A-Za-z_$][\\w$]*)\\s*(?:\\?\\.\\s*)?\\(`, 'g'))) {
    const name = m[1].toLowerCase();
    // A command no cache or Map API shares (`zrange`, `hgetall`): a client, whatever else was added to it (Kue's `getKey`).
    if (clientMethod(name) && !SHARED_WITH_CACHES.has(name.replace(/async$/, '')) && !CLIENT_API.has(name)) return false;
    if (!clientMethod(name) && !defined.has(name)) foreign = true;
  }
  if (foreign) return true;
  // `data = this.__data__ = new MapCache(pairs)`: (re)assigned an object of another class there.
  const assigned = new RegExp(`${receiver}\\s*=\\s*(?:[\\w$.]+\\s*=\\s*)*new\\s+([A-Za-z_$][\\w$.]*)`, 'g');
  for (const m of regionText.matchAll(assigned)) if (!CLIENT_CLASS.test(m[1])) return true;
  return false;
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
