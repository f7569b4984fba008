import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/commands';
import type { RedisSpecialistApi } from '../../src/context';
import type { ImportConnectionsResult } from '../../src/connections/importConnections';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension, eventually, EXTENSION_ID } from './extensionApi';
import { QuickInputDriver } from './quickInputs';

/** The secrets written by hand in the Tiny RDM sample file: none may reach settings. */
const TINY_RDM_SECRETS = ['tiny#secret', 'key-pass', 'ssh-secret', 'sentinel-secret', 'node-secret'];
const PASSWORD = 'imp/ort@ed:pw9d2';

describe('Import and export connections through the real commands', () => {
  let api: RedisSpecialistApi;
  let input: QuickInputDriver;
  let redis: RedisFixture;
  let dir: string;
  const fixture = (name: string): string => path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'test/fixtures/connections-import', name);
  const byName = (name: string): string => {
    const found = api.connections.list().find((c) => c.name === name);
    assert.ok(found, `connection "${name}" is saved`);
    return found.id;
  };
  const settingsText = (): string => JSON.stringify(vscode.workspace.getConfiguration('redisSpecialist').inspect('connections'));
  const added: string[] = [];

  before(async () => {
    api = await activateExtension();
    input = new QuickInputDriver(api);
    redis = await startStandalone({ password: PASSWORD });
    dir = mkdtempSync(path.join(tmpdir(), 'connections-import-'));
  });

  after(async () => {
    input?.dispose();
    for (const id of added) if (api.connections.get(id)) await vscode.commands.executeCommand(Commands.removeConnection, id);
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => input.reset());

  it('imports Tiny RDM\'s connections.yaml: all preselected, the unchecked one left out, secrets in SecretStorage only', async () => {
    const importing = vscode.commands.executeCommand<ImportConnectionsResult>(Commands.importConnections, { file: fixture('tiny-rdm-connections.yaml') });
    const shown = await input.pick(/Import from tiny-rdm-connections\.yaml \(Tiny RDM\)/, (_, selected) => selected.filter((i) => i.label !== 'socket'));
    assert.deepEqual(shown.items.map((i) => i.label), ['local', 'prod-cache', 'prod-sessions', 'orders', 'socket']);
    assert.equal(shown.selectedItems.length, 5, 'every new connection is checked');
    const result = await importing;
    assert.ok(result);
    added.push(...result.imported);
    assert.deepEqual({ imported: result.imported.length, duplicates: result.duplicates, leftOut: result.leftOut }, { imported: 4, duplicates: 0, leftOut: 1 });

    const cache = api.connections.get(byName('prod-cache'));
    assert.deepEqual(cache?.ssh, { host: 'bastion.example.com', port: 22, username: 'ops', auth: 'privateKey', privateKeyFile: '~/.ssh/id_ed25519' });
    assert.deepEqual(await api.connections.getSecrets(byName('prod-cache')), { password: 'tiny#secret', sshPassphrase: 'key-pass' });
    assert.deepEqual(await api.connections.getSecrets(byName('prod-sessions')), { password: 'node-secret', sentinelPassword: 'sentinel-secret', sshPassword: 'ssh-secret' });
    const settings = settingsText();
    assert.match(settings, /prod-cache/);
    for (const secret of TINY_RDM_SECRETS) assert.ok(!settings.includes(secret), `"${secret}" is not in settings`);
  });

  it('importing the same file again marks the saved ones as duplicates and adds only the new one', async () => {
    const importing = vscode.commands.executeCommand<ImportConnectionsResult>(Commands.importConnections, { file: fixture('tiny-rdm-connections.yaml') });
    const shown = await input.pick(/Import from tiny-rdm-connections\.yaml/, (_, selected) => [...selected]);
    assert.deepEqual(shown.selectedItems.map((i) => i.label), ['socket']);
    assert.ok(shown.items.some((i) => i.kind === vscode.QuickPickItemKind.Separator && /skipped/.test(i.label)), 'the duplicates are under a "skipped" heading');
    assert.match(String(shown.items.find((i) => /local/.test(i.label))?.description), /duplicate of "local"/);
    const result = await importing;
    assert.ok(result);
    added.push(...result.imported);
    assert.deepEqual({ imported: result.imported.length, duplicates: result.duplicates }, { imported: 1, duplicates: 4 });
    assert.equal(api.connections.list().filter((c) => c.name === 'local').length, 1);
  });

  it('a URL list connects with the imported password; Copy Connection URL leaves it out unless asked', async () => {
    const file = path.join(dir, 'servers.txt');
    writeFileSync(file, `# ours\nredis://:${encodeURIComponent(PASSWORD)}@${redis.host}:${redis.port}/1#Imported live\n`);
    const importing = vscode.commands.executeCommand<ImportConnectionsResult>(Commands.importConnections, { file });
    await input.pick(/a list of Redis URLs/, (_, selected) => [...selected]);
    const result = await importing;
    assert.ok(result);
    added.push(...result.imported);
    const id = byName('Imported live');
    assert.ok(!settingsText().includes(PASSWORD) && !settingsText().includes(encodeURIComponent(PASSWORD)), 'the password is not in settings');
    const tested = await vscode.commands.executeCommand<{ ok: boolean }>(Commands.testConnection, id);
    assert.equal(tested?.ok, true, 'the password from SecretStorage authenticates');

    const plain = vscode.commands.executeCommand<string>(Commands.copyConnectionUrl, id);
    await input.choose(/Include the password/, /Without Password/);
    assert.equal(await plain, `redis://${redis.host}:${redis.port}/1`);
    const withPassword = vscode.commands.executeCommand<string>(Commands.copyConnectionUrl, id);
    await input.choose(/Include the password/, /With Password/);
    assert.equal(await withPassword, `redis://:${encodeURIComponent(PASSWORD)}@${redis.host}:${redis.port}/1`);
  });

  it('exports without secrets, and the export imported back adds nothing (all duplicates)', async () => {
    const file = path.join(dir, 'export.json');
    const ids = added.filter((id) => api.connections.get(id));
    await vscode.commands.executeCommand(Commands.exportConnections, { file, ids });
    const text = readFileSync(file, 'utf8');
    assert.equal((JSON.parse(text) as { connections: unknown[] }).connections.length, ids.length);
    for (const secret of [...TINY_RDM_SECRETS, PASSWORD]) assert.ok(!text.includes(secret), `"${secret}" is not exported`);
    const before = api.connections.list().length;
    const result = await vscode.commands.executeCommand<ImportConnectionsResult>(Commands.importConnections, { file });
    assert.deepEqual(result, { imported: [], duplicates: ids.length, leftOut: 0 });
    assert.equal(api.connections.list().length, before);
  });

  it('an imported SSH connection whose tunnel fails says why in the Connections view', async () => {
    const file = path.join(dir, 'bastion.yaml');
    writeFileSync(file, ['- name: Through a missing bastion', '  addr: 10.0.0.9', '  port: 6379', '  ssh:', '    enable: true', '    addr: bastion.invalid', '    login_type: pwd', '    username: ops', '    password: ssh-pw', ''].join('\n'));
    const importing = vscode.commands.executeCommand<ImportConnectionsResult>(Commands.importConnections, { file });
    await input.pick(/Tiny RDM/, (_, selected) => [...selected]);
    added.push(...((await importing)?.imported ?? []));
    const connection = api.connections.get(byName('Through a missing bastion'));
    assert.ok(connection);
    await assert.rejects(api.connections.connect(connection.id), /"bastion\.invalid" could not be found/);
    const item = await api.tree.getTreeItem({ kind: 'connection', connection });
    assert.equal(item.description, 'SSH: unknown host');
    await eventually(() => (api.statusBar.text.endsWith('Through a missing bastion · SSH: unknown host') ? true : undefined), `the status bar says why (it says "${api.statusBar.text}")`);
    assert.match((item.tooltip as vscode.MarkdownString).value, /through SSH bastion\\\.invalid[\s\S]*could not be found/);
    await api.connections.disconnect(connection.id);
    assert.equal((await api.tree.getTreeItem({ kind: 'connection', connection })).description, 'disconnected');
  });

  it('a malformed file imports nothing', async () => {
    const before = api.connections.list().length;
    const result = await vscode.commands.executeCommand(Commands.importConnections, { file: fixture('tiny-rdm-bad-yaml.yaml') });
    assert.equal(result, undefined);
    assert.equal(api.connections.list().length, before);
  });
});
