import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, startStandalone } from '../fixtures/redis';

const REPO_ROOT = join(__dirname, '..', '..');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** Running, as opposed to gone or a zombie (killed, waiting for its parent or init to reap it). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return false;
  }
}

/** SIGKILL is delivered asynchronously; give the kernel a moment before concluding. */
async function waitUntilGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  return !isAlive(pid);
}

async function withPath<T>(path: string, run: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  process.env.PATH = path;
  try {
    return await run();
  } finally {
    process.env.PATH = saved;
  }
}

interface Abandoned { pid: number; port: number; dir: string }

/** Runs support/abandonFixture.ts in a child Node process and returns what it started plus how it ended. */
function runAbandoningChild(mode: 'exit' | 'wait', signal?: NodeJS.Signals): Promise<{ server: Abandoned; code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'support', 'abandonFixture.ts'), mode], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    let server: Abandoned | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!server && output.includes('\n')) {
        server = JSON.parse(output.split('\n')[0]) as Abandoned;
        if (signal) child.kill(signal);
      }
    });
    child.once('error', reject);
    child.once('exit', (code, exitSignal) => (server ? resolve({ server, code, signal: exitSignal }) : reject(new Error(`child ended (${code ?? exitSignal}) before reporting a server: ${output}`))));
  });
}

describe('Redis fixture lifecycle', () => {
  it('stop() kills the server, frees its port and removes its dir; a second stop() is harmless', async () => {
    const server = await startStandalone();
    assert.ok(await acceptsConnections(server.port));
    await server.stop();
    assert.equal(await acceptsConnections(server.port), false);
    assert.ok(await waitUntilGone(server.pid), `redis-server ${server.pid} still alive`);
    assert.equal(existsSync(server.dir), false);
    await server.stop();
  });

  for (const [mode, signal] of [['exit', undefined], ['wait', 'SIGINT'], ['wait', 'SIGTERM']] as const) {
    it(`kills servers a test process left running when it ${signal ? `gets ${signal}` : 'exits'}`, async () => {
      const { server, code, signal: endedBy } = await runAbandoningChild(mode, signal);
      // The fixture's handler re-raises the signal, so the process still dies of it.
      assert.deepEqual({ code, endedBy }, signal ? { code: null, endedBy: signal } : { code: 0, endedBy: null });
      assert.ok(await waitUntilGone(server.pid), `redis-server ${server.pid} outlived its test process`);
      assert.equal(await acceptsConnections(server.port), false);
      assert.equal(existsSync(server.dir), false);
    });
  }

  it('fails at once with the install command when redis-server is missing', async () => {
    await withPath(mkdtempSync(join(tmpdir(), 'empty-path-')), async () => {
      await assert.rejects(startStandalone(), { message: 'redis-server not found: install it with `sudo apt-get install -y redis-server redis-tools`' });
    });
  });

  it('fails before starting any node when redis-cli is missing', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'only-redis-server-'));
    symlinkSync('/usr/bin/redis-server', join(bin, 'redis-server'));
    try {
      await withPath(bin, async () => {
        await assert.rejects(startCluster(), { message: 'redis-cli not found: install it with `sudo apt-get install -y redis-server redis-tools`' });
      });
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
