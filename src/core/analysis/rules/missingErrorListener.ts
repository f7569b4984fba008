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
    const listened = new Set(ctx.listeners.filter((l) => !l.handedOn).map((l) => l.receiverText));
    // Module-level clients handed to a library in another statement (`new RedisStore({ client })`).
    const handedOn = new Set(ctx.listeners.filter((l) => l.handedOn).map((l) => l.receiverText));
    for (const creation of ctx.creations) {
      if (creation.kind.family !== 'node-redis' || creation.chainedErrorListener || creation.returned) continue;
      if (creation.bindingText ? listened.has(normalizeReceiver(creation.bindingText)) : creation.storedOutside && !creation.passedOn && !creation.handedToOwnCode) continue;
      // Exported and given its listener by an importer (the app's entry point), as far as the files analysed so far tell.
      if (!creation.enclosingFunction && creation.bindingText && ctx.listenedElsewhere?.(creation.bindingText)) continue;
      ctx.report({
        span: creation.span,
        confidence: 'certain',
        message: "node-redis emits 'error' on connection problems and an unhandled 'error' event crashes the process; add .on('error', …).",
        // Handed to a queue, store or adapter, which usually attaches its own listener: say so quietly.
        severityCap: creation.passedOn || (creation.bindingText !== null && handedOn.has(creation.bindingText)) ? 'info' : undefined,
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
