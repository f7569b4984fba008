import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, useTempWorkspaces } from './cliHarness';

const WARN_ONLY = `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const f = () => redis.keys('a*');\n`;

function filesIn(stdout: string): string[] {
  return [...new Set((JSON.parse(stdout) as Array<{ file: string }>).map((f) => f.file))].sort();
}

/** Odd inputs (issue 10 item 8): each is skipped with a reason on stderr; the other files are still linted. */
describe('CLI: odd inputs are skipped per file, never abort the run', function () {
  this.timeout(60_000);
  const ws = useTempWorkspaces();

  function assertNoStack(stderr: string): void {
    assert.doesNotMatch(stderr, /\n\s+at |internal error|RangeError/, stderr);
  }

  it('/dev/null as an argument: skipped as a character device, the rest linted, exit 0', async () => {
    const dir = ws({ 'a.ts': WARN_ONLY });
    const r = await lint(dir, 'lint', '--format', 'json', '/dev/null', 'a.ts');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /dev\/null: Skipped: not a regular file \(character device\)\./);
    assert.deepEqual(filesIn(r.stdout), ['a.ts']);
    assertNoStack(r.stderr);
  });

  it('a FIFO, named or found in a folder, is skipped without being opened (which would hang)', async () => {
    const dir = ws({ 'src/a.ts': WARN_ONLY });
    execFileSync('mkfifo', [path.join(dir, 'src', 'pipe.ts')]);
    const walked = await lint(dir, 'lint', '--format', 'json', 'src');
    assert.equal(walked.code, 0);
    assert.match(walked.stderr, /src\/pipe\.ts: Skipped: not a regular file \(FIFO\)\./);
    assert.deepEqual(filesIn(walked.stdout), ['src/a.ts']);
    const named = await lint(dir, 'lint', '--format', 'json', 'src/pipe.ts', 'src/a.ts');
    assert.match(named.stderr, /src\/pipe\.ts: Skipped: not a regular file \(FIFO\)\./);
    assert.deepEqual(filesIn(named.stdout), ['src/a.ts']);
  });

  it('a file over the string limit is skipped by its size without being read', async () => {
    const dir = ws({ 'a.ts': WARN_ONLY });
    // Sparse: 600 MB on paper (over V8's ~512 MB string limit), nothing on disk.
    const huge = path.join(dir, 'huge.ts');
    fs.closeSync(fs.openSync(huge, 'w'));
    fs.truncateSync(huge, 600 * 1024 * 1024);
    const r = await lint(dir, 'lint', '--format', 'json', '.');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /huge\.ts: Skipped: 600\.0 MB is over the analyzer's limit of 2097152 characters \(maxFileSize\)\./);
    assert.deepEqual(filesIn(r.stdout), ['a.ts']);
    assertNoStack(r.stderr);
  });

  it('an unreadable file is reported with the reason and the run goes on', async () => {
    const dir = ws({ 'a.ts': WARN_ONLY });
    // /proc/self/mem stats as a regular file but reading it from offset 0 fails (EIO), even as root.
    fs.symlinkSync('/proc/self/mem', path.join(dir, 'mem.ts'));
    const r = await lint(dir, 'lint', '--format', 'json', '.');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /mem\.ts: Skipped: cannot read it \(EIO\)\./);
    assert.deepEqual(filesIn(r.stdout), ['a.ts']);
    assertNoStack(r.stderr);
  });

  it('symbolic links: files and folders are followed, each real file linted once, cycles cut, broken links reported', async () => {
    const dir = ws({ 'src/a.ts': WARN_ONLY, 'shared/b.ts': WARN_ONLY });
    fs.symlinkSync(path.join(dir, 'src', 'a.ts'), path.join(dir, 'src', 'alias.ts'));
    fs.symlinkSync(path.join(dir, 'shared'), path.join(dir, 'src', 'shared'));
    fs.symlinkSync(path.join(dir, 'src'), path.join(dir, 'src', 'loop'));
    fs.symlinkSync(path.join(dir, 'nowhere.ts'), path.join(dir, 'src', 'dead.ts'));
    const r = await lint(dir, 'lint', '--format', 'json', 'src');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(filesIn(r.stdout), ['src/a.ts', 'src/shared/b.ts']);
    assert.match(r.stderr, /src\/dead\.ts: Skipped: broken symbolic link\./);
    const named = await lint(dir, 'lint', '--format', 'json', 'src/dead.ts', 'src/alias.ts');
    assert.match(named.stderr, /src\/dead\.ts: Skipped: broken symbolic link\./);
    assert.deepEqual(filesIn(named.stdout), ['src/alias.ts']);
  });

  it('a missing path stays a usage error (exit 2) with a one-line message', async () => {
    const dir = ws({ 'a.ts': WARN_ONLY });
    const r = await lint(dir, 'lint', 'missing.ts');
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n')[0], 'No such file or directory: missing.ts');
  });
});
