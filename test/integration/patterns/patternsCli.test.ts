import assert from 'node:assert/strict';
import Redis, { Cluster } from 'ioredis';
import { runPatternsCli } from '../../../src/commandLine/patterns/runPatternsCli';
import { startCluster, startStandalone, type ClusterFixture, type RedisFixture } from '../../fixtures/redis';
import { useTempWorkspaces } from '../../unit/lint/cliHarness';

/**
 * `dist/cli.js patterns` against real servers seeded with known keys: the code names three
 * patterns (one through a helper in another file); the server also holds keys no code names.
 */

const CODE = {
  'src/keys.ts': "export const cartKey = (id: string) => `cart:${id}`;\n",
  'src/app.ts': [
    `import Redis from 'ioredis';`,
    `import { cartKey } from './keys';`,
    `const redis = new Redis();`,
    `export async function save(id: string) {`,
    "  await redis.set(`session:${id}`, 'v', 'EX', 3600);",
    `  await redis.set(cartKey(id), 'v');`,
    "  await redis.hset(`user:${id}:profile`, { name: 'n' });",
    `}`,
  ].join('\n'),
};

interface JsonPattern {
  pattern: string;
  glob: string;
  sites: { file: string; line: number; command: string; access: string; ttl: string | null }[];
  types: string[];
  keys: number;
  keysExact: boolean;
  withTtl: number;
  sampled: number;
  memoryBytes: number;
  typesSeen: Record<string, number>;
  inferred: boolean;
}

async function seed(writer: Redis | Cluster): Promise<void> {
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < 30; i++) writes.push(writer.set(`session:${i}`, 'v', 'EX', 3600));
  for (let i = 0; i < 12; i++) writes.push(i < 5 ? writer.set(`cart:${i}`, 'v', 'EX', 60) : writer.set(`cart:${i}`, 'v'));
  for (let i = 0; i < 7; i++) writes.push(writer.hset(`user:${i}:profile`, 'name', `n${i}`));
  for (let i = 1; i <= 25; i++) writes.push(writer.set(`orphan:x${i}`, '1'));
  await Promise.all(writes);
}

async function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runPatternsCli(argv, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function byPattern(stdout: string): Map<string, JsonPattern> {
  const parsed = JSON.parse(stdout) as { patterns: JsonPattern[] };
  return new Map(parsed.patterns.map((p) => [p.pattern, p]));
}

function checkReport(patterns: Map<string, JsonPattern>): void {
  const summary = (name: string): unknown => {
    const p = patterns.get(name);
    return p && [p.keys, p.keysExact, p.withTtl, p.sampled, p.inferred, Object.keys(p.typesSeen), p.memoryBytes > 0];
  };
  assert.deepEqual(summary('session:{id}'), [30, true, 30, 30, false, ['string'], true]);
  assert.deepEqual(summary('cart:{id}'), [12, true, 5, 12, false, ['string'], true]);
  assert.deepEqual(summary('user:{id}:profile'), [7, true, 0, 7, false, ['hash'], true]);
  assert.deepEqual(summary('orphan:*'), [25, true, 0, 25, true, ['string'], true]);
  assert.equal(patterns.size, 4);
  const cart = patterns.get('cart:{id}');
  assert.deepEqual(cart?.sites, [{ file: 'src/app.ts', line: 6, command: 'SET', access: 'write', ttl: 'none' }]);
  assert.deepEqual([cart?.glob, cart?.types], ['cart:*', ['string']]);
  assert.deepEqual(patterns.get('orphan:*')?.sites, []);
}

describe('dist/cli.js patterns', function () {
  this.timeout(120_000);
  const workspace = useTempWorkspaces();

  it('answers --help with its usage and exit 0, and a usage error with exit 2', async () => {
    const help = await run(['--help'], process.cwd());
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: redis-specialist patterns/);
    assert.equal(help.stderr, '');
    const bad = await run(['--fail-on', 'no-ttl', 'src'], process.cwd());
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /needs --redis URL/);
  });

  it('without --redis: the patterns the code builds, with their sites, and nothing live', async () => {
    const dir = workspace(CODE);
    const out = await run(['--format', 'json', 'src'], dir);
    assert.equal(out.code, 0);
    const patterns = byPattern(out.stdout);
    assert.deepEqual([...patterns.keys()].sort(), ['cart:{id}', 'session:{id}', 'user:{id}:profile']);
    assert.deepEqual(Object.keys(patterns.get('session:{id}') ?? {}), ['pattern', 'glob', 'sites', 'types']);
    assert.match(out.stderr, /Read 3 key pattern\(s\) from 2 file\(s\)/);
  });

  it('a server that is not there is a connection error: exit 2, one sentence, no report', async () => {
    const dir = workspace(CODE);
    const out = await run(['--redis', 'redis://127.0.0.1:1', 'src'], dir);
    assert.equal(out.code, 2);
    assert.equal(out.stdout, '');
    assert.match(out.stderr, /Cannot connect to redis:\/\/127\.0\.0\.1:1/);
  });

  describe('standalone', () => {
    let server: RedisFixture;
    let writer: Redis;
    before(async () => {
      server = await startStandalone();
      writer = new Redis({ host: server.host, port: server.port });
      await seed(writer);
    });
    after(async () => {
      writer.disconnect();
      await server.stop();
    });

    it('counts every pattern exactly, TTL coverage exact on small sets; keys no code names are an inferred pattern', async () => {
      const dir = workspace(CODE);
      const out = await run(['--redis', server.url, '--format', 'json', 'src'], dir);
      assert.equal(out.code, 0, out.stderr);
      checkReport(byPattern(out.stdout));
      assert.match(out.stderr, /warning: cart:\{id\} is written without a TTL \(SET at src\/app\.ts:6\): 12 keys on .*, 7 without a TTL/);
      assert.match(out.stderr, /Classified 74 keys into 4 pattern\(s\)/);
    });

    it('a disable comment at the write silences its data finding on stderr, as in the editor, and --fail-on no longer counts it (the report is unchanged)', async () => {
      const silenced = (comment: string): Record<string, string> => ({ ...CODE, 'src/app.ts': CODE['src/app.ts'].replace('  await redis.set(cartKey(id)', `  ${comment}\n  await redis.set(cartKey(id)`) });
      for (const comment of ['// redis-specialist-disable-next-line live-keys-without-ttl', '/* redis-specialist-disable */']) {
        const out = await run(['--redis', server.url, '--format', 'json', '--fail-on', 'no-ttl', 'src'], workspace(silenced(comment)));
        assert.doesNotMatch(out.stderr, /cart:\{id\} is written without a TTL/, comment);
        assert.equal(byPattern(out.stdout).get('cart:{id}')?.keys, 12);
        if (comment.includes('next-line')) {
          // Only that write is silenced: the profile pattern, written without a TTL elsewhere, still fails the run.
          assert.match(out.stderr, /error: user:\{id\}:profile is written without a TTL/);
          assert.equal(out.code, 1);
        } else {
          assert.doesNotMatch(out.stderr, /^error: /m);
          assert.equal(out.code, 0, `--fail-on honours the comment: ${out.stderr}`);
        }
      }
      // A comment naming another rule silences nothing, and --fail-on still fails on it.
      const other = await run(['--redis', server.url, '--fail-on', 'no-ttl', 'src'], workspace(silenced('// redis-specialist-disable-next-line live-type-mismatch')));
      assert.match(other.stderr, /error: cart:\{id\} is written without a TTL \(SET at src\/app\.ts:7\)/);
      assert.equal(other.code, 1);
    });

    it('--fail-on no-ttl exits 1 while live keys of a pattern written without TTL have none, 0 once they all have one', async () => {
      const dir = workspace(CODE);
      const failing = await run(['--redis', server.url, '--fail-on', 'no-ttl', 'src'], dir);
      assert.equal(failing.code, 1);
      assert.match(failing.stdout, /^PATTERN\s+SITES/);
      assert.match(failing.stderr, /error: cart:\{id\} is written without a TTL/);
      const withoutTtl = [...Array.from({ length: 7 }, (_, i) => `cart:${i + 5}`), ...Array.from({ length: 7 }, (_, i) => `user:${i}:profile`)];
      await Promise.all(withoutTtl.map((k) => writer.expire(k, 600)));
      try {
        const passing = await run(['--redis', server.url, '--fail-on', 'no-ttl', 'src'], dir);
        assert.equal(passing.code, 0, passing.stderr);
      } finally {
        await Promise.all(withoutTtl.map((k) => writer.persist(k)));
      }
    });
  });

  describe('Cluster', () => {
    let cluster: ClusterFixture;
    let writer: Cluster;
    before(async () => {
      cluster = await startCluster({ masters: 3 });
      writer = new Cluster(cluster.masters);
      await seed(writer);
    });
    after(async () => {
      writer.disconnect();
      await cluster.stop();
    });

    it('reads every master: the same exact counts and TTL coverage', async () => {
      const dir = workspace(CODE);
      const [first] = cluster.masters;
      const out = await run(['--redis', `redis://${first.host}:${first.port}`, '--format', 'json', 'src'], dir);
      assert.equal(out.code, 0, out.stderr);
      checkReport(byPattern(out.stdout));
    });
  });
});
