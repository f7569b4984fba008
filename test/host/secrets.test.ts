import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/commands';
import type { CliPseudoterminal } from '../../src/terminal/redisTerminal';
import type { RedisSpecialistApi } from '../../src/context';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension, eventually } from './extensionApi';

const SECRET = 'pw-never-logged-91c4e';
/** A password with URL syntax in it; each part is checked on its own, so that a half-redacted one is caught. */
const TRICKY_PARTS = ['first9c4e', 'second9c4e', 'third9c4e', 'fourth9c4e', 'fifth9c4e'];
const TRICKY = `${TRICKY_PARTS[0]}/${TRICKY_PARTS[1]}@${TRICKY_PARTS[2]}%${TRICKY_PARTS[3]} ${TRICKY_PARTS[4]}`;

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('secrets never leave SecretStorage', () => {
  let api: RedisSpecialistApi;
  let redis: RedisFixture;
  const ids: string[] = [];

  before(async () => {
    api = await activateExtension();
    redis = await startStandalone({ password: SECRET });
  });

  after(async () => {
    for (const id of ids) await vscode.commands.executeCommand(Commands.removeConnection, id);
    await redis?.stop();
  });

  it('is absent from settings, state and every log file after connects, failures and edits', async () => {
    const good = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: `redis://:${SECRET}@${redis.host}:${redis.port}`, name: 'Secret good' });
    const wrong = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: `redis://admin:${SECRET}x@${redis.host}:${redis.port}`, name: 'Secret wrong' });
    const refused = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: `redis://:${SECRET}@127.0.0.1:1`, name: 'Secret refused' });
    ids.push(good, wrong, refused);
    for (const id of ids) {
      const connection = api.connections.get(id);
      assert.ok(connection);
      const children = (await api.tree.getChildren({ kind: 'connection', connection })) as { kind: string; text?: string }[];
      for (const child of children) assert.ok(!JSON.stringify(child).includes(SECRET), 'tree messages carry no secret');
    }
    await vscode.commands.executeCommand(Commands.duplicateConnection, good).then((id) => ids.push(id as string));
    assert.equal(api.manager.state(good).status, 'connected');
    assert.equal(api.manager.state(wrong).status, 'error');
    assert.ok(!String(api.manager.state(wrong).error).includes(SECRET));

    await assertNowhere(api, [SECRET], 'Secret good');
    assert.deepEqual(await api.connections.getSecrets(good), { password: SECRET });
  });

  it('is absent everywhere after a password with "/", "@", "%" and a space, and a CLI session full of secrets', async () => {
    // As typed, the URL does not parse; percent-encoded, it does (and the server refuses the connection).
    await Promise.resolve(vscode.commands.executeCommand(Commands.addConnection, { url: `redis://u:${TRICKY}@127.0.0.1:1`, name: 'Tricky raw' })).catch(() => undefined);
    const encoded = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: `redis://u:${encodeURIComponent(TRICKY)}@127.0.0.1:1`, name: 'Tricky encoded' });
    ids.push(encoded);
    const connection = api.connections.get(encoded);
    assert.ok(connection);
    await api.tree.getChildren({ kind: 'connection', connection });
    assert.deepEqual(await api.connections.getSecrets(encoded), { password: TRICKY });

    const good = ids[0];
    const terminal = await vscode.commands.executeCommand<vscode.Terminal>(Commands.openCli, good);
    const pty = (terminal.creationOptions as vscode.ExtensionTerminalOptions).pty as CliPseudoterminal;
    let output = '';
    const listener = pty.onDidWrite((text) => (output += text));
    await eventually(() => /> $/.test(output), 'the first prompt');
    const type = async (line: string): Promise<void> => {
      output = '';
      pty.handleInput(`${line}\r`);
      await pty.whenIdle();
      if (output.endsWith('[y/N] ')) {
        pty.handleInput('y');
        await pty.whenIdle();
      }
    };
    for (const line of [
      'set visible 1',
      `AUTH ${SECRET}`,
      `auth "${SECRET}`,
      `hello 2 AUTH default ${SECRET}`,
      `config set maxmemory 0 masterauth ${SECRET}`,
      `config set tls-key-file-pass ${SECRET}`,
      `acl setuser temp on >${SECRET} ~* +@all`,
      `sentinel set mymaster auth-pass ${SECRET}`,
      `migrate 127.0.0.1 1 nokey 0 100 AUTH2 u ${SECRET}`,
      'get visible',
    ]) {
      await type(line);
    }
    listener.dispose();
    const closed = new Promise<void>((resolve) => vscode.window.onDidCloseTerminal((t) => t === terminal && resolve()));
    terminal.dispose();
    await closed;
    // Other host suites keep CLI histories of their own connections in the same state: check this one's.
    const history = api.storage.globalState.keys().find((key) => key.includes('cliHistory') && key.endsWith(good));
    assert.ok(history, 'the session kept a history for its connection');
    assert.deepEqual(api.storage.globalState.get(history), ['set visible 1', 'get visible']);
    await assertNowhere(api, [SECRET, ...TRICKY_PARTS], 'Tricky encoded');
  });
});

/** None of `secrets` is in the settings, the extension's state, or any log file of the host (ours is found by `marker`). */
async function assertNowhere(api: RedisSpecialistApi, secrets: string[], marker: string): Promise<void> {
  const leaks = (text: string): string[] => secrets.filter((secret) => text.includes(secret));
  const settings = JSON.stringify(vscode.workspace.getConfiguration('redisSpecialist').inspect('connections'));
  assert.deepEqual(leaks(settings), [], 'settings');
  for (const memento of [api.storage.globalState, api.storage.workspaceState]) {
    for (const key of memento.keys()) assert.deepEqual(leaks(JSON.stringify(memento.get(key))), [], `state key ${key}`);
  }
  // The extension host's log folder holds our LogOutputChannel ("Redis Specialist.log") and its siblings.
  await new Promise((resolve) => setTimeout(resolve, 1500)); // log channels flush asynchronously
  const logRoot = path.resolve(api.storage.logUri.fsPath, '..', '..');
  const logs = filesUnder(logRoot).filter((f) => statSync(f).size < 50_000_000);
  const ours = logs.filter((f) => readFileSync(f, 'utf8').includes(marker));
  assert.ok(ours.length > 0, `our log was found under ${logRoot} (${logs.length} files)`);
  for (const file of logs) assert.deepEqual(leaks(readFileSync(file, 'utf8')), [], `no secret in ${file}`);
}
