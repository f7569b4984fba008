/**
 * Facts about one call on its own: what a SET's options say, which key text a command touches, and
 * MSET's key/value pairs. Cross-call reasoning (does a TTL follow?) lives in ttlFacts.ts.
 */
import { TTL_TOKENS } from '../extract/commands';
import type { ArgFact, CallFact, KeyArgFact } from '../extract/facts';

/** SET option keys of node-redis and upstash (lower case); any other key is a format we do not know. */
/** Names a callback passed last usually has. */
/** A callback passed by name: `cb`, `done`, `onReply`…, and node_redis v2/v3's README idiom `redis.print` (or `console.log`). */
const CALLBACK_NAME = /^(?:cb|callback|done|next|fn|resolve|reject|[A-Za-z_$][\w$]*(?:Callback|Handler|Done|Cb)|[A-Za-z_$][\w$]*\s*\.\s*print|console\s*\.\s*(?:log|error|info|warn))$/;

const KNOWN_OPTION_KEYS = new Set(['ex', 'px', 'exat', 'pxat', 'keepttl', 'nx', 'xx', 'get', 'expiration', 'condition', 'expiry', 'conditionalset', 'returnoldvalue']);

export interface SetOptions {
  ttl: boolean;
  keepTtl: boolean;
  nx: boolean;
  /** `XX`: only overwrites a key that exists, never creates one. */
  xx: boolean;
  /** Options we cannot read statically (a variable, a spread, a call): do not report. */
  unknown: boolean;
  /** The TTL, NX or XX came as positional tokens (`'EX', 60`), which node-redis v4+ ignores (see nodeRedisForms.ts). */
  tokens: boolean;
  /** The TTL, NX or XX came in an options object (`{ EX: 60 }`). */
  object: boolean;
  /** A TTL that an options object gets only on some paths (`const opts = {}; if (ttl) opts.EX = ttl;`). */
  someTtl: boolean;
}

function isFalsy(arg: ArgFact): boolean {
  return arg.kind === 'keyword' && arg.value !== 'true';
}

/** Reads SET options in every client's form: tokens (ioredis), `{ EX }`/`{ expiration }` (node-redis), `{ ex }` (upstash). */
export function setOptions(call: CallFact): SetOptions {
  const out: SetOptions = { ttl: false, keepTtl: false, nx: call.command === 'setnx' || call.command === 'msetnx', xx: false, unknown: false, tokens: false, object: false, someTtl: false };
  // SETNX takes a key and a value: a third argument (`setNX(key, '1', ttl)`) is a wrapper's own, whose TTL is unknown.
  if (call.command === 'setnx' && withoutCallback(call.args).length > 2) out.unknown = true;
  if (call.command !== 'set') return out;
  // `set(args, cb)`: node_redis's argument list built at run time (`args.push('EX', ttl)`): what it holds is unknown.
  const second = call.args[1];
  const isCallback = second?.kind === 'function' || (second?.kind === 'other' && call.args.length === 2 && CALLBACK_NAME.test(second.text));
  if (isCallback && call.args[0]?.kind !== 'string' && call.args[0]?.kind !== 'template') out.unknown = true;
  const options = call.args.slice(2);
  for (let i = 0; i < options.length; i++) {
    const arg = options[i];
    switch (arg.kind) {
      case 'string': {
        const token = arg.value.toLowerCase();
        if (token === 'keepttl') out.keepTtl = true;
        else if (TTL_TOKENS.has(token)) {
          out.ttl = true;
          // `'EX', ttl`: the token's value, whatever expression gives it.
          if (options[i + 1] && options[i + 1].kind !== 'spread' && options[i + 1].kind !== 'function') i++;
        }
        else if (token === 'nx') out.nx = true;
        else if (token === 'xx') out.xx = true;
        else break;
        out.tokens = true;
        break;
      }
      case 'object': {
        if (!arg.props) {
          out.unknown = true;
          break;
        }
        out.object = true;
        // Members filled in after the declaration, on some paths: a TTL there leaves the other paths without one.
        for (const name of arg.filled ?? []) {
          const lower = name.toLowerCase();
          if (name === '*') out.unknown = true;
          else if (TTL_TOKENS.has(lower) && lower !== 'keepttl') out.someTtl = true;
          // `{ PX, ...(override ? {} : { NX: true }) }` written in the call: a lock taken on the paths that spread it in.
          else if (lower === 'nx' && arg.inline) out.nx = true;
          else if (arg.inline && !KNOWN_OPTION_KEYS.has(lower)) out.unknown = true;
        }
        for (const prop of arg.props) {
          const key = prop.key.toLowerCase();
          if (isFalsy(prop.value)) continue;
          if (key === 'keepttl') out.keepTtl = true;
          else if (key === 'expiration' || key === 'expiry') {
            // node-redis v5 `expiration: 'KEEPTTL'`, Valkey GLIDE `expiry: 'keepExisting'`; else a TTL.
            if (prop.value.kind === 'string' && /^(?:keepttl|keepexisting)$/i.test(prop.value.value)) out.keepTtl = true;
            else out.ttl = true;
          } else if (TTL_TOKENS.has(key)) out.ttl = true;
          else if (key === 'nx') out.nx = true;
          else if (key === 'xx') out.xx = true;
          else if (key === 'condition' || key === 'conditionalset') {
            // node-redis v5 `condition: 'NX'`, Valkey GLIDE `conditionalSet: 'onlyIfDoesNotExist'` (and their XX forms).
            if (prop.value.kind !== 'string') out.unknown = true;
            else if (/^(?:nx|onlyifdoesnotexist)$/i.test(prop.value.value)) out.nx = true;
            else if (/^(?:xx|onlyifexists)$/i.test(prop.value.value)) out.xx = true;
          } else if (!KNOWN_OPTION_KEYS.has(key)) {
            // A wrapper's own option format (`{ expire: { mode: 'PX', … } }`): what it does is unknown.
            out.unknown = true;
          }
        }
        break;
      }
      case 'number':
        // `set(key, value, 60)` is no Redis SET form (the number would follow EX/PX): a cache library's TTL argument.
        if (arg === call.args[2]) out.unknown = true;
        break;
      case 'keyword':
      case 'function':
        break;
      default:
        // `set(k, v, done)`: a callback passed by name (node-redis v2/v3, ioredis) is no option.
        if (!(arg === call.args[call.args.length - 1] && arg.kind === 'other' && CALLBACK_NAME.test(arg.text))) out.unknown = true;
    }
  }
  return out;
}

/** The arguments before a trailing callback (`del(key, cb)`, `del(key, function (err) {…})` of callback-style clients). */
export function withoutCallback(args: readonly ArgFact[]): readonly ArgFact[] {
  const last = args[args.length - 1];
  const isCallback = last?.kind === 'function' || (last?.kind === 'other' && args.length > 1 && CALLBACK_NAME.test(last.text));
  return isCallback ? args.slice(0, -1) : args;
}

export function keyText(arg: ArgFact | undefined): string | null {
  if (!arg || arg.kind === 'spread' || arg.kind === 'function') return null;
  return arg.kind === 'string' ? `'${arg.value}'` : arg.text.replace(/\s+/g, '');
}

/**
 * A key's text (see keyText) as an id that tells keys apart across the file: a bare name (`key`) or names joined
 * (`this.prefix + key`) are made of its own function's variables — another function's `prefix + key` may hold anything —
 * so they count within the call's function only; a field (`this.lockKey`) or a key with literal text (`'lock:' + job`, a
 * template) names the same key anywhere.
 */
export function keyTextId(call: CallFact, text: string | null): string {
  const local = text !== null && (/^[A-Za-z_$][\w$]*$/.test(text) || /^[A-Za-z_$][\w$.]*(?:\s*\+\s*[A-Za-z_$][\w$.]*)+$/.test(text));
  return local ? `${call.scopeKey}|${text}` : `|${text}`;
}

/** The key fact (its template) of `call`'s key argument `arg`. */
export function keyFactOf(call: CallFact, arg: ArgFact | undefined): KeyArgFact | undefined {
  return arg && call.keys?.find((k) => k.span.start.offset === arg.span.start.offset);
}

/**
 * A key's template when every variable part is named and the literal parts hold a word (`{prefix}:{queue}:active`,
 * not `{prefix}:{id}`): two functions building such a key, inline or in a local (`const key = …`), build the same key.
 */
export function namedTemplate(key: KeyArgFact | undefined): string | null {
  const template = key?.template;
  if (!template || template.includes('{?}')) return null;
  return /[\p{L}\p{N}]/u.test(template.replace(/\{[^{}]*\}/g, '')) ? template : null;
}

export function sameKey(a: ArgFact | undefined, b: ArgFact | undefined): boolean {
  const ka = keyText(a);
  return ka !== null && ka === keyText(b);
}

export function sameClient(a: CallFact, b: CallFact): boolean {
  const strip = (s: string): string => s.replace(/\s+/g, '');
  return a.client.chainKey !== null ? a.client.chainKey === b.client.chainKey : strip(a.client.receiverText) === strip(b.client.receiverText);
}

/** Keys written by SET/GETSET/MSET, or null when MSET's keys cannot be listed statically. */
export function writtenKeys(call: CallFact): ArgFact[] | null {
  if (call.command !== 'mset' && call.command !== 'msetnx') return call.args[0] ? [call.args[0]] : [];
  const pairs = msetPairs(call);
  return pairs ? pairs.map((p) => p.key) : null;
}

export interface KeyValuePair {
  key: ArgFact;
  value: ArgFact;
}

/** MSET arguments as pairs: flat (`k1, v1, …`), one flat array, tuples, or an object literal. */
export function msetPairs(call: CallFact): KeyValuePair[] | null {
  const args = call.args;
  const flat = args.length === 1 && args[0].kind === 'array' ? args[0].elements : args;
  if (flat.length > 0 && flat.every((a) => a.kind === 'array')) {
    const pairs = flat.map((t) => (t.kind === 'array' && t.elements.length === 2 ? { key: t.elements[0], value: t.elements[1] } : null));
    return pairs.every((p) => p !== null) ? (pairs) : null;
  }
  // `mset({ [keys.doc(id)]: lines, … })`: keys built by code.
  if (flat.length === 1 && flat[0].kind === 'object' && flat[0].computed) return flat[0].computed;
  if (flat.length === 1 && flat[0].kind === 'object' && flat[0].inline && flat[0].props) {
    return flat[0].props.map((p) => ({ key: { kind: 'string', value: p.key, text: `'${p.key}'`, span: p.value.span, resolved: true }, value: p.value }));
  }
  if (flat.length >= 2 && flat.length % 2 === 0 && flat.every((a) => a.kind !== 'spread' && a.kind !== 'object' && a.kind !== 'array')) {
    const pairs: KeyValuePair[] = [];
    for (let i = 0; i < flat.length; i += 2) pairs.push({ key: flat[i], value: flat[i + 1] });
    return pairs;
  }
  return null;
}

/** `eval(script, 2, k1, k2, …)` (ioredis) or `eval(script, { keys: [...] })` (node-redis). */
export function scriptKeys(call: CallFact): ArgFact[] | null {
  const [, second, ...rest] = call.args;
  if (second?.kind === 'number') return rest.slice(0, second.value);
  if (second?.kind === 'object' && second.props) {
    const keys = second.props.find((p) => p.key === 'keys')?.value;
    return keys?.kind === 'array' ? keys.elements : null;
  }
  return null;
}
