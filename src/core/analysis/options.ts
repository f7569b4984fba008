import { matchesAnyGlob } from './glob';
import { RULES } from './rules';
import {
  type AnalysisOptions,
  type Confidence,
  type ResolvedOptions,
  type ResolvedRuleSetting,
  type RuleId,
  type Severity,
  type SeveritySetting,
  RULE_IDS,
  SEVERITIES,
  isRuleId,
} from './types';

// The option types live in types.ts (the rules' vocabulary needs them, and this module needs the rules).
export type { AnalysisOptions, ResolvedOptions, ResolvedRuleSetting, RuleSetting, SeveritySetting } from './types';

export const DEFAULT_TEST_FILE_GLOBS = [
  '**/*{.,_,-}{test,spec,e2e,integration,servertest,itest,example}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  // A package's example scripts (`example.mjs`, `altExample.mjs`): demonstrations, read like tests.
  '**/{example,examples,*Example,*Examples}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/{test,tests,spec,specs,test-utils,test-helpers,testUtils,testHelpers,setupTests,test-setup,testSetup,mock,mocks,seed,seeds}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/{test,tests,__tests__,__test__,__mocks__,__fixtures__,fixtures,mocks,seeds,seeders,spec,specs,e2e,testing,test-utils,test-helpers,testutils,testhelpers,test-support,testcontainers,integration-tests,e2e-tests,bench,benchmark,benchmarks}/**',
  // A project's own test folders named for what they test (`sentinel-test/`, `cluster_tests/`).
  '**/*{-,_}{test,tests}/**',
];
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
export const DEFAULT_PARSE_TIMEOUT_MS = 5000;
export const DEFAULT_RULE_TIMEOUT_MS = 5000;

export class AnalysisOptionsError extends Error {}

const SEVERITY_SETTINGS: readonly string[] = [...SEVERITIES, 'off'];

function checkSeverity(value: unknown, where: string): SeveritySetting {
  if (typeof value === 'string' && SEVERITY_SETTINGS.includes(value)) return value as SeveritySetting;
  throw new AnalysisOptionsError(`${where} must be one of ${SEVERITY_SETTINGS.join(', ')} (got ${JSON.stringify(value)})`);
}

function resolveRules(input: unknown): Record<RuleId, ResolvedRuleSetting> {
  const out = {} as Record<RuleId, ResolvedRuleSetting>;
  for (const rule of RULES) {
    out[rule.meta.id] = { severity: rule.meta.defaultSeverity, testSeverity: rule.meta.testSeverity };
  }
  if (input === undefined) return out;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AnalysisOptionsError('"rules" must be an object mapping rule ids to a severity or { severity, testSeverity }');
  }
  for (const [id, value] of Object.entries(input)) {
    if (!isRuleId(id)) {
      throw new AnalysisOptionsError(`Unknown rule "${id}". Known rules: ${RULE_IDS.join(', ')}`);
    }
    if (typeof value === 'string') {
      const severity = checkSeverity(value, `rules.${id}`);
      // A plain severity changes non-test files only; "off" turns the rule off everywhere.
      out[id] = { severity, testSeverity: severity === 'off' ? 'off' : out[id].testSeverity };
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const setting = value as Record<string, unknown>;
      for (const key of Object.keys(setting)) {
        if (key !== 'severity' && key !== 'testSeverity') {
          throw new AnalysisOptionsError(`rules.${id}: unknown key "${key}" (expected severity, testSeverity)`);
        }
      }
      out[id] = {
        severity: setting.severity === undefined ? out[id].severity : checkSeverity(setting.severity, `rules.${id}.severity`),
        testSeverity:
          setting.testSeverity === undefined ? out[id].testSeverity : checkSeverity(setting.testSeverity, `rules.${id}.testSeverity`),
      };
    } else {
      throw new AnalysisOptionsError(`rules.${id} must be a severity string or { severity, testSeverity }`);
    }
  }
  return out;
}

function stringArray(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new AnalysisOptionsError(`${where} must be an array of glob strings`);
  }
  return value as string[];
}

function positiveNumber(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new AnalysisOptionsError(`${where} must be a positive number (got ${JSON.stringify(value)})`);
  }
  return value;
}

/** Fills defaults and validates; throws AnalysisOptionsError with an actionable message. */
export function resolveOptions(input: AnalysisOptions | undefined = {}): ResolvedOptions {
  const o = input as Record<string, unknown>;
  const known = ['rules', 'testFileGlobs', 'minConfidence', 'likelySeverity', 'maxFileSize', 'nodeRedisMajor', 'parseTimeoutMs', 'ruleTimeoutMs'];
  for (const key of Object.keys(o)) {
    if (!known.includes(key)) throw new AnalysisOptionsError(`Unknown analyzer option "${key}". Known: ${known.join(', ')}`);
  }
  const minConfidence = o.minConfidence ?? 'likely';
  if (minConfidence !== 'likely' && minConfidence !== 'certain') {
    throw new AnalysisOptionsError(`minConfidence must be "certain" or "likely" (got ${JSON.stringify(minConfidence)})`);
  }
  const likelySeverity = o.likelySeverity ?? 'lower';
  if (likelySeverity !== 'lower' && likelySeverity !== 'same' && !SEVERITIES.includes(likelySeverity as Severity)) {
    throw new AnalysisOptionsError(`likelySeverity must be "lower", "same" or a severity (got ${JSON.stringify(likelySeverity)})`);
  }
  const major = o.nodeRedisMajor ?? null;
  if (major !== null && major !== 3 && major !== 4 && major !== 5) {
    throw new AnalysisOptionsError(`nodeRedisMajor must be 3, 4, 5 or null (got ${JSON.stringify(major)})`);
  }
  return {
    rules: resolveRules(o.rules),
    testFileGlobs: o.testFileGlobs === undefined ? DEFAULT_TEST_FILE_GLOBS : stringArray(o.testFileGlobs, 'testFileGlobs'),
    minConfidence,
    likelySeverity: likelySeverity as ResolvedOptions['likelySeverity'],
    maxFileSize: o.maxFileSize === undefined ? DEFAULT_MAX_FILE_SIZE : positiveNumber(o.maxFileSize, 'maxFileSize'),
    nodeRedisMajor: major,
    parseTimeoutMs: o.parseTimeoutMs === undefined ? DEFAULT_PARSE_TIMEOUT_MS : positiveNumber(o.parseTimeoutMs, 'parseTimeoutMs'),
    ruleTimeoutMs: o.ruleTimeoutMs === undefined ? DEFAULT_RULE_TIMEOUT_MS : positiveNumber(o.ruleTimeoutMs, 'ruleTimeoutMs'),
  };
}

export function isTestFile(fileName: string, options: ResolvedOptions): boolean {
  return matchesAnyGlob(fileName, options.testFileGlobs);
}

/** The severity a finding gets, or undefined when the rule is off for this file / confidence. */
export function effectiveSeverity(
  ruleId: RuleId,
  confidence: Confidence,
  inTestFile: boolean,
  options: ResolvedOptions,
  cap?: Severity,
): Severity | undefined {
  if (options.minConfidence === 'certain' && confidence === 'likely') return undefined;
  const setting = options.rules[ruleId];
  let severity = inTestFile ? setting.testSeverity : setting.severity;
  if (severity === 'off') return undefined;
  if (confidence === 'likely') {
    if (options.likelySeverity === 'lower') severity = lowerSeverity(severity);
    else if (options.likelySeverity !== 'same') severity = options.likelySeverity;
  }
  if (cap && SEVERITIES.indexOf(severity) < SEVERITIES.indexOf(cap)) severity = cap;
  return severity;
}

export function lowerSeverity(severity: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.indexOf(severity) + 1, SEVERITIES.length - 1)];
}
