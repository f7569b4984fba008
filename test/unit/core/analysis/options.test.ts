import * as assert from 'node:assert/strict';
import { isTestFile, matchesAnyGlob, resolveOptions } from '../../../../src/core/analysis';
import { analyze, disposeAnalyzer } from './analyzerHarness';

const SOURCE = `import Redis from 'ioredis';
const redis = new Redis();
export async function f(cache: any) {
  await redis.keys('a*');
  await redis.flushall();
  await cache.set('k:' + Date.now(), 'v');
}
`;

describe('analysis options', () => {
  after(disposeAnalyzer);

  it('matches globs like settings and .gitignore do', () => {
    assert.ok(matchesAnyGlob('src/a.test.ts', ['**/*.test.ts']));
    assert.ok(matchesAnyGlob('/home/me/proj/test/unit/a.ts', ['**/test/**']));
    assert.ok(matchesAnyGlob('a.spec.js', ['*.{test,spec}.{ts,js}']));
    assert.ok(matchesAnyGlob('deep/dir/x.js', ['x.js']), 'a glob without / matches the base name anywhere');
    assert.ok(!matchesAnyGlob('src/attest.ts', ['**/test/**']));
    assert.ok(!matchesAnyGlob('src/a.ts', []));
    assert.ok(matchesAnyGlob('C:\\proj\\tests\\a.ts', ['**/tests/**']), 'Windows separators');
    assert.ok(matchesAnyGlob('src/f1.ts', ['src/f?.ts']) && !matchesAnyGlob('src/f10.ts', ['src/f?.ts']));
    assert.ok(matchesAnyGlob('src/b.ts', ['src/[ab].ts']) && !matchesAnyGlob('src/c.ts', ['src/[ab].ts']));
  });

  it('recognises test files with the default globs', () => {
    const options = resolveOptions();
    for (const f of ['src/a.test.ts', 'src/a.spec.jsx', 'test/x.ts', 'pkg/__tests__/a.js', 'e2e/run.mts', 'test.js', 'lib/tests.ts', 'benchmarks/run.js', 'internal-packages/testcontainers/src/index.ts', 'src/test-utils/redis.ts', 'src/testUtils.ts', 'src/setupTests.js', 'app/__test__/a.ts', 'apps/api/scripts/mock.ts', 'db/seeds/users.js', 'packages/data-layer/integration/pool.integration.ts', 'web/src/__e2e__/api.servertest.ts', 'test/app.e2e-spec.ts', 'src/cache.e2e.ts', 'lib/queue_itest.js', 'example.mjs', 'altExample.mjs', 'examples.js', 'src/queue.example.ts', 'sentinel-test/calls.js', 'lib/cluster_tests/slots.ts']) assert.ok(isTestFile(f, options), f);
    for (const f of ['src/a.ts', 'src/latest.ts', 'src/contest/a.ts', 'src/testing-utils.ts', 'src/attest.js', 'src/benchmarker.ts', 'src/integration/slack.ts', 'src/integrations.ts', 'src/exampleData.ts', 'src/counterexample.ts', 'examples/nextjs-with-redis/app/route.ts', 'src/latest-tests.ts', 'src/ab-testing/variants.ts']) assert.ok(!isTestFile(f, options), f);
  });

  it('lowers severity in test files: no-keys → info, no-flush off', async () => {
    const inSrc = await analyze('src/a.ts', SOURCE);
    const inTest = await analyze('src/a.test.ts', SOURCE);
    const sev = (r: typeof inSrc, id: string): string | undefined => r.findings.find((f) => f.ruleId === id)?.severity;
    assert.equal(sev(inSrc, 'no-keys'), 'warning');
    assert.equal(sev(inSrc, 'no-flush'), 'warning');
    assert.equal(sev(inTest, 'no-keys'), 'info');
    assert.equal(sev(inTest, 'no-flush'), undefined);
    const custom = await analyze('spec/a.ts', SOURCE, { testFileGlobs: ['spec/**'] });
    assert.equal(sev(custom, 'no-keys'), 'info');
  });

  it('applies per-rule severity and off, in source and test files', async () => {
    const r = await analyze('src/a.ts', SOURCE, { rules: { 'no-keys': 'error', 'no-flush': 'off', 'set-without-ttl': { severity: 'hint' } } });
    assert.deepEqual(
      r.findings.map((f) => `${f.ruleId}:${f.severity}`),
      ['no-keys:error', 'set-without-ttl:hint'],
    );
    const t = await analyze('src/a.test.ts', SOURCE, { rules: { 'no-keys': { testSeverity: 'off' } } });
    assert.equal(t.findings.some((f) => f.ruleId === 'no-keys'), false);
  });

  it('drops "likely" findings under minConfidence certain, and sets their severity', async () => {
    const likely = (await analyze('src/a.ts', SOURCE)).findings.find((f) => f.confidence === 'likely');
    assert.equal(likely?.ruleId, 'set-without-ttl');
    assert.equal(likely?.severity, 'info', 'one step below warning');
    const same = await analyze('src/a.ts', SOURCE, { likelySeverity: 'same' });
    assert.equal(same.findings.find((f) => f.confidence === 'likely')?.severity, 'warning');
    const fixed = await analyze('src/a.ts', SOURCE, { likelySeverity: 'hint' });
    assert.equal(fixed.findings.find((f) => f.confidence === 'likely')?.severity, 'hint');
    const certainOnly = await analyze('src/a.ts', SOURCE, { minConfidence: 'certain' });
    assert.equal(certainOnly.findings.some((f) => f.confidence === 'likely'), false);
    assert.equal(certainOnly.findings.length, 2);
  });

  it('links every finding to its rule documentation', async () => {
    for (const f of (await analyze('src/a.ts', SOURCE)).findings) {
      assert.equal(f.docUrl, `https://github.com/redis-specialist/redis-specialist/blob/main/docs/rules.md#${f.ruleId}`);
    }
  });
});
