// Mutation testing over the safety-critical core (`npm run mutation`, not part of `npm test`):
// a bug here lets a write through a read-only connection, leaks a secret, or misreads a reply.
// The unit tests are what must catch it; scripts/mutation-summary.ts prints the BENCH line.

/** The modules whose mutants must be killed. */
const mutatedModules = [
  'src/core/redis/safety/commandSafety.ts',
  'src/core/redis/safety/readOnlyRules.ts',
  'src/core/redis/safety/writeGuard.ts',
  'src/core/terminal/cliPolicy.ts',
  'src/core/redis/keyspace/keyFilter.ts',
  'src/core/redis/keyspace/globMatch.ts',
  'src/core/redis/connection/redaction.ts',
  'src/core/terminal/commandHistory.ts',
  'src/core/terminal/secretLines.ts',
  'src/core/terminal/respParser.ts',
  'src/core/terminal/formatReply.ts',
  'src/core/terminal/terminalText.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: process.env.STRYKER_MUTATE ? process.env.STRYKER_MUTATE.split(',') : mutatedModules,
  testRunner: 'mocha',
  mochaOptions: {
    // The unit tests of these modules and of the ones built on them; a mutant of a module-level
    // list (SECRET_WORDS…) reruns all of them, so unrelated suites would only cost time.
    spec: [
      'test/unit/core/{redis,terminal}/**/*.properties.test.ts',
      ...['commandSafety', 'writeGuard', 'keyFilter', 'globMatch', 'keyspaceScanning', 'connectionErrors', 'redactionSsh', 'userFacingMessage'].map((name) => `test/unit/core/redis/${name}.test.ts`),
      ...['commandCatalog', 'commandHistory', 'secretLines', 'respParser', 'formatReply', 'terminalEscapes', 'cliTarget'].map((name) => `test/unit/core/terminal/${name}.test.ts`),
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
