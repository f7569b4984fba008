/**
 * Rules judged from a connection's keys next to the code (Key Patterns: the editor's diagnostics
 * that know the data, `dist/cli.js patterns --redis`). A file alone never shows them, so their
 * checks report nothing; they are rules so that settings and project configs turn them off or
 * change their severity like any other (core/patterns/patternReport.ts makes the findings).
 */
import type { Rule } from './ruleTypes';

const noFileCheck = (): void => undefined;

export const liveKeysWithoutTtl: Rule = {
  meta: {
    id: 'live-keys-without-ttl',
    title: 'Keys written without a TTL that have none on the server',
    why: 'A pattern the code writes without a TTL has live keys without one on the connection analysed: they stay until deleted and grow memory.',
    defaultSeverity: 'info',
    testSeverity: 'off',
    fixable: false,
    fixAllSafe: false,
    fromData: true,
  },
  check: noFileCheck,
};

export const ttlMissingOnLiveKeys: Rule = {
  meta: {
    id: 'ttl-missing-on-live-keys',
    title: 'The code sets a TTL, but most live keys have none',
    why: 'Every write in the code sets a TTL, yet most live keys of the pattern have none: older code or another service writes them without one.',
    defaultSeverity: 'info',
    testSeverity: 'off',
    fixable: false,
    fixAllSafe: false,
    fromData: true,
  },
  check: noFileCheck,
};

export const liveTypeMismatch: Rule = {
  meta: {
    id: 'live-type-mismatch',
    title: 'Live keys of a type the code never uses',
    why: 'The server holds keys of the pattern with a type the code never writes or reads: commands of the code’s type fail on them with WRONGTYPE.',
    defaultSeverity: 'info',
    testSeverity: 'off',
    fixable: false,
    fixAllSafe: false,
    fromData: true,
  },
  check: noFileCheck,
};
