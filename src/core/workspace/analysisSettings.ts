/**
 * The `redisSpecialist.analysis.*` settings: reading them with defaults and validation, and mapping
 * them onto the analyzer's options. A bad value never breaks analysis: it falls back to the default
 * and yields a problem message the editor shows once.
 */
import { AnalysisOptionsError, DEFAULT_MAX_FILE_SIZE, DEFAULT_TEST_FILE_GLOBS, resolveOptions, type AnalysisOptions } from '../analysis/options';
import { SEVERITIES, type Confidence, type NodeRedisMajor, type Severity } from '../analysis/types';

export interface AnalysisSettings {
  enabled: boolean;
  /** Globs relative to the workspace folder; empty = every JavaScript/TypeScript file. */
  include: string[];
  exclude: string[];
  /** Globs of test files, where rules use their (lower) test severity. */
  testFiles: string[];
  minimumConfidence: Confidence;
  likelySeverity: 'lower' | 'same' | Severity;
  /** Files longer than this many characters are skipped. */
  maxFileSize: number;
  /** Rule id → severity (`off` disables) or `{ severity, testSeverity }`; validated by the engine. */
  rules: Record<string, unknown>;
}

export const DEFAULT_ANALYSIS_SETTINGS: Readonly<AnalysisSettings> = {
  enabled: true,
  include: [],
  exclude: ['**/node_modules/**'],
  testFiles: DEFAULT_TEST_FILE_GLOBS,
  minimumConfidence: 'likely',
  likelySeverity: 'lower',
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  rules: {},
};

/** Keys under `redisSpecialist.analysis` (package.json declares exactly these; a unit test checks). */
export const ANALYSIS_SETTING_KEYS = Object.keys(DEFAULT_ANALYSIS_SETTINGS) as (keyof AnalysisSettings)[];

export const ANALYSIS_SECTION = 'redisSpecialist.analysis';

export interface ReadSettings {
  settings: AnalysisSettings;
  /** One actionable sentence per value that was ignored. */
  problems: string[];
}

const LIKELY_SEVERITIES: readonly string[] = ['lower', 'same', ...SEVERITIES];

/** Reads every key through `get` (a WorkspaceConfiguration section in the editor, a record in tests). */
export function readAnalysisSettings(get: (key: string) => unknown): ReadSettings {
  const problems: string[] = [];
  const pick = <K extends keyof AnalysisSettings>(key: K, valid: (value: unknown) => boolean, expected: string): AnalysisSettings[K] => {
    const value = get(key);
    if (value === undefined || value === null) return DEFAULT_ANALYSIS_SETTINGS[key];
    if (valid(value)) return value as AnalysisSettings[K];
    problems.push(`${ANALYSIS_SECTION}.${key} must be ${expected} (got ${JSON.stringify(value)}); using the default.`);
    return DEFAULT_ANALYSIS_SETTINGS[key];
  };
  const globs = (value: unknown): boolean => Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() !== '');
  const settings: AnalysisSettings = {
    enabled: pick('enabled', (v) => typeof v === 'boolean', 'true or false'),
    include: pick('include', globs, 'an array of glob strings'),
    exclude: pick('exclude', globs, 'an array of glob strings'),
    testFiles: pick('testFiles', globs, 'an array of glob strings'),
    minimumConfidence: pick('minimumConfidence', (v) => v === 'certain' || v === 'likely', '"certain" or "likely"'),
    likelySeverity: pick('likelySeverity', (v) => typeof v === 'string' && LIKELY_SEVERITIES.includes(v), `one of ${LIKELY_SEVERITIES.join(', ')}`),
    maxFileSize: pick('maxFileSize', (v) => Number.isInteger(v) && (v as number) > 0, 'a positive whole number of characters'),
    rules: pick('rules', (v) => typeof v === 'object' && !Array.isArray(v), 'an object mapping rule ids to a severity'),
  };
  return { settings, problems };
}

export interface MappedOptions {
  options: AnalysisOptions;
  /** Equal keys mean equal options (lets the editor skip re-applying them). */
  key: string;
  problems: string[];
}

/** The analyzer options for a folder's settings; rule entries the engine rejects are dropped one by one. */
export function toAnalysisOptions(settings: AnalysisSettings, nodeRedisMajor: NodeRedisMajor | null): MappedOptions {
  const problems: string[] = [];
  const rules: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(settings.rules)) {
    try {
      resolveOptions({ rules: { [id]: value } });
      rules[id] = value;
    } catch (error) {
      if (!(error instanceof AnalysisOptionsError)) throw error;
      problems.push(`${ANALYSIS_SECTION}.rules: ${error.message}; that entry is ignored.`);
    }
  }
  const options: AnalysisOptions = {
    rules,
    testFileGlobs: settings.testFiles,
    minConfidence: settings.minimumConfidence,
    likelySeverity: settings.likelySeverity,
    maxFileSize: settings.maxFileSize,
    nodeRedisMajor,
  };
  return { options, key: JSON.stringify(options), problems };
}
