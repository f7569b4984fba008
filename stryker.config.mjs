// Mutation testing over the safety-critical core (`npm run mutation`, not part of `npm test`):
// a bug here lets a write through a read-only connection, leaks a secret, or misreads a reply.
// The unit tests are what must catch it; scripts/mutation-summary.ts prints the BENCH line.

/** The modules whose mutants must be killed. */
const mutatedModules = [
  'src/core/redis/commandSafety.ts',
  'src/core/redis/readOnlyRules.ts',
  'src/core/redis/writeGuard.ts',
  'src/core/cli/cliPolicy.ts',
  'src/core/redis/keyFilter.ts',
  'src/core/redis/globMatch.ts',
  'src/core/redis/redaction.ts',
  'src/core/cli/commandHistory.ts',
  'src/core/cli/secretLines.ts',
  'src/core/cli/respParser.ts',
  'src/core/cli/formatReply.ts',
  'src/core/cli/terminalText.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: process.env.STRYKER_MUTATE ? process.env.STRYKER_MUTATE.split(',') : mutatedModules,
  testRunner: 'mocha',
  mochaOptions: {
    // The unit tests of these modules and of the ones built on them; a mutant of a module-level
    // list (SECRET_WORDS…) reruns all of them, so unrelated suites would only cost time.
    spec: [
      'test/unit/core/{redis,cli}/*.properties.test.ts',
      ...['commandSafety', 'writeGuard', 'keyFilter', 'globMatch', 'keyspaceScanning', 'connectionErrors', 'redactionSsh', 'userFacingMessage'].map((name) => `test/unit/core/redis/${name}.test.ts`),
      ...['commandCatalog', 'commandHistory', 'secretLines', 'respParser', 'formatReply', 'terminalEscapes', 'cliTarget'].map((name) => `test/unit/core/cli/${name}.test.ts`),
    ],
    require: ['tsx/cjs'],
  },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  coverageAnalysis: 'perTest',
  // A mutant of a module-level list (SECRET_WORDS, HARMLESS_READS…) is "static": it reruns every
  // test and takes most of the time (about 40 minutes on two busy cores). Those lists are pinned by
  // the *.properties tests against the server's own command table; STRYKER_STATIC=1 mutates them too.
  ignoreStatic: process.env.STRYKER_STATIC !== '1',
  // The machine is shared; two workers at most.
  concurrency: 2,
  // The tests take about a second; a mutant that loops (a parser that never advances) should fail fast.
  timeoutMS: 3000,
  // Keep the sandbox copy small: no cached VS Code, builds, packages or pictures (node_modules is linked).
  ignorePatterns: ['/.vscode-test', '/dist', '/out', '/*.vsix', '/test-results', '/.bench', '/docs/screenshots', '/media'],
  reporters: ['json', 'clear-text', 'progress-append-only'],
  jsonReporter: { fileName: 'test-results/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
