import { normalizeReceiver } from '../extract/extractEntry';
import { insertAt } from '../fixes/textEdits';
import type { Rule } from './ruleTypes';

export const missingErrorListener: Rule = {
  meta: {
    id: 'missing-error-listener',
    title: 'node-redis client without an error listener',
    why: 'node-redis emits `error` on connection problems, and an unhandled `error` event crashes the process.',
    defaultSeverity: 'warning',
    testSeverity: 'info',
    fixable: true,
    fixAllSafe: true,
  },
  check(ctx) {
    // A listener on a function's local counts for that function's client of the name only (another function may have
    // a `client` of its own that nothing listens on); one on a module-level name or a member counts file-wide.
    const listened = new Set(ctx.listeners.filter((l) => !l.handedOn && !l.scopeKey).map((l) => l.receiverText));
    const listenedLocally = new Set(ctx.listeners.filter((l) => !l.handedOn && l.scopeKey).map((l) => `${l.scopeKey}|${l.receiverText}`));
    const isListened = (creation: (typeof ctx.creations)[number], name: string): boolean =>
      listened.has(name) || (creation.scopeKey !== undefined && listenedLocally.has(`${creation.scopeKey}|${name}`)) || (creation.aliases ?? []).some((a) => listened.has(normalizeReceiver(a)));
    // Module-level clients handed to a library in another statement (`new RedisStore({ client })`).
    const handedOn = new Set(ctx.listeners.filter((l) => l.handedOn).map((l) => l.receiverText));
    for (const creation of ctx.creations) {
      if (creation.kind.family !== 'node-redis' || creation.chainedErrorListener || creation.returned) continue;
      if (creation.bindingText ? isListened(creation, normalizeReceiver(creation.bindingText)) : creation.storedOutside && !creation.passedOn && !creation.handedToOwnCode) continue;
      // Exported and given its listener by an importer (the app's entry point), as far as the files analysed so far tell.
      if (!creation.enclosingFunction && creation.bindingText && ctx.listenedElsewhere?.(creation.bindingText)) continue;
      // Only handed out: the file sends nothing on it itself (a module that also uses it is a user that never listens).
      const handedOut = creation.handedToImporters && creation.bindingText !== null && !ctx.calls.some((c) => normalizeReceiver(c.client.receiverText) === creation.bindingText);
      const note = handedOut ? ' The modules that call its exported getter get this client: unless one of them attaches the listener, add it where it is created.' : '';
      ctx.report({
        span: creation.span,
        confidence: 'certain',
        message: `node-redis emits 'error' on connection problems and an unhandled 'error' event crashes the process; add .on('error', …).${note}`,
        // Handed to a queue, store or adapter, which usually attaches its own listener, or to the modules that call the
        // exported getter (which this file cannot see): say so quietly.
        severityCap: creation.passedOn || handedOut || (creation.bindingText !== null && handedOn.has(creation.bindingText)) ? 'info' : undefined,
        fixes: [
          {
            title: "Add .on('error', …) to the client",
            edits: [insertAt(creation.span.end, `.on('error', (err) => console.error('Redis client error', err))`)],
            isPreferred: true,
          },
        ],
      });
    }
  },
};
