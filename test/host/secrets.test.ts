import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/commands';
import type { CliPseudoterminal } from '../../src/terminal/redisTerminal';
import type { RedisSpecialistApi } from '../../src/context';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension, eventually } from './extensionApi';
import { QuickInputDriver } from './quickInputs';

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
  let input: QuickInputDriver;
  const ids: string[] = [];

  before(async () => {
    api = await activateExtension();
    input = new QuickInputDriver(api);
    redis = await startStandalone({ password: SECRET });
  });

  after(async () => {
    input?.dispose();
    for (const id of ids) if (api.connections.get(id)) await vscode.commands.executeCommand(Commands.removeConnection, id);
    await redis?.stop();
  });

  // A failed test leaves its wizard open: close it so that the next test starts clean.
  afterEach(() => input.reset());

  /** Edit Connection through its wizard, keeping every answer but the ones given. */
  async function edit(id: string, answers: { password?: string; db?: string; name?: string }): Promise<void> {
    const kind = await input.choose(/deployment/, /Standalone/);
    assert.match(String(kind.title), /^Edit Redis Connection: /);
    const address = await input.type(/Host and port/, `${redis.host}:${redis.port}`);
    assert.equal(address.value, `${redis.host}:${redis.port}`, 'the saved address is shown');
    await input.type(/ACL user/, '');
    const password = await input.type(/Password/, answers.password ?? '');
    assert.match(String(password.prompt), /leave empty to keep/, 'a saved password is kept when the field is left empty');
    await input.type(/Database index/, answers.db ?? String(api.connections.get(id)?.db));
    await input.pick(/Options/, (_, selected) => [...selected]);
    const name = await input.type(/Connection name/, answers.name ?? String(api.connections.get(id)?.name));
    assert.equal(name.value, api.connections.get(id)?.name, 'the saved name is shown');
  }

  it('is only in SecretStorage after Add (wizard, tested before saving), Test, Edit and Duplicate, and after failures', async () => {
    const adding = vscode.commands.executeCommand(Commands.addConnection);
    await input.choose(/deployment/, /Standalone/);
    await input.type(/Host and port/, `${redis.host}:${redis.port}`);
    await input.type(/ACL user/, '');
    await input.type(/Password/, SECRET);
    await input.type(/Database index/, '0');
    await input.pick(/Options/, () => []);
    await input.type(/Connection name/, 'Secret good');
    // The test before saving passed: no "Testing … failed" step came up, and the command returns the id.
    const good = String(await adding);
    ids.push(good);
    assert.deepEqual(await api.connections.getSecrets(good), { password: SECRET });

    const tested = await vscode.commands.executeCommand<{ ok: boolean }>(Commands.testConnection, good);
    assert.equal(tested?.ok, true, 'Test Connection authenticates with the stored password');

    // Edit, leaving the password empty: it is kept.
    const editing = vscode.commands.executeCommand(Commands.editConnection, good);
    await edit(good, { db: '2', name: 'Secret edited' });
    await editing;
    assert.deepEqual([api.connections.get(good)?.name, api.connections.get(good)?.db], ['Secret edited', 2]);
    assert.deepEqual(await api.connections.getSecrets(good), { password: SECRET });

    // Edit with a wrong password: the test before saving fails, points at the password and resumes there.
    const fixing = vscode.commands.executeCommand(Commands.editConnection, good);
    await edit(good, { password: `${SECRET}-wrong` });
    const failure = await input.choose(/failed/, /Edit the password/);
    assert.match(String(failure.placeholder), /password/i);
    await input.type(/Password/, SECRET);
    await input.type(/Database index/, '2');
    await input.pick(/Options/, (_, selected) => [...selected]);
    await input.type(/Connection name/, 'Secret edited');
    await fixing;
    assert.deepEqual(await api.connections.getSecrets(good), { password: SECRET });

    // Edit, wrong password, Cancel: nothing changes.
    const cancelled = vscode.commands.executeCommand(Commands.editConnection, good);
    await edit(good, { password: `${SECRET}-other`, name: 'Secret renamed' });
    await input.choose(/failed/, /Cancel/);
    await cancelled;
    assert.equal(api.connections.get(good)?.name, 'Secret edited', 'a cancelled edit saves nothing');
    assert.deepEqual(await api.connections.getSecrets(good), { password: SECRET });

    const copy = await vscode.commands.executeCommand<string>(Commands.duplicateConnection, good);
    ids.push(copy);
    assert.deepEqual(await api.connections.getSecrets(copy), { password: SECRET }, 'the duplicate has its own copy');

    const wrong = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: `redis://admin:${SECRET}x@${redis.host}:${redis.port}`, name: 'Secret wrong' });
    const refused = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: `redis://:${SECRET}@127.0.0.1:1`, name: 'Secret refused' });
    ids.push(wrong, refused);
    for (const id of ids) {
      const connection = api.connections.get(id);
      assert.ok(connection);
      const children = (await api.tree.getChildren({ kind: 'connection', connection })) as { kind: string; text?: string }[];
      for (const child of children) assert.ok(!JSON.stringify(child).includes(SECRET), 'tree messages carry no secret');
    }
    assert.equal(api.manager.state(good).status, 'connected');
    assert.equal(api.manager.state(wrong).status, 'error');
    assert.ok(!String(api.manager.state(wrong).error).includes(SECRET));

    await assertNowhere(api, [SECRET]);
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
    await assertNowhere(api, [SECRET, ...TRICKY_PARTS]);
  });

  it('is deleted from SecretStorage by Remove Connection, for the original and its duplicate', async () => {
    const [good, copy] = ids;
    for (const id of [good, copy]) {
      await vscode.commands.executeCommand(Commands.removeConnection, id);
      assert.equal(api.connections.get(id), undefined);
      assert.deepEqual(await api.connections.getSecrets(id), {});
    }
    await assertNowhere(api, [SECRET]);
  });
});

/** None of `secrets` is in the settings, the extension's state, or any log file of the host. */
async function assertNowhere(api: RedisSpecialistApi, secrets: string[]): Promise<void> {
  const leaks = (text: string): string[] => secrets.filter((secret) => text.includes(secret));
  const settings = JSON.stringify(vscode.workspace.getConfiguration('redisSpecialist').inspect('connections'));
  assert.deepEqual(leaks(settings), [], 'settings');
  for (const memento of [api.storage.globalState, api.storage.workspaceState]) {
    for (const key of memento.keys()) assert.deepEqual(leaks(JSON.stringify(memento.get(key))), [], `state key ${key}`);
  }
  // The extension host's log folder holds our LogOutputChannel ("Redis Specialist.log") and its siblings.
  // Log channels write asynchronously, in order: once a line logged now is in a file, everything before it is too.
  const marker = `Flush marker ${Date.now()}`;
  const id = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: 'redis://127.0.0.1:1', name: marker });
  await vscode.commands.executeCommand(Commands.removeConnection, id);
  const logRoot = path.resolve(api.storage.logUri.fsPath, '..', '..');
  const logFiles = (): string[] => filesUnder(logRoot).filter((f) => statSync(f).size < 50_000_000);
  await eventually(() => logFiles().some((f) => readFileSync(f, 'utf8').includes(marker)) || undefined, `our log line "${marker}" under ${logRoot}`);
  for (const file of logFiles()) assert.deepEqual(leaks(readFileSync(file, 'utf8')), [], `no secret in ${file}`);
}
