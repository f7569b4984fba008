import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Running, as opposed to gone or a zombie. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  return !isAlive(pid);
}

describe('faults: a killed test process leaks no redis-server', () => {
  it('SIGKILL of the test process (no exit handler runs) still stops its servers and removes their dirs', async () => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(REPO_ROOT, 'test', 'integration', 'support', 'abandonFixture.ts'), 'wait'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const server = await new Promise<{ pid: number; port: number; dir: string }>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('\n')) resolve(JSON.parse(output.split('\n')[0]) as { pid: number; port: number; dir: string });
      });
      child.once('exit', (code) => reject(new Error(`child ended (${code}) before reporting a server: ${output}`)));
    });
    const stopped = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await stopped;
    const gone = await waitUntilGone(server.pid);
    if (!gone) process.kill(server.pid, 'SIGKILL');
    assert.ok(gone, `redis-server ${server.pid} outlived its SIGKILLed test process`);
    for (let i = 0; i < 20 && existsSync(server.dir); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(existsSync(server.dir), false, `${server.dir} was left behind`);
  });
});
