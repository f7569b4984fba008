/**
 * Rules judged from a connection's keys next to the code (Key Patterns: the editor's diagnostics
 * that know the data, `dist/cli.js patterns --redis`). A file alone never shows them, so their
 * checks report nothing; they are rules so that settings and project configs turn them off or
 * change their severity like any other (core/patterns/patternReport.ts makes the findings).
 */
import type { RuleId } from '../types';
import type { Rule } from './ruleTypes';

/** A rule judged from the data: info by default, off in test files, no fix, and no check on a file alone. */
function dataRule(id: RuleId, title: string, why: string): Rule {
  return {
    meta: { id, title, why, defaultSeverity: 'info', testSeverity: 'off', fixable: false, fixAllSafe: false, fromData: true },
    check: () => undefined,
  };
}

export const liveKeysWithoutTtl = dataRule(
  'live-keys-without-ttl',
  'Keys written without a TTL that have none on the server',
  'A pattern the code writes without a TTL has live keys without one on the connection analysed: they stay until deleted and grow memory.',
);

export const ttlMissingOnLiveKeys = dataRule(
  'ttl-missing-on-live-keys',
  'The code sets a TTL, but most live keys have none',
  'Every write in the code sets a TTL, yet most live keys of the pattern have none: older code or another service writes them without one.',
);

export const liveTypeMismatch = dataRule(
  'live-type-mismatch',
  'Live keys of a type the code never uses',
  'The server holds keys of the pattern with a type the code never writes or reads: commands of the code’s type fail on them with WRONGTYPE.',
);
