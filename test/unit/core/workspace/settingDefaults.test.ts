// package.json's `contributes.configuration` and the code that reads the settings must agree, both ways:
// the same keys, defaults, ranges and choices. Ranges and choices are checked by behaviour (the bound is
// accepted, one step past it falls back), so a bound that lives only in code is caught too.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeConnectionConfig } from '../../../../src/core/redis/connection/connectionConfig';
import { ANALYSIS_SECTION, ANALYSIS_SETTING_KEYS, DEFAULT_ANALYSIS_SETTINGS, readAnalysisSettings } from '../../../../src/core/workspace/analysisSettings';
import { readSetting, SETTING_DEFAULTS, type SettingKey } from '../../../../src/core/workspace/settingDefaults';

interface Schema {
  type?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  items?: { properties?: Record<string, Schema> };
}

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Schema> } };
};
const SECTION = 'redisSpecialist.';
const declared = Object.fromEntries(
  Object.entries(manifest.contributes.configuration.properties).map(([key, schema]) => {
    assert.ok(key.startsWith(SECTION), `${key} is under ${SECTION}`);
    return [key.slice(SECTION.length), schema];
  }),
);
const analysisPrefix = `${ANALYSIS_SECTION.slice(SECTION.length)}.`;

/** What `read` makes of each value at and one step past the schema's bounds and choices. */
function checkBounds(name: string, schema: Schema, read: (raw: unknown) => unknown, fallback: unknown): void {
  if (schema.minimum !== undefined) {
    assert.equal(read(schema.minimum), schema.minimum, `${name}: the minimum ${schema.minimum} is accepted`);
    assert.notEqual(read(schema.minimum - 1), schema.minimum - 1, `${name}: below the minimum is refused`);
  } else if (schema.type === 'integer' || schema.type === 'number') {
    assert.equal(read(-1), -1, `${name}: package.json sets no minimum, so neither may the code`);
  }
  if (schema.maximum !== undefined) {
    assert.equal(read(schema.maximum), schema.maximum, `${name}: the maximum ${schema.maximum} is accepted`);
    assert.notEqual(read(schema.maximum + 1), schema.maximum + 1, `${name}: above the maximum is refused`);
  } else if (schema.type === 'integer' || schema.type === 'number') {
    const huge = 2 ** 40;
    assert.equal(read(huge), huge, `${name}: package.json sets no maximum, so neither may the code`);
  }
  for (const choice of schema.enum ?? []) assert.equal(read(choice), choice, `${name}: "${String(choice)}" is accepted`);
  if (schema.enum) assert.equal(read('not-a-choice'), fallback, `${name}: a value outside the enum falls back`);
}

describe('settings: package.json and the code agree', () => {
  it('every declared setting is read by the code, and every setting the code reads is declared', () => {
    const read = [...Object.keys(SETTING_DEFAULTS), ...ANALYSIS_SETTING_KEYS.map((k) => `${analysisPrefix}${k}`), 'connections'];
    assert.deepEqual(Object.keys(declared).sort(), read.sort());
  });

  for (const key of Object.keys(SETTING_DEFAULTS) as SettingKey[]) {
    it(`${key}: same type, default and range`, () => {
      const schema = declared[key];
      const spec = SETTING_DEFAULTS[key];
      assert.equal(schema.type, spec.type);
      assert.deepEqual(schema.default, spec.default);
      assert.equal(readSetting(key, undefined), spec.default, 'unset gives the default');
      checkBounds(key, schema, (raw) => readSetting(key, raw), spec.default);
      if (spec.type === 'integer') assert.equal(readSetting(key, spec.default + 0.5), spec.default, 'a fraction falls back');
      assert.equal(readSetting(key, {}), spec.default, 'a value of the wrong type falls back');
    });
  }

  for (const key of ANALYSIS_SETTING_KEYS) {
    it(`analysis.${key}: same range and choices (defaults: see analysisSettings.test.ts)`, () => {
      const schema = declared[`${analysisPrefix}${key}`];
      checkBounds(`analysis.${key}`, schema, (raw) => readAnalysisSettings((k) => (k === key ? raw : undefined)).settings[key], DEFAULT_ANALYSIS_SETTINGS[key]);
    });
  }

  describe('connections[]: each entry', () => {
    const properties = declared.connections.items?.properties ?? {};
    const bare = normalizeConnectionConfig({ id: 'c' });
    const readField = (field: string) => (raw: unknown) => {
      const config = normalizeConnectionConfig({ id: 'c', [field]: raw });
      return 'error' in config ? undefined : (config as unknown as Record<string, unknown>)[field];
    };

    it('declares the id the code requires', () => {
      assert.ok('error' in normalizeConnectionConfig({ host: 'h' }));
      assert.ok(!('error' in bare));
    });

    for (const [field, schema] of Object.entries(properties)) {
      if (schema.default === undefined && schema.minimum === undefined && schema.maximum === undefined && !schema.enum) continue;
      it(`${field}: same default, range and choices`, () => {
        const defaults = bare as unknown as Record<string, unknown>;
        if (schema.default !== undefined) assert.deepEqual(defaults[field], schema.default, `${field} default`);
        checkBounds(`connections[].${field}`, schema, readField(field), schema.enum ? undefined : defaults[field]);
      });
    }
  });
});
