/**
 * A write of a key the function first requires to exist: it reads the key (EXISTS, GET, HGET, HGETALL…) and leaves
 * when the answer says it is missing — `if (!(await redis.exists(key))) return;`, `const data = await redis.get(key);
 * if (!data) throw …`, `if (!data) continue;` in a loop over keys (the read and the write share the iteration), or in a callback, `redis.get(key, (err, data) => { if (!data) return cb(…); … set(key, …) })`.
 * Such a write rewrites data that is there: it creates no key.
 */
import type { CallFact } from '../extract/facts';
import { sameClient } from './callFacts';
import { callIndex } from './callIndex';

export function requiredToExist(write: CallFact, key: string, calls: readonly CallFact[], text: string): boolean {
  return (callIndex(calls).probesByKey.get(key)?.list ?? []).some((c) => {
    if (c.order >= write.order || !sameClient(c, write)) return false;
    const inCallback = c.call.start.offset < write.call.start.offset && write.call.end.offset <= c.call.end.offset;
    if (!inCallback && c.scopeKey !== write.scopeKey) return false;
    const lineStart = text.lastIndexOf('\n', c.call.start.offset) + 1;
    const before = text.slice(lineStart, c.call.start.offset);
    const lineEnd = text.indexOf('\n', c.call.end.offset);
    const after = text.slice(c.call.end.offset, lineEnd < 0 ? text.length : lineEnd);
    // `continue` skips the write only when both are in the same loop's body.
    const exits = c.loop && write.loop && c.loop.statement.start.offset === write.loop.statement.start.offset ? 'return|throw|continue' : 'return|throw';
    // `if (!(await redis.exists(key))) return;`
    if (!inCallback && /\bif\s*\(\s*!\s*\(*\s*(?:await\s+)?$/.test(before) && new RegExp(`\\b(?:${exits})\\b`).test(after)) return true;
    // The answer in a local (`const data = await redis.get(key)`) or the callback's result parameter (`(err, data) =>`).
    const answer = inCallback ? callbackResult(text.slice(c.call.start.offset, write.call.start.offset)) : /\b([A-Za-z_$][\w$]*)\s*=\s*(?:await\s+)?$/.exec(before)?.[1];
    if (!answer) return false;
    const from = inCallback ? c.call.start.offset : c.call.end.offset;
    return missingExit(answer, exits).test(text.slice(from, write.call.start.offset));
  });
}

/** The result parameter of the first callback in `text` (`function (err, data) {`, `(err, data) =>`). */
function callbackResult(text: string): string | undefined {
  return /(?:\bfunction\b\s*[\w$]*\s*)?\(\s*[A-Za-z_$][\w$]*\s*,\s*([A-Za-z_$][\w$]*)\s*\)\s*(?:=>|\{)/.exec(text)?.[1];
}

/** `if (!data) return`, `if (data === null) throw`, `if (!data) { return cb(…) }`, `if (!data) continue`. */
function missingExit(name: string, exits: string): RegExp {
  const id = name.replace(/\$/g, '\\$');
  return new RegExp(`\\bif\\s*\\(\\s*(?:!\\s*${id}|${id}\\s*===?\\s*(?:null|undefined))\\s*\\)\\s*\\{?\\s*(?:${exits})\\b`);
}
