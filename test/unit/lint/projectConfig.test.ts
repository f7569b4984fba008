import * as assert from 'node:assert/strict';
import { lint, useTempWorkspaces } from './cliHarness';

const KEYS_AND_SET = `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function f() {\n  await redis.keys('a*');\n  await redis.set('k:' + Date.now(), 'v');\n}\n`;

type Row = { file: string; rule: string; severity: string };
const rows = (stdout: string): string[] => (JSON.parse(stdout) as Row[]).map((f) => `${f.file} ${f.rule}:${f.severity}`);

describe('CLI: project configuration (redis-specialist.config.json, package.json "redisSpecialist")', function () {
  this.timeout(60_000);
  const ws = useTempWorkspaces();

  it('the nearest config applies, found upward from each file; a config file wins over package.json in its folder', async () => {
    const dir = ws({
      'redis-specialist.config.json': JSON.stringify({ rules: { 'no-keys': 'error' } }),
      'a.ts': KEYS_AND_SET,
      'pkg/package.json': JSON.stringify({ name: 'pkg', redisSpecialist: { rules: { 'set-without-ttl': 'off' } } }),
      'pkg/src/b.ts': KEYS_AND_SET,
      'both/package.json': JSON.stringify({ name: 'both', redisSpecialist: { rules: { 'no-keys': 'off' } } }),
      'both/redis-specialist.config.json': JSON.stringify({ rules: { 'no-keys': 'info' } }),
      'both/c.ts': KEYS_AND_SET,
      'plain/package.json': JSON.stringify({ name: 'plain' }),
      'plain/d.ts': KEYS_AND_SET,
    });
    const r = await lint(dir, 'lint', '--format', 'json', '.');
    assert.deepEqual(rows(r.stdout), [
      'a.ts no-keys:error',
      'a.ts set-without-ttl:warning',
      'both/c.ts no-keys:info',
      'both/c.ts set-without-ttl:warning',
      'pkg/src/b.ts no-keys:warning',
      'plain/d.ts no-keys:error',
      'plain/d.ts set-without-ttl:warning',
    ]);
    assert.equal(r.code, 1, 'errors from the project config fail the run');
  });

  it('--config is applied over the project config, rule by rule; exclude globs are relative to the config', async () => {
    const dir = ws({
      'redis-specialist.config.json': JSON.stringify({ rules: { 'no-keys': 'error', 'set-without-ttl': 'info' }, exclude: ['generated/**'] }),
      'src/a.ts': KEYS_AND_SET,
      'generated/g.ts': KEYS_AND_SET,
      'ci.json': JSON.stringify({ rules: { 'no-keys': 'hint' } }),
    });
    const r = await lint(dir, 'lint', '--format', 'json', '--config', 'ci.json', '.');
    assert.deepEqual(rows(r.stdout), ['src/a.ts no-keys:hint', 'src/a.ts set-without-ttl:info']);
    assert.equal(r.code, 0);
  });

  it('reads the node-redis version each package installs, as the editor does: v4 drops positional SET options, v3 takes them', async () => {
    const POSITIONAL = `const redis = require('redis');\nconst client = redis.createClient();\nclient.on('error', () => {});\nmodule.exports = (id, v) => client.set('k:' + id, v, 'EX', 60);\n`;
    const dir = ws({
      'v4/package.json': JSON.stringify({ name: 'v4', dependencies: { redis: '^4.6.13' } }),
      'v4/src/a.js': POSITIONAL,
      'v3/package.json': JSON.stringify({ name: 'v3', dependencies: { redis: '^3.1.2' } }),
      'v3/src/a.js': POSITIONAL,
      // A monorepo package whose package.json does not say: the root's does.
      'package.json': JSON.stringify({ name: 'root', private: true, dependencies: { redis: '^5.0.0' } }),
      'packages/api/package.json': JSON.stringify({ name: 'api' }),
      'packages/api/a.js': POSITIONAL,
      // A configuration that names the version wins.
      'pinned/redis-specialist.config.json': JSON.stringify({ nodeRedisMajor: 3 }),
      'pinned/a.js': POSITIONAL,
    });
    const r = await lint(dir, 'lint', '--format', 'json', '.');
    assert.deepEqual(rows(r.stdout), ['packages/api/a.js set-without-ttl:warning', 'v4/src/a.js set-without-ttl:warning']);
    const messages = (JSON.parse(r.stdout) as Array<{ message: string }>).map((f) => f.message);
    assert.match(messages[0], /ignore 'EX', 60: this key never expires\. Pass \{ expiration: \{ type: 'EX', value: 60 \} \}/);
    assert.match(messages[1], /Pass \{ EX: 60 \}/);
  });

  it('a broken project config is a configuration error (exit 2) naming the file', async () => {
    const bad = ws({ 'redis-specialist.config.json': '{ "rules": { "no-kyes": "off" } }', 'a.ts': KEYS_AND_SET });
    const r = await lint(bad, 'lint', 'a.ts');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /redis-specialist\.config\.json: Unknown rule "no-kyes"/);
    const broken = ws({ 'package.json': JSON.stringify({ redisSpecialist: { rules: [] } }), 'a.ts': KEYS_AND_SET });
    const r2 = await lint(broken, 'lint', 'a.ts');
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /package\.json \("redisSpecialist"\): "rules" must be an object/);
    assert.equal(r2.stdout, '');
  });
});
