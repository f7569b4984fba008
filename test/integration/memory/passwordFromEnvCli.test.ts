import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { startStandalone, type RedisFixture } from '../../fixtures/redis';

const run = promisify(execFile);
const CLI = join(__dirname, '../../../src/cli.ts');

/** The CLI's own entry in a child process (tsx compiles it as the bundle would run it), with `env` added. */
async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('CLI password from REDISCLI_AUTH (memory and patterns on a server with a password)', function () {
  this.timeout(120_000);
  let server: RedisFixture;

  before(async () => {
    server = await startStandalone({ users: [{ name: 'app', password: 'app-secret', rules: '~* +@all' }] });
    const app = new Redis({ host: server.host, port: server.port, username: 'app', password: 'app-secret' });
    await app.set('session:1', 'x', 'EX', 600);
    await app.set('user:1', 'y');
    app.disconnect();
  });

  after(async () => {
    await server?.stop();
  });

  it('memory --redis URL without a password reads the server with the password REDISCLI_AUTH holds', async () => {
    const url = `redis://app@${server.host}:${server.port}`;
    const out = await cli(['memory', '--redis', url, '--format', 'json'], { REDISCLI_AUTH: 'app-secret' });
    assert.equal(out.code, 0, out.stderr);
    assert.equal((JSON.parse(out.stdout) as { totalKeys: number }).totalKeys, 2);
    assert.doesNotMatch(out.stdout + out.stderr, /app-secret/, 'the password is never printed');
  });

  it('without it the server refuses, in one sentence, exit 2; a wrong one is refused too', async () => {
    const url = `redis://app@${server.host}:${server.port}`;
    const none = await cli(['memory', '--redis', url], { REDISCLI_AUTH: '' });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Cannot connect to redis:\/\/app@/);
    const wrong = await cli(['patterns', '--redis', url, '--format', 'json', join(__dirname, '../../fixtures/workspace')], { REDISCLI_AUTH: 'not-it' });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /password|auth/i);
    assert.doesNotMatch(wrong.stderr, /not-it/, 'the password is never printed');
  });

  it('patterns --redis reads live counts with the password from REDISCLI_AUTH; a password in the URL wins over it', async () => {
    const url = `redis://app@${server.host}:${server.port}`;
    const out = await cli(['patterns', '--redis', url, '--format', 'json', join(__dirname, '../../fixtures/workspace')], { REDISCLI_AUTH: 'app-secret' });
    assert.equal(out.code, 0, out.stderr);
    const withUrlPassword = await cli(['memory', '--redis', `redis://app:app-secret@${server.host}:${server.port}`, '--format', 'json'], { REDISCLI_AUTH: 'wrong' });
    assert.equal(withUrlPassword.code, 0, withUrlPassword.stderr);
  });
});
