/**
 * What a call's arguments say about its receiver when the receiver itself cannot be resolved:
 * some shapes only make sense on Redis (`keys('user:*')`, `set(k, v, 'EX', 60)`), others merely
 * look like Redis (`hgetall(key)`, `get('session:' + id)`).
 */
import type { Node } from 'web-tree-sitter';
import { literalString } from '../syntax';
import { TTL_TOKENS } from './commands';

export type CallShape = 'redis-only' | 'redis-looking' | 'none';

const SHAPE_TOKENS = new Set([...TTL_TOKENS, 'nx', 'xx', 'get']);

/** Command names no common JavaScript API uses (unlike get/set/del/keys/expire). */
const REDIS_ONLY_NAMES = new Set([
  'hgetall', 'smembers', 'lrange', 'zrange', 'flushall', 'flushdb', 'setnx', 'setex', 'psetex', 'pexpire', 'expireat', 'pexpireat',
  'hset', 'hmset', 'hsetnx', 'hincrby', 'sadd', 'zadd', 'zincrby', 'lpush', 'rpush', 'incrby', 'decrby', 'mset', 'msetnx', 'getset', 'pfadd',
]);

/** Names of variables that usually hold a key or a key pattern. */
const KEY_NAME = /key|pattern|prefix|match/i;

/**
 * The literal parts of a string, template or `+` concatenation (`` `queue:${name}*` `` → `queue:*`),
 * or undefined when the argument is not built from literals.
 */
export function literalParts(node: Node, textOf: (n: Node) => string): string | undefined {
  const exact = literalString(node);
  if (exact !== undefined) return exact;
  if (node.type === 'template_string') return textOf(node).slice(1, -1).replace(/\$\{[^}]*\}/g, '');
  if (node.type === 'binary_expression' && node.childForFieldName('operator')?.text === '+') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const parts = [left, right].map((n) => (n ? literalParts(n, textOf) : undefined));
    return parts.some((p) => p !== undefined) ? parts.map((p) => p ?? '').join('') : undefined;
  }
  return undefined;
}

function keyLike(node: Node | undefined, textOf: (n: Node) => string, depth = 0): boolean {
  if (!node || depth > 8) return false;
  const literal = literalParts(node, textOf);
  if (literal !== undefined && /[:*?[]/.test(literal)) return true;
  if (node.type === 'identifier' || node.type === 'member_expression') return KEY_NAME.test(textOf(node).split('.').pop() ?? '');
  // `keyPrefix + id`, `` `${this.prefix}${id}` ``, `this.keyFor(id)`: a key built from a key-named part.
  if (node.type === 'binary_expression' && node.childForFieldName('operator')?.text === '+') {
    return keyLike(node.childForFieldName('left') ?? undefined, textOf, depth + 1) || keyLike(node.childForFieldName('right') ?? undefined, textOf, depth + 1);
  }
  if (node.type === 'template_string') {
    return node.namedChildren.some((part) => part?.type === 'template_substitution' && keyLike(part.firstNamedChild ?? undefined, textOf, depth + 1));
  }
  if (node.type === 'call_expression') {
    const callee = node.childForFieldName('function');
    const name = callee && (callee.type === 'identifier' || callee.type === 'member_expression') ? (textOf(callee).split('.').pop() ?? '') : '';
    return /key|prefix/i.test(name) && !/^keys$/i.test(name);
  }
  return false;
}

/** An object literal whose keys are all SET options in capitals (`EX`, `PX`, `NX`, `XX`, `KEEPTTL`, `GET`…). */
function setOptionsObject(node: Node, textOf: (n: Node) => string): boolean {
  if (node.type !== 'object') return false;
  const keys = node.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
  return (
    keys.length > 0 &&
    keys.every((pair) => {
      const key = pair.type === 'pair' ? pair.childForFieldName('key') : pair.type === 'shorthand_property_identifier' ? pair : null;
      const name = key ? textOf(key).replace(/^['"]|['"]$/g, '') : '';
      return name === name.toUpperCase() && SHAPE_TOKENS.has(name.toLowerCase());
    })
  );
}

export function callShape(command: string, args: readonly Node[], textOf: (n: Node) => string): CallShape {
  if (command === 'keys') {
    const pattern = args[0] ? literalParts(args[0], textOf) : undefined;
    if (pattern !== undefined && /[*?[]/.test(pattern)) return 'redis-only';
  }
  if (command === 'set') {
    const token = args.slice(2).some((a) => {
      const t = literalString(a);
      return t !== undefined && SHAPE_TOKENS.has(t.toLowerCase());
    });
    // node-redis v4's options object, written in SET's own words: `{ PX: timeout, NX: true }`.
    if (token || (args[2] && setOptionsObject(args[2], textOf))) return 'redis-only';
  }
  // `script('LOAD', lua)`, `eval(lua, 1, key)`, `evalsha(sha, 0)`: Redis scripting, whatever the receiver is called.
  if (command === 'script' && /^(?:load|flush|exists|kill)$/i.test((args[0] && literalString(args[0])) ?? '')) return 'redis-only';
  if ((command === 'eval' || command === 'evalsha' || command === 'evalro' || command === 'evalsha_ro') && args[1]?.type === 'number') return 'redis-only';
  return REDIS_ONLY_NAMES.has(command) || keyLike(args[0], textOf) ? 'redis-looking' : 'none';
}
