/**
 * node-redis v4 and later read SET's options from an object (`{ EX: 60, NX: true }`) and drop the positional
 * tokens of ioredis and node-redis v3 (`'EX', 60, 'NX'`) without a word: such a SET never expires, and its NX
 * does not make it a lock. Which node-redis a file uses is known from the installed version
 * (`nodeRedisMajor`, read from the project's package.json or lockfile), else from the file itself: node-redis's
 * camelCase command methods (`hGetAll`, `setEx`), `RedisClientType`, `@redis/client`, `commandOptions(…)`, or
 * `.connect()` in a file that uses node-redis and not ioredis (v3 connects by itself). `legacyMode: true`
 * keeps v3's forms, so the file must create the client (and not in legacy mode) or call v4's camelCase methods on
 * the receiver; code that also speaks another form (ioredis in the file, an options object in the other branch)
 * chooses one at run time.
 */
import { COMMANDS, TTL_TOKENS } from '../extract/commands';
import type { ArgFact, CallFact, ClientFamily, CreationFact } from '../extract/facts';
import type { ResolvedOptions } from '../types';
import type { DraftEdit } from './ruleTypes';

interface FileView {
  readonly text: string;
  readonly calls: readonly CallFact[];
  readonly creations: readonly CreationFact[];
  readonly families: ReadonlySet<ClientFamily>;
  readonly options: ResolvedOptions;
}

const LEGACY_MODE = /\blegacyMode\s*:\s*true\b/;
const V4_TEXT = /\bRedisClientType\b|['"]@redis\/client['"]|\bcommandOptions\s*\(/;
const CONNECT = /\.\s*connect\s*\(\s*\)/;
const CAMEL_METHOD = /^[a-z]+[A-Z]/;

/** Client methods in camelCase that are not node-redis v4's commands (ioredis's, EventEmitter's). */
const NOT_V4 = new Set(['definecommand', 'sendcommand', 'addlistener', 'prependlistener', 'removelistener', 'callbuffer']);

/** A Redis command written in node-redis v4's camelCase (`hGetAll`, `setEx`), not ioredis's `getBuffer`, `scanStream` or `defineCommand`. */
function camelCommand(method: string): boolean {
  const lower = method.toLowerCase();
  return CAMEL_METHOD.test(method) && COMMANDS.has(lower) && !NOT_V4.has(lower) && !/(?:Buffer|Stream)$/.test(method);
}

/** One file's answer, kept while the same text and calls are asked about (every SET of a file asks). */
let memo: { text: string; calls: readonly CallFact[]; v4: boolean } | null = null;

/** Does node-redis, as this file uses it, ignore `call`'s positional SET options? */
export function dropsPositionalOptions(call: CallFact, file: FileView): boolean {
  if (call.form !== 'method' || file.options.nodeRedisMajor === 3 || LEGACY_MODE.test(file.text)) return false;
  // Code written for several clients (ioredis too, or node-redis's object form in the other branch of the same `if`)
  // picks the form at run time: the positional one is then meant for another client.
  if (file.families.has('ioredis') || file.calls.some((c) => c !== call && c.command === 'set' && c.args.slice(2).some((a) => a.kind === 'object') && otherBranch(call, c))) return false;
  // v4's own methods on this receiver (`client.hGetAll`): node-redis v4+, not in legacy mode, whatever its package says.
  const v4Methods = file.calls.some((c) => c.client.receiverText === call.client.receiverText && c.form === 'method' && camelCommand(c.method));
  if (call.client.kind === null || v4Methods) return v4Methods;
  // `legacyMode` is set where a client is created: without v4's methods, only a file that creates one can tell.
  if (call.client.kind.family !== 'node-redis' || !file.creations.some((c) => c.kind.family === 'node-redis')) return false;
  if (file.options.nodeRedisMajor === 4 || file.options.nodeRedisMajor === 5) return true;
  if (memo?.text !== file.text || memo.calls !== file.calls) memo = { text: file.text, calls: file.calls, v4: showsV4(file) };
  return memo.v4;
}

/** `a` and `b` sit in the two branches of one `if` or conditional. */
function otherBranch(a: CallFact, b: CallFact): boolean {
  const sides = new Map(b.branches.map((x) => [x.key.replace(/:(?:then|else)$/, ''), x.key]));
  return a.branches.some((x) => {
    const other = sides.get(x.key.replace(/:(?:then|else)$/, ''));
    return other !== undefined && other !== x.key;
  });
}

function showsV4(file: FileView): boolean {
  if (file.calls.some((c) => c.client.kind?.family === 'node-redis' && c.form === 'method' && camelCommand(c.method))) return true;
  if (!file.families.has('node-redis')) return false;
  return V4_TEXT.test(file.text) || (!file.families.has('ioredis') && CONNECT.test(file.text));
}

/** The positional options as written (`'EX', 1080, 'NX'`), and the object node-redis reads instead, when every one is known. */
export function positionalOptions(call: CallFact, major: ResolvedOptions['nodeRedisMajor']): { written: string; object: string | null; edits: DraftEdit[] } | null {
  const options = call.args.slice(2);
  if (options.length === 0) return null;
  const first = options[0];
  const last = options[options.length - 1];
  const written = options.map(argText).join(', ');
  const props: string[] = [];
  for (let i = 0; i < options.length; i++) {
    const arg = options[i];
    if (arg.kind !== 'string') return { written, object: null, edits: [] };
    const token = arg.value.toUpperCase();
    if (TTL_TOKENS.has(token.toLowerCase()) && token !== 'KEEPTTL') {
      const value = options[++i];
      if (!value || value.kind === 'spread' || value.kind === 'function') return { written, object: null, edits: [] };
      props.push(major === 5 ? `expiration: { type: '${token}', value: ${argText(value)} }` : `${token}: ${argText(value)}`);
    } else if (token === 'NX' || token === 'XX') {
      props.push(major === 5 ? `condition: '${token}'` : `${token}: true`);
    } else if (token === 'KEEPTTL' || token === 'GET') {
      props.push(major === 5 && token === 'KEEPTTL' ? `expiration: 'KEEPTTL'` : `${token}: true`);
    } else {
      return { written, object: null, edits: [] };
    }
  }
  const object = `{ ${props.join(', ')} }`;
  return { written, object, edits: [{ start: first.span.start, end: last.span.end, newText: object }] };
}

function argText(arg: ArgFact): string {
  return arg.text;
}
