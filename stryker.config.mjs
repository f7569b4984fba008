// Mutation testing over the safety-critical core (`npm run mutation`, not part of `npm test`):
// a bug here lets a write through a read-only connection, leaks a secret, or misreads a reply.
// scripts/mutation.ts runs Stryker once per module (STRYKER_MUTATE=<file>, with that module's tests
// only) and scripts/mutation-summary.ts merges the per-module reports into one BENCH line.

/** The unit tests of the Redis safety, keyspace and terminal modules and of the ones built on them. */
const coreUnitTests = [
  'test/unit/core/{redis,terminal}/**/*.properties.test.ts',
  ...['commandSafety', 'writeGuard', 'keyFilter', 'globMatch', 'keyspaceScanning', 'connectionErrors', 'redactionSsh', 'userFacingMessage'].map((name) => `test/unit/core/redis/${name}.test.ts`),
  ...['commandCatalog', 'commandHistory', 'secretLines', 'respParser', 'formatReply', 'terminalEscapes', 'cliTarget'].map((name) => `test/unit/core/terminal/${name}.test.ts`),
];
/** The analyzer's fixtures (every finding of every rule, line by line, in single files and projects) and its fixes; not the fuzz and timing suites, which run the whole analyzer for every mutant. */
const analyzerTests = ['fixtures', 'projectFixtures', 'crossFile', 'quickFixes', 'scanRewrite', 'ttlFacts.properties', 'nonAtomicExpire.properties', 'setWithoutTtl.properties', 'ttlRuleReports.properties'].map((name) => `test/unit/core/analysis/${name}.test.ts`);
/** Modules that only do something against a server: their tests start their own redis-server (test/fixtures/redis). */
const bulkDeleteTests = ['test/integration/values/bulkDelete.properties.test.ts'];
/** The value pagers and writers: unit tests of their pure parts; page sizes of every pager, every edit and every save path against a real server. */
const valueTests = ['test/unit/core/redis/values/*.test.ts', 'test/integration/values/valueKinds.test.ts', 'test/integration/values/editing.test.ts', 'test/integration/values/writers.properties.test.ts', 'test/integration/values/strings.properties.test.ts', 'test/integration/values/hashEdits.properties.test.ts', 'test/integration/values/listEdits.properties.test.ts', 'test/integration/values/setEdits.properties.test.ts', 'test/integration/values/zsetEdits.properties.test.ts', 'test/integration/values/jsonWithoutModule.properties.test.ts', 'test/integration/values/streamEdits.properties.test.ts'];

/** Each mutated module and the tests that must catch its bugs. */
export const mutatedModules = {
  'src/core/redis/safety/commandSafety.ts': coreUnitTests,
  'src/core/redis/safety/readOnlyRules.ts': coreUnitTests,
  'src/core/redis/safety/writeGuard.ts': coreUnitTests,
  'src/core/terminal/cliPolicy.ts': coreUnitTests,
  'src/core/redis/keyspace/keyFilter.ts': coreUnitTests,
  'src/core/redis/keyspace/globMatch.ts': [...coreUnitTests, 'test/integration/keys/globMatch.properties.test.ts'],
  'src/core/redis/keyspace/bulkDelete.ts': bulkDeleteTests,
  'src/core/redis/connection/redaction.ts': coreUnitTests,
  'src/core/terminal/commandHistory.ts': coreUnitTests,
  'src/core/terminal/secretLines.ts': coreUnitTests,
  'src/core/terminal/respParser.ts': coreUnitTests,
  'src/core/terminal/formatReply.ts': coreUnitTests,
  'src/core/terminal/terminalText.ts': coreUnitTests,
  'src/core/redis/values/valuePager.ts': valueTests,
  ...Object.fromEntries(['string', 'hash', 'list', 'set', 'zset', 'stream', 'json'].map((type) => [`src/core/redis/values/types/${type}Value.ts`, valueTests])),
  'src/core/analysis/rules/ttlFacts.ts': analyzerTests,
  'src/core/analysis/rules/setWithoutTtl.ts': analyzerTests,
  'src/core/analysis/rules/setClearsTtl.ts': analyzerTests,
  'src/core/analysis/rules/nonAtomicExpire.ts': analyzerTests,
  'src/core/analysis/rules/setnxLockWithoutTtl.ts': analyzerTests,
};

const mutate = process.env.STRYKER_MUTATE ? process.env.STRYKER_MUTATE.split(',') : Object.keys(mutatedModules);
const spec = [...new Set(mutate.flatMap((file) => mutatedModules[file] ?? coreUnitTests))];
const needsServer = spec.some((file) => file.startsWith('test/integration/'));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate,
  testRunner: 'mocha',
  mochaOptions: {
    // Only the tests of the mutated modules: a mutant of a module-level list reruns all of them.
    spec,
    require: ['tsx/cjs'],
    // Tests against a real server take the integration suite's time limit (a server starts in a before hook).
    config: needsServer ? 'test/integration/.mocharc.json' : 'test/unit/.mocharc.json',
  },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  coverageAnalysis: 'perTest',
  // A mutant of a module-level list (SECRET_WORDS, HARMLESS_READS…) is "static": it reruns every
  // test of the run. Those lists are pinned by the *.properties tests against the server's own
  // command table; STRYKER_STATIC=1 mutates them too.
  ignoreStatic: process.env.STRYKER_STATIC !== '1',
  // The machine is shared: one worker unless told otherwise.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  // The tests take about a second; a mutant that loops (a parser that never advances) should fail fast.
  timeoutMS: 3000,
  // Keep the sandbox copy small: no cached VS Code, builds, packages or pictures (node_modules is linked).
  ignorePatterns: ['/.vscode-test', '/dist', '/out', '/*.vsix', '/test-results', '/.bench', '/docs/screenshots', '/media', '/.stryker-tmp', '/bench/.tmp', '/.vscode-test-*'],
  reporters: ['json', 'clear-text', 'progress-append-only'],
  // One report per run: scripts/mutation-summary.ts merges them (the newest report of each file counts).
  jsonReporter: { fileName: process.env.STRYKER_REPORT ?? 'test-results/mutation/mutation.json' },
  // Runs side by side (STRYKER_TMP=.stryker-tmp/<lane>) must not clean each other's sandboxes.
  tempDirName: process.env.STRYKER_TMP ?? '.stryker-tmp',
  cleanTempDir: true,
};
