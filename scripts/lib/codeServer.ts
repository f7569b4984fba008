import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../test/fixtures/redis/ports';

/**
 * Starts code-server (the real VS Code workbench and Node extension host, from the npm registry)
 * on loopback with no auth, in throwaway user-data and extensions folders.
 */
export interface CodeServer {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** VSIX files to install into the extensions folder before starting. */
  installVsix?: string[];
  /** User settings written before start. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and so for its extension host. */
  env?: Record<string, string>;
  /** Log code-server's own output here (it is noisy: gallery lookups fail offline). */
  logFile?: string;
  port?: number;
  host?: string;
  /** Where user data and extensions go; by default a fresh temporary folder, removed on stop. */
  baseDir?: string;
}

const repoRoot = path.resolve(__dirname, '..', '..');

/** Installs code-server into the cache when missing (scripts/prepare-code-server.sh) and returns its entry point. */
export function codeServerEntry(): string {
  const cache = execFileSync('bash', [path.join(repoRoot, 'scripts', 'prepare-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop() as string;
  return path.join(cache, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const entry = codeServerEntry();
  const base = options.baseDir ?? mkdtempSync(path.join(tmpdir(), 'redis-specialist-code-'));
  const removeBase = (): void => {
    if (!options.baseDir) rmSync(base, { recursive: true, force: true, maxRetries: 3 });
  };
  const userDataDir = path.join(base, 'user-data');
  const extensionsDir = path.join(base, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'workbench.enableExperiments': false,
      ...options.settings,
    }, null, 2),
  );
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  for (const vsix of options.installVsix ?? []) {
    execFileSync(process.execPath, [entry, ...common, '--install-extension', vsix], { stdio: 'pipe' });
  }
  const port = options.port ?? (await freePort());
  const host = options.host ?? '127.0.0.1';
  const child = spawn(
    process.execPath,
    [entry, '--auth', 'none', '--bind-addr', `${host}:${port}`, ...common, '--disable-telemetry', '--disable-workspace-trust', '--disable-update-check', '--disable-getting-started-override'],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  );
  const log: string[] = [];
  const onData = (chunk: Buffer): void => {
    log.push(chunk.toString());
    if (options.logFile) writeFileSync(options.logFile, log.join(''));
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const url = `http://${host}:${port}`;
  try {
    await waitForHttp(url, child, log);
  } catch (error) {
    removeBase();
    throw error;
  }
  return {
    url,
    port,
    userDataDir,
    extensionsDir,
    stop: async () => {
      await stopProcessGroup(child);
      removeBase();
    },
  };
}

async function waitForHttp(url: string, child: ChildProcess, log: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${log.join('').slice(-3000)}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stopProcessGroup(child);
  throw new Error(`code-server did not answer on ${url} within 60 s:\n${log.join('').slice(-3000)}`);
}

/** code-server leaves a file-watcher child behind: stop the whole process group. */
export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}
