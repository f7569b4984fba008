import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import Redis from 'ioredis';
import { Commands } from '../../src/commands';
import type { RedisSpecialistApi } from '../../src/context';
import type { ConnectionsTreeNode } from '../../src/explorer/explorerNode';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { adminCommand } from '../fixtures/redis/admin';
import { makeTempDir, removeTempDir } from '../fixtures/redis/cleanup';
import { generateKeyPair, startSshd, type SshKeyPair, type SshdFixture } from '../fixtures/ssh/sshd';
import { clientPorts, socketOwner } from '../fixtures/ssh/sockets';
import type { CliPseudoterminal } from '../../src/terminal/redisTerminal';
import { activateExtension, eventually } from './extensionApi';
import { QuickInputDriver } from './quickInputs';

const PASSPHRASE = 'ssh-wizard-passphrase-91c2';

describe('SSH: add a connection through a ~/.ssh/config Host with the wizard, then browse it', () => {
  let api: RedisSpecialistApi;
  let input: QuickInputDriver;
  let dir: string;
  let key: SshKeyPair;
  let sshd: SshdFixture;
  let redis: RedisFixture;
  const existing = new Set<string>();
  let connectionId: string;
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('redisSpecialist');
  const assertClientsViaSshd = async (): Promise<void> => {
    const ports = clientPorts(String(await adminCommand(redis, ['CLIENT', 'LIST'])));
    assert.ok(ports.length > 0);
    for (const port of ports) assert.equal(socketOwner(port)?.command, 'sshd', `Redis' client ${port} is reached through sshd`);
  };

  before(async () => {
    api = await activateExtension();
    input = new QuickInputDriver(api);
    for (const c of api.connections.list()) existing.add(c.id);
    dir = makeTempDir('ssh-wizard');
    key = generateKeyPair(dir, 'wizard_key', { passphrase: PASSPHRASE });
    [sshd, redis] = await Promise.all([startSshd({ authorizedKeys: [key.publicKeyLine] }), startStandalone()]);
    const seed = new Redis({ host: redis.host, port: redis.port });
    await seed.set('through:ssh', 'from the wizard');
    seed.disconnect();
    // The fixture's host key is known, so no modal question (which a test cannot answer) comes up.
    writeFileSync(path.join(dir, 'known_hosts'), `[${sshd.host}]:${sshd.port} ${sshd.hostKeyLine}\n`);
    writeFileSync(path.join(dir, 'ssh_config'), `Host fixture-gateway\n  HostName ${sshd.host}\n  Port ${sshd.port}\n  User ${sshd.user}\n  UserKnownHostsFile ${path.join(dir, 'known_hosts')}\n`);
    await settings().update('ssh.configPath', path.join(dir, 'ssh_config'), vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    input?.dispose();
    for (const c of api.connections.list()) if (!existing.has(c.id)) await vscode.commands.executeCommand(Commands.removeConnection, c.id);
    await settings().update('ssh.configPath', undefined, vscode.ConfigurationTarget.Global);
    await Promise.all([sshd?.stop(), redis?.stop()]);
    await removeTempDir(dir);
  });

  it('SSH: the wizard saves the Host alias and key file, the passphrase only in secret storage, and the tree reads Redis through sshd', async () => {
    const command = vscode.commands.executeCommand(Commands.addConnection);
    await input.choose(/deployment/, /Standalone/);
    await input.type(/Host and port/, `${redis.host}:${redis.port}`);
    await input.type(/ACL user/, '');
    await input.type(/Password/, '');
    await input.type(/Database index/, '0');
    await input.pick(/Options/, (items) => items.filter((i) => i.label === 'SSH tunnel'));
    await input.choose(/which SSH server/, /Host of the SSH configuration/);
    const aliases = await input.choose(/SSH Host alias/, /^fixture-gateway$/);
    assert.deepEqual(aliases.items.map((i) => i.label), ['fixture-gateway'], 'the aliases of the configured file');
    await input.choose(/log in to the SSH server/, /Private key file/);
    await input.type(/SSH private key file/, key.privateKeyFile);
    await input.type(/Key passphrase/, PASSPHRASE);
    await input.type(/Connection name/, 'SSH wizard');
    const id = String(await command);
    connectionId = id;

    const saved = api.connections.get(id);
    assert.ok(saved, 'saved');
    assert.deepEqual(saved.ssh, { host: 'fixture-gateway', auth: 'privateKey', privateKeyFile: key.privateKeyFile });
    assert.deepEqual(await api.connections.getSecrets(id), { sshPassphrase: PASSPHRASE });
    assert.ok(!JSON.stringify(settings().inspect('connections')).includes(PASSPHRASE), 'the passphrase is not in settings');
    for (const k of api.storage.globalState.keys()) assert.ok(!JSON.stringify(api.storage.globalState.get(k)).includes(PASSPHRASE), `not in state ${k}`);

    const children = (await api.tree.getChildren({ kind: 'connection', connection: saved })) as ConnectionsTreeNode[];
    const db0 = children.find((c) => c.kind === 'database' && c.database.db === 0);
    assert.ok(db0 && db0.kind === 'database', JSON.stringify(children));
    assert.equal(db0.database.keys, 1);
    const client = await api.manager.getClient(id);
    assert.equal(await client.get('through:ssh'), 'from the wizard');
    await assertClientsViaSshd();
  });

  it('SSH: the Redis CLI terminal shares the connection\'s tunnel and lets go of it when closed', async () => {
    const pool = api.manager.ssh?.pool;
    assert.ok(pool, 'the extension has an SSH tunnel pool');
    await api.manager.disconnect(connectionId);
    // The tree and the status bar may ask at once while the tunnel opens: one attempt, one client, one lease.
    const [first, second] = await Promise.all([api.manager.getClient(connectionId), api.manager.getClient(connectionId)]);
    assert.equal(first, second, 'one client');
    assert.equal(pool.users(connectionId), 1, 'the views hold the tunnel once');
    const terminal = await vscode.commands.executeCommand<vscode.Terminal>(Commands.openCli, connectionId);
    assert.ok(terminal);
    const pty = (terminal.creationOptions as vscode.ExtensionTerminalOptions).pty as CliPseudoterminal;
    let output = '';
    const listener = pty.onDidWrite((text) => (output += text));
    await eventually(() => /> $/.test(output), 'the first prompt');
    assert.equal(pool.users(connectionId), 2, 'one tunnel, shared with the terminal');
    terminal.sendText('get through:ssh');
    await eventually(() => output.includes('"from the wizard"'), `the reply, in ${JSON.stringify(output)}`);
    await assertClientsViaSshd();
    listener.dispose();
    const closed = new Promise<void>((resolve) => vscode.window.onDidCloseTerminal((t) => t === terminal && resolve()));
    terminal.dispose();
    await closed;
    await eventually(() => pool.users(connectionId) === 1 || undefined, 'the terminal to let go of the tunnel');
    await api.manager.disconnect(connectionId);
    assert.equal(pool.users(connectionId), 0, 'closed with its last user');
  });
});
