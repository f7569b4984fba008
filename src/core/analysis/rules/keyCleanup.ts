/**
 * A key that a SET writes without a TTL and that other code deletes or expires has a life cycle: a
 * job's `finish()` deletes what its `start()` wrote, a cron removes an import's token when the import
 * is done. Only a crash in between leaves the key behind — worth a look (info), not a warning. The
 * other code is another function of the file (here) or another file (engine/workspaceKeys.ts).
 */
import { coversKeys, specificGlob, templateGlob } from '../clients/keyUse';
import { EXPIRE_COMMANDS } from '../extract/commands';
import type { ArgFact, CallFact, KeyArgFact } from '../extract/facts';
import { keyFactOf, keyText, namedTemplate, scriptKeys } from './callFacts';
import { DELETES, exclusivePaths } from './ttlFacts';

/**
 * How a written key is recognised elsewhere: its glob when specific (`import:*`), its expression when built by code
 * (`keys.doc({ id })`), its template when it names its parts and says something (`{prefix}:{queue}:active`, also
 * through a local: `const key = …`).
 */
interface KeyMark {
  glob: string | null;
  text: string | null;
  template: string | null;
  /** A local built in steps (`let key = …; key += ':active'`): the steps as written (see localSteps). */
  steps: string | null;
}

/** Globs of the keys `call` writes, when each names keys specifically enough to be matched (`import:{id}`, not `{key}`). */
export function writtenGlobs(call: CallFact): string[] | null {
  const keys = writtenKeyFacts(call);
  if (keys.length === 0) return null;
  const globs = keys.map(globOf);
  return globs.every((g): g is string => g !== null) ? globs : null;
}

/** A call elsewhere in the file that deletes or expires every key `write` writes (not one before it in its own function). */
export function cleanedInFile(write: CallFact, written: readonly ArgFact[], calls: readonly CallFact[], text: string): CallFact | undefined {
  const keyFacts = writtenKeyFacts(write);
  const factOf = (arg: ArgFact): KeyArgFact | undefined => keyFacts.find((k) => k.span.start.offset === arg.span.start.offset);
  const marks: KeyMark[] = written.map((arg) => {
    const fact = factOf(arg);
    return { glob: fact ? globOf(fact) : null, text: builtKeyText(arg), template: namedTemplate(fact), steps: localSteps(text, write, arg) };
  });
  if (marks.length === 0 || marks.some((m) => m.glob === null && m.text === null && m.template === null && m.steps === null)) return undefined;
  // Not one before the write in its own function, nor one on the other branch of its `if` (that path never wrote).
  const cleaners = cleanersOf(calls).filter((c) => c !== write && !(sameFunction(c, write) && (c.order < write.order || exclusivePaths(write, c))));
  const found = marks.map((mark) => cleaners.find((c) => cleanedKeys(c).some(([arg, key]) => matches(mark, arg, key) || (mark.steps !== null && localSteps(text, c, arg) === mark.steps))));
  return found.every((c) => c !== undefined) ? found[0] : undefined;
}

const cleanersCache = new WeakMap<readonly CallFact[], CallFact[]>();

/** The file's DEL/UNLINK/GETDEL, EXPIRE-family and EVAL calls (listed once per list of calls). */
function cleanersOf(calls: readonly CallFact[]): CallFact[] {
  let list = cleanersCache.get(calls);
  if (!list) {
    list = calls.filter((c) => DELETES.has(c.command) || EXPIRE_COMMANDS.has(c.command) || SCRIPTS.has(c.command));
    cleanersCache.set(calls, list);
  }
  return list;
}

/** The note a lowered finding gets: who removes the keys, and what is left to think about. */
export function cleanupNote(where: string, verb: string): string {
  return ` ${where} ${verb} such keys, so only a crash in between leaves one behind; a TTL would still bound that.`;
}

/** What `cleaner` does to the keys, for cleanupNote. */
export function cleanupVerb(cleaner: CallFact): string {
  return EXPIRE_COMMANDS.has(cleaner.command) ? 'expires' : 'deletes';
}

function matches(mark: KeyMark, arg: ArgFact | undefined, key: KeyArgFact | undefined): boolean {
  const glob = cleanedGlob(arg, key);
  if (mark.glob !== null && glob !== null && specificGlob(glob) && coversKeys(glob, mark.glob)) return true;
  if (mark.template !== null && namedTemplate(key) === mark.template) return true;
  return mark.text !== null && arg !== undefined && builtKeyText(arg) === mark.text;
}

/**
 * The key arguments a DEL/UNLINK (all), GETDEL or EXPIRE (the first) removes or expires, and those a script
 * given them deletes or expires (`redis.call('DEL', KEYS[1])`), each with its template.
 */
function cleanedKeys(call: CallFact): Array<[ArgFact | undefined, KeyArgFact | undefined]> {
  if (SCRIPTS.has(call.command)) return scriptCleanedKeys(call).map((arg) => [arg, keyFactOf(call, arg)]);
  const args = DELETES.has(call.command) && call.command !== 'getdel' ? call.args : call.args.slice(0, 1);
  return args.map((arg) => [arg, keyFactOf(call, arg)]);
}

const SCRIPTS = new Set(['eval', 'eval_ro', 'evalro']);
const SCRIPT_CLEANS = /(?:redis|server)\s*\.\s*p?call\s*\(\s*(['"])(?:del|unlink|getdel|p?expire(?:at)?)\1\s*,\s*KEYS\s*\[\s*(\d+)\s*\]/gi;

/** The keys of `eval(script, …)` that its (literal) script deletes or expires. */
function scriptCleanedKeys(call: CallFact): ArgFact[] {
  const script = call.args[0];
  const source = script?.kind === 'string' ? script.value : script?.kind === 'template' ? script.text : script?.kind === 'other' ? script.literal : undefined;
  const keys = source ? scriptKeys(call) : null;
  if (!source || !keys) return [];
  return [...source.matchAll(SCRIPT_CLEANS)].map((m) => keys[Number(m[2]) - 1]).filter((k): k is ArgFact => k !== undefined);
}

function writtenKeyFacts(call: CallFact): KeyArgFact[] {
  return call.command === 'mset' ? (call.keys ?? []) : (call.keys ?? []).slice(0, 1);
}

/** The glob of a deleted key: its template, else (a script's key, which has none) as written. */
function cleanedGlob(arg: ArgFact | undefined, key: KeyArgFact | undefined): string | null {
  return key?.template != null ? templateGlob(key.template) : arg ? writtenGlob(arg) : null;
}

/** A key as written (`` `report:${id}:csv` `` → `report:*:csv`). */
function writtenGlob(arg: ArgFact): string | null {
  if (arg.kind === 'string') return arg.value;
  return arg.kind === 'template' ? arg.text.slice(1, -1).replace(/\$\{[^}]*\}/g, '*').replace(/\*+/g, '*') : null;
}

function globOf(key: KeyArgFact): string | null {
  const glob = key.template === null ? null : templateGlob(key.template);
  return glob !== null && specificGlob(glob) ? glob : null;
}

/**
 * How the local a call's key argument names is built in the call's function, before the call (`let key = \`${prefix}:${q}\`;
 * if (group) key += \`:${group}\`; key += ':active'`: each assignment as written): two functions that build a local by the
 * same steps build the same key. Null for anything but a bare name assigned there, and when no step holds a word.
 */
function localSteps(text: string, call: CallFact, arg: ArgFact | undefined): string | null {
  const name = keyText(arg);
  if (!name || !/^[A-Za-z_$][\w$]*$/.test(name) || !call.scope) return null;
  const before = text.slice(call.scope.start.offset, call.call.start.offset);
  const assignment = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*(\\+?=)(?![=>])\\s*([^;\\n]*)`, 'g');
  const steps = [...before.matchAll(assignment)].map((m) => m[1] + m[2].replace(/\s+/g, '')).join(';');
  // A word in the literal parts (`:active`), not only delimiters between variables.
  return /(['"`])[^'"`]*?[A-Za-z][^'"`]*?\1/.test(steps.replace(/\$\{[^}]*\}/g, '')) ? steps : null;
}

/** A key expression (`keys.docLines({ doc_id })`, `prefix + id`, a literal), not a bare name any function may use for any key. */
function builtKeyText(arg: ArgFact): string | null {
  const text = keyText(arg);
  return text !== null && !/^[\w$]+$/.test(text) ? text : null;
}

function sameFunction(a: CallFact, b: CallFact): boolean {
  return (a.scope?.start.offset ?? -1) === (b.scope?.start.offset ?? -1);
}

/** Globs of the keys the file deletes or expires — DEL/UNLINK/GETDEL, EXPIRE, scripts given them — for the other files' life-cycle check (workspaceKeys.ts). */
export function cleanedGlobs(calls: readonly CallFact[]): string[] {
  const out: string[] = [];
  for (const call of cleanersOf(calls)) {
    for (const [arg, key] of cleanedKeys(call)) {
      const glob = cleanedGlob(arg, key);
      if (glob) out.push(glob);
    }
  }
  return out;
}
