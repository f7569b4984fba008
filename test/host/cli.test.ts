import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import Redis from 'ioredis';
import { Commands } from '../../src/commands';
import type { RedisSpecialistApi } from '../../src/context';
import type { CliPseudoterminal } from '../../src/terminal/redisTerminal';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension, eventually } from './extensionApi';

/** A Redis CLI terminal opened by the command, driven through VS Code's own terminal (sendText → handleInput). */
interface OpenCli {
  terminal: vscode.Terminal;
  pty: CliPseudoterminal;
  /** Everything the terminal printed since the last `clear()`. */
  output(): string;
  clear(): void;
  /** Types a line as the user would and waits for the session to show its prompt or a question again. */
  run(line: string, expect: RegExp): Promise<string>;
  close(): Promise<void>;
}

describe('Redis CLI terminal', () => {
  let api: RedisSpecialistApi;
  let redis: RedisFixture;
  let client: Redis;
  let connectionId: string;
  let readOnlyId: string;

  before(async () => {
    api = await activateExtension();
    redis = await startStandalone();
    client = new Redis(redis.port, redis.host);
    connectionId = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: redis.url, name: 'CLI fixture' });
    const config = api.connections.get(connectionId);
    assert.ok(config);
    readOnlyId = (await api.connections.save({ ...config, id: undefined, name: 'CLI fixture (read-only)', readOnly: true })).id;
  });

  after(async () => {
    for (const id of [connectionId, readOnlyId]) if (id) await vscode.commands.executeCommand(Commands.removeConnection, id);
    client?.disconnect();
    await redis?.stop();
  });

  async function openCli(id: string): Promise<OpenCli> {
    const terminal = await vscode.commands.executeCommand<vscode.Terminal>(Commands.openCli, id);
    assert.ok(terminal, 'the command returns its terminal');
    const pty = (terminal.creationOptions as vscode.ExtensionTerminalOptions).pty as CliPseudoterminal;
    let output = '';
    const listener = pty.onDidWrite((text) => (output += text));
    // The first prompt shows once the session has connected and read COMMAND DOCS.
    await eventually(() => /> $/.test(output), 'the first prompt');
    const cli: OpenCli = {
      terminal,
      pty,
      output: () => output,
      clear: () => (output = ''),
      async run(line, expect) {
        output = '';
        terminal.sendText(line);
        await eventually(() => expect.test(output), `${JSON.stringify(line)} to print ${expect}`).catch((error: Error) => {
          throw new Error(`${error.message}; the terminal printed ${JSON.stringify(output)}`);
        });
        await pty.whenIdle();
        return output;
      },
      async close() {
        listener.dispose();
        const closed = new Promise<void>((resolve) => {
          const subscription = vscode.window.onDidCloseTerminal((t) => {
            if (t !== terminal) return;
            subscription.dispose();
            resolve();
          });
        });
        terminal.dispose();
        await closed;
      },
    };
    return cli;
  }

  it('opens a terminal named after the connection and runs commands with redis-cli replies', async () => {
    const cli = await openCli(connectionId);
    assert.equal(cli.terminal.name, 'Redis CLI: CLI fixture');
    assert.match(cli.output(), new RegExp(`${redis.host}:${redis.port}> $`));
    await cli.run('SET greeting "hello world"', /OK/);
    assert.equal(await client.get('greeting'), 'hello world');
    assert.match(await cli.run('GET greeting', /"hello world"/), /"hello world"\r\n/);
    assert.match(await cli.run('RPUSH list a b', /\(integer\) 2/), /\(integer\) 2/);
    assert.match(await cli.run('LRANGE list 0 -1', /2\) "b"/), /1\) "a"\r\n2\) "b"/);
    assert.match(await cli.run('GET missing', /\(nil\)/), /\(nil\)/);
    assert.match(await cli.run('SELECT 2', /OK/), /\[2\]> $/, 'the prompt shows the database');
    await cli.close();
  });

  it('keeps the history per connection between terminals, without AUTH lines', async () => {
    const first = await openCli(connectionId);
    await first.run('ECHO remembered', /"remembered"/);
    // The fixture's default user has no password, so any AUTH succeeds; it must still stay out of the history.
    await first.run('AUTH default secret', /OK/);
    await first.close();
    const second = await openCli(connectionId);
    second.clear();
    second.terminal.sendText('\x1b[A', false);
    await eventually(() => second.output().includes('ECHO remembered'), 'Up recalls the last command of the previous terminal, not the AUTH line');
    await second.close();
  });

  it('asks before a dangerous command and sends nothing when the answer is no', async () => {
    await client.set('precious', '1');
    const cli = await openCli(connectionId);
    await cli.run('FLUSHDB', /\[y\/N\] $/);
    await cli.run('n', /Not sent/);
    assert.equal(await client.get('precious'), '1');
    await cli.close();
  });

  it('refuses writes on a read-only connection and still reads', async () => {
    const cli = await openCli(readOnlyId);
    assert.match(await cli.run('SET intruder 1', /\(error\)/), /read-only/i);
    assert.equal(await client.exists('intruder'), 0);
    assert.match(await cli.run('GET greeting', /"hello world"/), /"hello world"/);
    await cli.close();
  });
});
