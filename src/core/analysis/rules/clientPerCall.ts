import type { CreationFact } from '../extract/facts';
import { deleteStatement, insertAt } from '../fixes/textEdits';
import { lineStartOf } from '../syntax';
import type { DraftFix, Rule, RuleContext } from './ruleTypes';

export const clientPerCall: Rule = {
  meta: {
    id: 'client-per-call',
    title: 'A new client (connection) per call',
    why: 'Creating a client inside a request handler opens a connection per request and exhausts the server’s clients.',
    defaultSeverity: 'warning',
    testSeverity: 'off',
    fixable: true,
    fixAllSafe: false,
  },
  check(ctx) {
    for (const creation of ctx.creations) {
      const fn = creation.enclosingFunction;
      // A client that escapes (returned, stored, handed on) is long-lived; only one used and dropped is per call.
      if (!fn || fn.role !== 'handler' || creation.storedOutside || creation.returned || creation.passedOn || creation.duplicated) continue;
      // Upstash (and @vercel/kv) talk HTTP: a client is a small object that opens no connection, and
      // `Redis.fromEnv()` per serverless handler is what their documentation shows.
      if (creation.kind.family === 'upstash') continue;
      const where = fn.name ? `${fn.name}()` : 'this function';
      ctx.report({
        span: creation.span,
        confidence: 'certain',
        message: `A new Redis client (a new connection) is created on every call of ${where}; create it once at module scope and reuse it.`,
        fixes: hoistFix(creation, ctx),
      });
    }
  },
};

function hoistFix(creation: CreationFact, ctx: RuleContext): DraftFix[] {
  const target = creation.hoistable;
  if (!target) return [];
  const insertOffset = lineStartOf(ctx.text, target.topLevelStart.start.offset);
  const insertPos = { offset: insertOffset, line: target.topLevelStart.start.line, column: 0 };
  // Re-indent continuation lines of a multi-line declaration to module level.
  const indent = ctx.text.slice(lineStartOf(ctx.text, target.statement.start.offset), target.statement.start.offset);
  const moved = target.declarationText.split('\n').map((line, i) => (i > 0 && line.startsWith(indent) ? line.slice(indent.length) : line));
  return [
    {
      title: 'Create the client once at module scope',
      edits: [insertAt(insertPos, `${moved.join('\n')}\n\n`), deleteStatement(ctx.text, target.statement)],
      isPreferred: true,
    },
  ];
}
