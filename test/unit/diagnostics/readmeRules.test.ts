import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../../src/core/analysis/rules';

/** The README's rule table must not drift from the rules' own metadata. */
describe('README rule table', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  const table = /<!-- rules:start[^>]*-->([\s\S]*?)<!-- rules:end -->/.exec(readme)?.[1] ?? '';
  const rows = table
    .split('\n')
    .filter((line) => line.startsWith('| ['))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));

  it('lists every rule once, in documentation order, linking to docs/rules.md', () => {
    assert.deepEqual(
      rows.map((cells) => cells[0]),
      RULES.map(({ meta }) => `[\`${meta.id}\`](docs/rules.md#${meta.id})`),
    );
  });

  it('shows each rule’s default and test severity, and a quick fix only where the rule has one', () => {
    for (const [i, { meta }] of RULES.entries()) {
      const [, , severity, testSeverity, fix] = rows[i];
      assert.equal(severity, meta.defaultSeverity, meta.id);
      assert.equal(testSeverity, meta.testSeverity, meta.id);
      assert.equal(fix !== '—', meta.fixable, `${meta.id} quick fix column`);
      assert.equal(fix.includes('(fix all)'), meta.fixAllSafe, `${meta.id} fix-all marker`);
    }
  });
});
