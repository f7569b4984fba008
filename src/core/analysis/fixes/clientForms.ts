/**
 * How each client spells SET options, so fixes write code in the file's own client API:
 * ioredis tokens (`'EX', 3600`), node-redis v4 `{ EX: 3600 }` / v5 `{ expiration: { type: 'EX', value: 3600 } }`,
 * upstash `{ ex: 3600 }`, Bun's client ioredis' tokens; none for Valkey GLIDE (see addSetOption). node-redis v3 promisified with Bluebird (`setAsync`) takes ioredis' tokens; it has no
 * pipeline or SCAN idiom that fits an `await`, so only the SET forms are written for it.
 */
import type { CallFact, ClientFamily } from '../extract/facts';
import type { NodeRedisMajor } from '../types';
import type { DraftEdit } from '../rules/ruleTypes';
import { insertAt, offsetOnLine, replaceSpan } from './textEdits';

export type TtlUnit = 'EX' | 'PX' | 'EXAT' | 'PXAT';
export type SetOption = { kind: 'ttl'; unit: TtlUnit; valueText: string } | { kind: 'keepttl' };

export const PLACEHOLDER_TTL_SECONDS = '3600';
export const PLACEHOLDER_LOCK_MS = '30000';

export function familyOf(call: CallFact): ClientFamily | null {
  return promisifiedV3(call) ? null : (call.client.kind?.family ?? null);
}

/** `client.setAsync(…)`: node-redis v3 after `bluebird.promisifyAll`, whatever the client was taken for. */
function promisifiedV3(call: CallFact): boolean {
  return call.form === 'method' && /async$/i.test(call.method);
}

/** SET options as command tokens (`'EX', 3600`): ioredis, Bun's client, and node-redis v2/v3's argument list. */
function takesTokens(call: CallFact, major: NodeRedisMajor | null): boolean {
  const family = call.client.kind?.family;
  return promisifiedV3(call) || family === 'ioredis' || family === 'bun' || (family === 'node-redis' && major === 3);
}

/**
 * Bun's client and Valkey GLIDE have no pipeline()/multi() chain or SCAN iterator to rewrite to (GLIDE's batches
 * and cluster scan are objects of their own). Both send commands issued together on one connection, pipelined.
 */
export function hasNoBatches(call: CallFact): boolean {
  const family = call.client.kind?.family;
  return family === 'bun' || family === 'glide';
}

/** node-redis v2/v3 (detected, or its promisified `…Async` methods): no promise-returning pipeline or SCAN idiom fits. */
export function callbackNodeRedis(call: CallFact, major: NodeRedisMajor | null): boolean {
  return promisifiedV3(call) || (call.client.kind?.family === 'node-redis' && major === 3);
}

/** The option as an object property in node-redis or upstash form. */
function optionProperty(family: ClientFamily, option: SetOption, major: NodeRedisMajor | null): string {
  if (family === 'upstash') return option.kind === 'keepttl' ? 'keepTtl: true' : `${option.unit.toLowerCase()}: ${option.valueText}`;
  if (major === 5) {
    return option.kind === 'keepttl' ? `expiration: 'KEEPTTL'` : `expiration: { type: '${option.unit}', value: ${option.valueText} }`;
  }
  // v4 form; v5 still accepts it (deprecated), so it is also the version-agnostic choice.
  return option.kind === 'keepttl' ? 'KEEPTTL: true' : `${option.unit}: ${option.valueText}`;
}

/** Edits that add `option` to a SET call, or null when the call's shape does not allow it safely. */
export function addSetOption(call: CallFact, option: SetOption, major: NodeRedisMajor | null): DraftEdit[] | null {
  const family = familyOf(call);
  // GLIDE's TTL option names an enum the file may not import (`{ expiry: { type: TimeUnit.Seconds, count } }`).
  if (family === 'glide') return null;
  if ((!family && !promisifiedV3(call)) || call.form !== 'method' || call.command !== 'set' || call.args.length < 2) return null;
  const [, value, options] = call.args;
  if (value.kind === 'spread') return null;
  if (takesTokens(call, major)) {
    const tokens = option.kind === 'keepttl' ? `'KEEPTTL'` : `'${option.unit}', ${option.valueText}`;
    return [insertAt(value.span.end, `, ${tokens}`)];
  }
  if (!family) return null;
  const property = optionProperty(family, option, major);
  if (!options) return [insertAt(value.span.end, `, { ${property} }`)];
  if (options.kind !== 'object' || !options.inline || !options.props) return null;
  if (options.props.length === 0) return [replaceSpan(options.span, `{ ${property} }`)];
  return [insertAt(offsetOnLine(options.span.start, 1), ` ${property},`)];
}

/**
 * `setnx(k, v)` → `set(k, v, <NX + PX in the client's form>)`; replaces from the method name on. A callback after
 * the value (node-redis v2/v3, ioredis) stays last: SETNX's 1/0 and SET NX's 'OK'/null are alike as conditions.
 */
export function setnxAsLockedSet(call: CallFact, major: NodeRedisMajor | null): DraftEdit[] | null {
  const family = familyOf(call);
  if (family === 'glide') return null;
  const callback = call.args.length === 3 && takesTokens(call, major) ? call.args[2] : undefined;
  if (callback && callback.kind !== 'function' && !(callback.kind === 'other' && /^[A-Za-z_$][\w$]*$/.test(callback.text))) return null;
  if ((!family && !promisifiedV3(call)) || call.form !== 'method' || call.args.length !== (callback ? 3 : 2) || call.args.some((a) => a.kind === 'spread')) return null;
  const [key, value] = call.args;
  let options: string;
  if (takesTokens(call, major)) options = `'PX', ${PLACEHOLDER_LOCK_MS}, 'NX'`;
  else if (family === 'upstash') options = `{ nx: true, px: ${PLACEHOLDER_LOCK_MS} }`;
  else if (major === 5) options = `{ condition: 'NX', expiration: { type: 'PX', value: ${PLACEHOLDER_LOCK_MS} } }`;
  else options = `{ NX: true, PX: ${PLACEHOLDER_LOCK_MS} }`;
  return [replaceSpan(call.report, `${promisifiedV3(call) ? 'setAsync' : 'set'}(${key.text}, ${value.text}, ${options}${callback ? `, ${callback.text}` : ''})`)];
}

/** TTL unit of an EXPIRE-family command. */
export function unitOfExpire(command: string): TtlUnit {
  return ({ expire: 'EX', pexpire: 'PX', expireat: 'EXAT', pexpireat: 'PXAT' } as const)[command as 'expire'] ?? 'EX';
}
