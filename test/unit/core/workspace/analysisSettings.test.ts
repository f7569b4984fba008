import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveOptions } from '../../../../src/core/analysis/options';
import { RULES } from '../../../../src/core/analysis/rules';
import { RULE_IDS } from '../../../../src/core/analysis/types';
import {
  ANALYSIS_SECTION,
  ANALYSIS_SETTING_KEYS,
  DEFAULT_ANALYSIS_SETTINGS,
  readAnalysisSettings,
  toAnalysisOptions,
} from '../../../../src/core/workspace/analysisSettings';

const read = (values: Record<string, unknown>) => readAnalysisSettings((key) => values[key]);

interface SettingSchema {
  type?: string;
  scope?: string;
  default?: unknown;
  enum?: string[];
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, { markdownDescription?: string; anyOf: [{ enum: string[] }, { properties: Record<string, { enum: string[] }>; additionalProperties: boolean }] }>;
  additionalProperties?: boolean;
}

function declaredSettings(): Record<string, SettingSchema> {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, SettingSchema> } };
  };
  const prefix = `${ANALYSIS_SECTION}.`;
  return Object.fromEntries(Object.entries(manifest.contributes.configuration.properties).filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length), value]));
}

describe('redisSpecialist.analysis settings', () => {
  it('uses the defaults when nothing is set', () => {
    const { settings, problems } = read({});
    assert.deepEqual(settings, DEFAULT_ANALYSIS_SETTINGS);
    assert.deepEqual(problems, []);
  });

  it('reads valid values', () => {
    const { settings, problems } = read({ enabled: false, include: ['src/**'], minimumConfidence: 'certain', likelySeverity: 'hint', maxFileSize: 1000, rules: { 'no-keys': 'error' } });
    assert.deepEqual(problems, []);
    assert.equal(settings.enabled, false);
    assert.deepEqual(settings.include, ['src/**']);
    assert.equal(settings.minimumConfidence, 'certain');
    assert.equal(settings.likelySeverity, 'hint');
    assert.equal(settings.maxFileSize, 1000);
  });

  it('falls back to the default for a bad value and says which setting and why', () => {
    const { settings, problems } = read({ include: 'src/**', maxFileSize: -5, minimumConfidence: 'sure', rules: ['no-keys'] });
    assert.deepEqual(settings.include, []);
    assert.equal(settings.maxFileSize, DEFAULT_ANALYSIS_SETTINGS.maxFileSize);
    assert.equal(settings.minimumConfidence, 'likely');
    assert.deepEqual(settings.rules, {});
    assert.equal(problems.length, 4);
    assert.match(problems[0], /^redisSpecialist\.analysis\.include must be an array of glob strings \(got "src\/\*\*"\); using the default\.$/);
    assert.match(problems.join('\n'), /maxFileSize must be a positive whole number/);
  });

  it('maps settings onto analyzer options that the engine accepts', () => {
    const { settings } = read({ testFiles: ['spec/**'], minimumConfidence: 'certain', rules: { 'no-keys': 'error', 'unbounded-read': 'off', 'set-without-ttl': { severity: 'info', testSeverity: 'hint' } } });
    const mapped = toAnalysisOptions(settings, 5);
    assert.deepEqual(mapped.problems, []);
    const resolved = resolveOptions(mapped.options);
    assert.equal(resolved.rules['no-keys'].severity, 'error');
    assert.equal(resolved.rules['unbounded-read'].testSeverity, 'off');
    assert.deepEqual(resolved.rules['set-without-ttl'], { severity: 'info', testSeverity: 'hint' });
    assert.deepEqual(resolved.testFileGlobs, ['spec/**']);
    assert.equal(resolved.minConfidence, 'certain');
    assert.equal(resolved.nodeRedisMajor, 5);
    assert.equal(mapped.key, toAnalysisOptions(settings, 5).key, 'equal settings give equal keys');
    assert.notEqual(mapped.key, toAnalysisOptions(settings, 4).key);
  });

  it('drops only the rule entries the engine rejects, with its message', () => {
    const { settings } = read({ rules: { 'no-keys': 'loud', 'no-such-rule': 'off', 'no-flush': 'error' } });
    const mapped = toAnalysisOptions(settings, null);
    assert.deepEqual(mapped.options.rules, { 'no-flush': 'error' });
    assert.equal(mapped.problems.length, 2);
    assert.match(mapped.problems[0], /rules\.no-keys must be one of error, warning, info, hint, off/);
    assert.match(mapped.problems[1], /Unknown rule "no-such-rule"/);
  });
});

describe('package.json declares the analysis settings', () => {
  const declared = declaredSettings();

  it('declares exactly the settings the extension reads, resource-scoped, with a description and the same default', () => {
    assert.deepEqual(Object.keys(declared).sort(), [...ANALYSIS_SETTING_KEYS].sort());
    for (const key of ANALYSIS_SETTING_KEYS) {
      const schema = declared[key];
      assert.equal(schema.scope, 'resource', key);
      assert.ok(schema.description ?? schema.markdownDescription, `${key} has a description`);
      assert.deepEqual(schema.default, DEFAULT_ANALYSIS_SETTINGS[key], `${key} default`);
    }
  });

  it('lists every rule with the severities "error", "warning", "info", "hint" and "off"', () => {
    const rules = declared.rules;
    assert.equal(rules.additionalProperties, false, 'unknown rule ids are flagged in settings.json');
    assert.deepEqual(Object.keys(rules.properties ?? {}), [...RULE_IDS]);
    const severities = ['error', 'warning', 'info', 'hint', 'off'];
    for (const rule of RULES) {
      const schema = rules.properties?.[rule.meta.id];
      assert.ok(schema, rule.meta.id);
      assert.ok(schema.markdownDescription?.includes(rule.meta.why), `${rule.meta.id} explains why`);
      assert.deepEqual(schema.anyOf[0].enum, severities);
      assert.deepEqual(schema.anyOf[1].properties.severity.enum, severities);
      assert.deepEqual(schema.anyOf[1].properties.testSeverity.enum, severities);
    }
  });
});
