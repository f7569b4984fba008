import { spawn } from 'node:child_process';
import { CliSession, type CliSessionOptions } from '../../../src/core/terminal/cliSession';
import { cliTargetFor } from '../../../src/core/terminal/cliTarget';
import type { ConnectionConfig, ConnectionSecrets } from '../../../src/core/redis/connection/connectionConfig';

/** Runs the real redis-cli with `lines` on stdin (its REPL, TTY formatting forced by --no-raw) and returns stdout with "\n" line ends. */
export function runRedisCli(port: number, lines: string[], extraArgs: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-cli', ['-p', String(port), '--no-raw', ...extraArgs], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('latin1')));
    child.on('error', reject);
    // A terminal shows INFO's CRLFs as line breaks, as our session does.
    child.on('close', (code) => (code === 0 ? resolve(stdout.replace(/\r\n/g, '\n')) : reject(new Error(`redis-cli exited with ${code}: ${stderr}`))));
    // What a terminal sends: UTF-8.
    child.stdin.end(lines.map((line) => `${line}\n`).join(''), 'utf8');
  });
}

/** A CliSession whose terminal output is recorded. */
export class RecordedSession {
  output = '';
  exited = false;
  readonly session: CliSession;

  constructor(config: ConnectionConfig, secrets: ConnectionSecrets = {}, options: Partial<CliSessionOptions> = {}) {
    this.session = new CliSession({
      target: cliTargetFor(config, secrets),
      write: (text) => (this.output += text),
      onExit: () => (this.exited = true),
      ...options,
    });
  }

  async start(): Promise<this> {
    await this.session.start();
    return this;
  }

  /** Types `line` and Enter; resolves with what the command printed (echo and next prompt removed), "\n" line ends. */
  async run(line: string): Promise<string> {
    const from = this.output.length;
    this.session.handleInput(`${line}\r`);
    await this.session.whenIdle();
    const written = this.output.slice(from);
    const afterEcho = written.indexOf('\r\n') + 2;
    const nextPrompt = written.lastIndexOf('\r\x1b[K');
    return written.slice(afterEcho, nextPrompt >= afterEcho ? nextPrompt : undefined).replace(/\r\n/g, '\n');
  }

  /** Output since `from` as it would read on screen: no ANSI sequences or carriage returns, "\n" line ends. */
  plainSince(from: number): string {
    return plain(this.output.slice(from));
  }

  close(): void {
    this.session.close();
  }
}

export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI sequences start with ESC
  return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r\n/g, '\n').replace(/\r/g, '');
}

/** Polls until `condition` holds (a wait, not a timing assertion); fails with `what` after 10 s. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
