/**
 * A receiver that the same code also calls with a method no Redis client has (`cache.has(k)`,
 * `store.delete(k)`, `seen.forEach(…)`), or assigns an object of another class (`cache = new
 * MapCache()`), is a Map, an LRU or a cache library, not a client: a guess made from its name
 * ("likely") is dropped then. Resolved clients are never second-guessed.
 */
import type { Node } from 'web-tree-sitter';
import { FUNCTION_TYPES } from '../syntax';
import type { Ancestry } from './ancestry';

/** Methods of Map, Set, LRU caches and Keyv-style stores that ioredis, node-redis and upstash do not have. */
const NOT_REDIS_METHODS = 'has|delete|clear|forEach|entries|peek';
const CLASS_TYPES = new Set(['class_declaration', 'abstract_class_declaration', 'class']);
/** Receivers this pass can name in a pattern: `cache`, `this.store`, `ctx.cache` (no calls, no brackets). */
const PLAIN_RECEIVER = /^[A-Za-z_$][\w$]*(?:\s*\??\.\s*#?[A-Za-z_$][\w$]*)*$/;

export function usedAsMap(object: Node, receiverText: string, ancestry: Ancestry, textOf: (node: Node) => string): boolean {
  if (!PLAIN_RECEIVER.test(receiverText)) return false;
  // `this.x` lives as long as its object: look in the whole class; a name, in its function.
  const region = (receiverText.startsWith('this') ? ancestry.nearest(object, CLASS_TYPES) : ancestry.nearest(object, FUNCTION_TYPES)) ?? ancestry.statement;
  const parts = receiverText.split(/\s*\??\.\s*/).map((p) => p.replace(/\$/g, '\\$'));
  const receiver = `(?<![\\w$.])${parts.join('\\s*\\??\\.\\s*')}`;
  const regionText = textOf(region);
  if (new RegExp(`${receiver}\\s*\\??\\.\\s*(?:${NOT_REDIS_METHODS})\\s*\\(`).test(regionText)) return true;
  // `data = this.__data__ = new MapCache(pairs)`: (re)assigned an object of another class there.
  const assigned = new RegExp(`${receiver}\\s*=\\s*(?:[\\w$.]+\\s*=\\s*)*new\\s+([A-Za-z_$][\\w$.]*)`, 'g');
  for (const m of regionText.matchAll(assigned)) if (!CLIENT_CLASS.test(m[1])) return true;
  return false;
}

/** Class names a client may be made with (`new Redis`, `new IORedis.Cluster`, `new Upstash`, a project's `RedisClient`). */
const CLIENT_CLASS = /redis|cluster|valkey|upstash|client|connection/i;
