import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unifiedDiff } from '../../../src/commandLine/lint/unifiedDiff';
import { lint, tempWorkspace, useTempWorkspaces } from './cliHarness';

const FIXABLE = `import Redis from 'ioredis';

const redis = new Redis();

export async function remember(id: string, value: string): Promise<void> {
  await redis.set(\`user:\${id}\`, value);
}

export async function all(): Promise<string[]> {
  const keys = await redis.keys('user:*');
  return keys;
}

export async function lock(name: string): Promise<boolean> {
  return (await redis.setnx(\`lock:\${name}\`, '1')) === 1;
}
`;

describe('CLI: lint --fix / --fix-dry-run', function () {
  this.timeout(60_000);
  const ws = useTempWorkspaces();

  it('--fix applies the safe fixes, says what changed on stderr, and reports what remains', async () => {
    const dir = ws({ 'src/cache.ts': FIXABLE });
    const r = await lint(dir, 'lint', '--fix', '--format', 'json', 'src');
    const fixed = fs.readFileSync(path.join(dir, 'src/cache.ts'), 'utf8');
    assert.match(fixed, /await redis\.set\(`user:\$\{id\}`, value, 'EX', 3600\);/);
    assert.match(fixed, /redis\.keys\('user:\*'\)/, 'the KEYS rewrite needs review: not applied by default');
    assert.match(r.stderr, /^src\/cache\.ts: fixed 1 problem \(set-without-ttl\)$/m);
    const remaining = (JSON.parse(r.stdout) as Array<{ rule: string }>).map((f) => f.rule);
    assert.deepEqual(remaining, ['no-keys', 'setnx-lock-without-ttl'], 'SETNX compared to 1 keeps its reply: no safe rewrite');
    assert.equal(r.code, 0);
  });

  it('--fix-type review also applies the rewrites that need review (KEYS → SCAN)', async () => {
    const dir = ws({ 'src/cache.ts': FIXABLE });
    const r = await lint(dir, 'lint', '--fix', '--fix-type', 'review', '--format', 'json', 'src');
    const fixed = fs.readFileSync(path.join(dir, 'src/cache.ts'), 'utf8');
    assert.match(fixed, /scanStream\(\{ match: 'user:\*', count: 100 \}\)/);
    assert.match(r.stderr, /src\/cache\.ts: fixed 2 problems \((set-without-ttl, no-keys|no-keys, set-without-ttl)\)/);
  });

  it('--fix-dry-run prints a unified diff that patch applies, and changes nothing', async () => {
    const dir = ws({ 'src/cache.ts': FIXABLE });
    const r = await lint(dir, 'lint', '--fix-dry-run', 'src');
    assert.equal(fs.readFileSync(path.join(dir, 'src/cache.ts'), 'utf8'), FIXABLE);
    assert.match(r.stdout, /^--- a\/src\/cache\.ts\n\+\+\+ b\/src\/cache\.ts\n@@ -3,7 \+3,7 @@\n/);
    assert.match(r.stdout, /^- {2}await redis\.set\(`user:\$\{id\}`, value\);$/m);
    assert.match(r.stdout, /^\+ {2}await redis\.set\(`user:\$\{id\}`, value, 'EX', 3600\);$/m);
    assert.match(r.stderr, /src\/cache\.ts: would fix 1 problem \(set-without-ttl\)/);
    execFileSync('patch', ['-p1', '--quiet'], { cwd: dir, input: r.stdout });
    assert.match(fs.readFileSync(path.join(dir, 'src/cache.ts'), 'utf8'), /value, 'EX', 3600\);/);
  });

  it('rejects contradictory fix options as usage errors', async () => {
    const dir = ws({ 'a.ts': FIXABLE });
    const cases: Array<[string[], RegExp]> = [
      [['lint', '--fix', '--fix-dry-run', 'a.ts'], /--fix and --fix-dry-run cannot be combined/],
      [['lint', '--fix-type', 'review', 'a.ts'], /--fix-type needs --fix or --fix-dry-run/],
      [['lint', '--fix', '--fix-type', 'all', 'a.ts'], /--fix-type must be safe or review/],
      [['lint', '--fix-dry-run', '--format', 'json', 'a.ts'], /cannot be combined with --format/],
    ];
    for (const [argv, message] of cases) {
      const r = await lint(dir, ...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, message);
    }
    assert.equal(fs.readFileSync(path.join(dir, 'a.ts'), 'utf8'), FIXABLE);
  });
});

describe('unifiedDiff', () => {
  const apply = (before: string, after: string): string => {
    const dir = tempWorkspace({ 'f.txt': before });
    try {
      execFileSync('patch', ['-p1', '--quiet'], { cwd: dir, input: unifiedDiff('f.txt', before, after) });
      return fs.readFileSync(path.join(dir, 'f.txt'), 'utf8');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff('f', 'a\nb\n', 'a\nb\n'), '');
  });

  it('keeps far-apart changes in separate hunks and near ones in one, with correct line numbers', () => {
    const before = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const lines = before.split('\n');
    lines[2] = 'changed 3';
    lines.splice(5, 0, 'inserted after 5');
    lines[31] = 'changed 31';
    lines.splice(36, 1);
    const after = lines.join('\n');
    const diff = unifiedDiff('f.txt', before, after);
    assert.deepEqual(diff.split('\n').filter((l) => l.startsWith('@@')), ['@@ -1,8 +1,9 @@', '@@ -28,12 +29,11 @@']);
    assert.equal(apply(before, after), after);
  });

  it('round-trips insertions at the start, deletions at the end and multi-line replacements through patch', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    for (const after of ['new\na\nb\nc\nd\ne\nf\ng\nh\n', 'a\nb\nc\nd\ne\nf\n', 'a\nX\nY\nZ\ne\nf\ng\nh\n', 'h\ng\nf\ne\nd\nc\nb\na\n']) {
      assert.equal(apply(before, after), after, JSON.stringify(after));
    }
  });
});
