import { identifierWords } from '../extract/identifierWords';
import type { Rule } from './ruleTypes';

/** Names that say test tooling shipped outside test folders (`class IORedisTest`, `resetFixtures`, `MockRedis`). */
const TEST_TOOLING = new Set(['test', 'tests', 'testing', 'mock', 'mocks', 'fixture', 'fixtures', 'fake', 'fakes', 'stub', 'stubs']);

function inTestTooling(owner: string): boolean {
  return owner.split(/[^\w$]+/).some((name) => identifierWords(name).some((w) => TEST_TOOLING.has(w)));
}

export const noFlush: Rule = {
  meta: {
    id: 'no-flush',
    title: 'FLUSHALL / FLUSHDB outside tests',
    why: 'FLUSHALL and FLUSHDB delete every key and block the server unless ASYNC is given.',
    defaultSeverity: 'warning',
    testSeverity: 'off',
    fixable: false,
    fixAllSafe: false,
  },
  check(ctx) {
    for (const call of ctx.calls) {
      if (call.command !== 'flushall' && call.command !== 'flushdb') continue;
      // A test helper's reset, like a test file's, is what FLUSHALL is for.
      if (inTestTooling(call.owner)) continue;
      // `if (IS_DEV_ENV || IS_TEST_ENV) await client.flushAll()`: a development reset, kept out of production.
      if (call.outsideProduction) continue;
      const name = call.command.toUpperCase();
      ctx.report({
        span: call.report,
        confidence: call.client.confidence,
        message: `${name} deletes every key${call.command === 'flushall' ? ' in every database' : ''} and blocks the server unless ASYNC; delete by prefix with SCAN + UNLINK instead.`,
      });
    }
  },
};
