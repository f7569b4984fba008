import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS } from '../../../src/core/analysis';
import { buildCliBundle, lint, useTempWorkspaces } from './cliHarness';

const BAD = `import Redis, { Cluster } from 'ioredis';
const redis = new Redis();
const cluster = new Cluster([]);
export async function f() {
  await redis.keys('user:*');
  await cluster.keys('x*');
  await redis.hgetall('h');
}
`;
const WARN_ONLY = `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const f = () => redis.keys('a*');\n`;
const CLEAN = `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const f = () => redis.get('a');\n`;

describe('CLI: redis-specialist lint', function () {
  this.timeout(60_000);
  const ws = useTempWorkspaces();

  it('--format json prints one array with 1-based positions and exits 1 on errors', async () => {
    const dir = ws({ 'src/bad.ts': BAD });
    const { code, stdout } = await lint(dir, 'lint', '--format', 'json', 'src');
    assert.equal(code, 1);
    const out = JSON.parse(stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(out[0], {
      file: 'src/bad.ts',
      line: 5,
      column: 15,
      endLine: 5,
      endColumn: 29,
      rule: 'no-keys',
      severity: 'warning',
      message: 'KEYS scans the whole keyspace in one blocking call; iterate with SCAN instead.',
      fixable: false,
    });
    assert.deepEqual(out.map((f) => `${String(f.rule)}:${String(f.severity)}`), ['no-keys:warning', 'keys-on-cluster:error', 'unbounded-read:hint']);
  });

  it('exits 0 with warnings only, and 1 when warnings exceed --max-warnings', async () => {
    const dir = ws({ 'a.ts': WARN_ONLY });
    assert.equal((await lint(dir, 'lint', 'a.ts')).code, 0);
    assert.equal((await lint(dir, 'lint', '--max-warnings', '1', 'a.ts')).code, 0);
    const over = await lint(dir, 'lint', '--max-warnings=0', 'a.ts');
    assert.equal(over.code, 1);
    assert.match(over.stderr, /Too many warnings \(1, maximum allowed is 0\)/);
  });

  it('stylish is the default: file, line:column, severity, message, rule, summary', async () => {
    const dir = ws({ 'src/bad.ts': BAD, 'src/ok.ts': CLEAN });
    const { stdout } = await lint(dir, 'lint', '.');
    assert.match(stdout, /^src\/bad\.ts\n {2}5:15 {2}warning {2}KEYS scans .* {2}no-keys\n {2}6:17 {2}error {4}On a Cluster client/m);
    assert.match(stdout, /✖ 3 problems \(1 error, 1 warning, 0 infos, 1 hint\)/);
    assert.doesNotMatch(stdout, /ok\.ts/);
    assert.match((await lint(ws({ 'ok.ts': CLEAN }), 'lint', '.')).stdout, /No Redis problems found/);
  });

  it('--format sarif writes SARIF 2.1.0 with rules and 1-based regions', async () => {
    const dir = ws({ 'src/bad.ts': BAD });
    const sarif = JSON.parse((await lint(dir, 'lint', '--format', 'sarif', 'src')).stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'Redis Specialist');
    assert.equal(run.tool.driver.version, '9.9.9');
    assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), RULE_IDS);
    const result = run.results[1];
    assert.equal(result.ruleId, 'keys-on-cluster');
    assert.equal(result.level, 'error');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'keys-on-cluster');
    assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'src/bad.ts', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 6, startColumn: 17, endLine: 6, endColumn: 27 });
    assert.equal(run.results[2].level, 'note');
  });

  it('skips node_modules and .gitignored paths, but lints files named explicitly', async () => {
    const dir = ws({
      '.gitignore': '# build output\ndist/\n*.gen.ts\n!keep.gen.ts\n/rootonly.ts\n',
      'src/a.ts': WARN_ONLY,
      'src/rootonly.ts': WARN_ONLY,
      'rootonly.ts': WARN_ONLY,
      'dist/a.js': WARN_ONLY,
      'src/x.gen.ts': WARN_ONLY,
      'src/keep.gen.ts': WARN_ONLY,
      'node_modules/pkg/index.js': WARN_ONLY,
      'src/nested/.gitignore': 'local.ts\n',
      'src/nested/local.ts': WARN_ONLY,
      'src/types.d.ts': WARN_ONLY,
      'src/notes.md': 'redis.keys("*")',
    });
    fs.mkdirSync(path.join(dir, '.git'));
    const files = (r: { stdout: string }): string[] => [...new Set((JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => f.file))].sort();
    assert.deepEqual(files(await lint(dir, 'lint', '--format', 'json', '.')), ['src/a.ts', 'src/keep.gen.ts', 'src/rootonly.ts']);
    assert.deepEqual(files(await lint(path.join(dir, 'src'), 'lint', '--format', 'json', '.')), ['a.ts', 'keep.gen.ts', 'rootonly.ts'], 'ancestor .gitignore up to the repository root applies');
    assert.deepEqual(files(await lint(dir, 'lint', '--format', 'json', 'src/x.gen.ts')), ['src/x.gen.ts']);
  });

  it('lints the Lua scripts of a project that call Redis, and only those', async () => {
    const dir = ws({ 'lib/commands/cleanup.lua': "local stale = redis.call('KEYS', ARGV[1])\nreturn #stale\n", 'nvim/init.lua': "vim.cmd('KEYS')\n", 'src/ok.ts': CLEAN });
    const { code, stdout } = await lint(dir, 'lint', '--format', 'json', '.');
    assert.equal(code, 0);
    const out = JSON.parse(stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(out.map((f) => `${String(f.file)}:${String(f.line)}:${String(f.column)} ${String(f.rule)}`), ['lib/commands/cleanup.lua:1:15 keys-in-lua']);
  });

  it('--config applies rule severities, test globs and exclude', async () => {
    const dir = ws({
      'src/bad.ts': BAD,
      'src/skip/bad.ts': BAD,
      'redis-lint.json': JSON.stringify({ rules: { 'keys-on-cluster': 'warning', 'unbounded-read': 'off' }, exclude: ['src/skip/**'] }),
    });
    const r = await lint(dir, 'lint', '--format', 'json', '--config', 'redis-lint.json', 'src');
    assert.equal(r.code, 0);
    assert.deepEqual((JSON.parse(r.stdout) as Array<{ rule: string; severity: string }>).map((f) => `${f.rule}:${f.severity}`), ['no-keys:warning', 'keys-on-cluster:warning']);
  });

  it('exits 2 on bad usage and bad configuration, with a clear message', async () => {
    const dir = ws({ 'a.ts': CLEAN, 'bad.json': '{ "rules": { "no-kyes": "off" } }', 'broken.json': '{' });
    const cases: Array<[string[], RegExp]> = [
      [[], /Missing command: lint, memory or patterns/],
      [['check', 'a.ts'], /Unknown command "check" \(expected lint, memory or patterns\)/],
      [['lint'], /No files or directories given/],
      [['lint', '--format', 'xml', 'a.ts'], /--format must be one of json, sarif, stylish/],
      [['lint', '--max-warnings', 'many', 'a.ts'], /--max-warnings must be a whole number/],
      [['lint', '--max-warnings'], /--max-warnings needs a value/],
      [['lint', '--fixes', 'a.ts'], /Unknown option "--fixes"/],
      [['lint', 'missing.ts'], /No such file or directory: missing\.ts/],
      [['lint', '--config', 'bad.json', 'a.ts'], /Unknown rule "no-kyes"/],
      [['lint', '--config', 'broken.json', 'a.ts'], /not valid JSON/],
      [['lint', '--config', 'nope.json', 'a.ts'], /Cannot read config file/],
    ];
    for (const [argv, message] of cases) {
      const r = await lint(dir, ...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, message, argv.join(' '));
    }
    const help = await lint(dir, '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: redis-specialist lint/);
  });

  it('notes skipped files on stderr and keeps going', async () => {
    const dir = ws({ 'big.ts': WARN_ONLY + '// '.padEnd(300, 'x'), 'b.ts': WARN_ONLY, 'cfg.json': '{ "maxFileSize": 200 }' });
    const r = await lint(dir, 'lint', '--format', 'json', '--config', 'cfg.json', '.');
    assert.match(r.stderr, /big\.ts: Skipped: .*(maxFileSize)/);
    assert.deepEqual((JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => f.file), ['b.ts']);
  });

  it('the esbuild bundle runs with its .wasm files beside it', async () => {
    const out = ws({});
    const cli = await buildCliBundle(out);
    const dir = ws({ 'src/bad.ts': BAD });
    const run = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', 'src'], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.equal((JSON.parse(run.stdout) as unknown[]).length, 3);
    const usage = spawnSync(process.execPath, [cli, 'lint'], { cwd: dir, encoding: 'utf8' });
    assert.equal(usage.status, 2);
  });
});
