import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RULE_IDS, resolveOptions } from '../../../src/core/analysis';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;

/** The option keys resolveOptions accepts, as its error for an unknown key lists them. */
function knownOptionKeys(): string[] {
  try {
    resolveOptions({ notAnOption: 1 } as never);
  } catch (err) {
    const known = /Known: (.*)$/.exec((err as Error).message);
    if (known) return known[1].split(', ');
  }
  throw new Error('resolveOptions no longer names the known options');
}

/** The JSON schema that completes and checks redis-specialist.config.json in the editor must not drift from the analyzer. */
describe('project config JSON schema', () => {
  const schema = read('media/redis-specialist.config.schema.json') as { properties: Record<string, { properties?: Record<string, unknown> }> };

  it('lists every rule, and exactly the options the analyzer accepts (plus exclude)', () => {
    assert.deepEqual(Object.keys(schema.properties.rules.properties ?? {}), [...RULE_IDS]);
    const options = Object.keys(schema.properties).filter((k) => k !== '$schema' && k !== 'exclude');
    assert.deepEqual(options.sort(), knownOptionKeys().sort());
  });

  it('is contributed for redis-specialist.config.json and the "redisSpecialist" key of package.json', () => {
    const manifest = read('package.json') as { contributes: { jsonValidation: Array<{ fileMatch: string; url: string }> } };
    const byFile = new Map(manifest.contributes.jsonValidation.map((v) => [v.fileMatch, v.url]));
    assert.equal(byFile.get('redis-specialist.config.json'), './media/redis-specialist.config.schema.json');
    const pkgSchema = read(String(byFile.get('package.json')).replace('./', '')) as { properties: { redisSpecialist: { $ref: string } } };
    assert.equal(pkgSchema.properties.redisSpecialist.$ref, './redis-specialist.config.schema.json');
  });
});
