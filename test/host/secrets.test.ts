import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/commands';
import type { RedisSpecialistApi } from '../../src/context';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import { activateExtension } from './extensionApi';

const SECRET = 'pw-never-logged-91c4e';

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

    const settings = JSON.stringify(vscode.workspace.getConfiguration('redisSpecialist').inspect('connections'));
    assert.ok(!settings.includes(SECRET), 'settings');
    for (const memento of [api.storage.globalState, api.storage.workspaceState]) {
      for (const key of memento.keys()) assert.ok(!JSON.stringify(memento.get(key)).includes(SECRET), `state key ${key}`);
    }
    // The extension host's log folder holds our LogOutputChannel ("Redis Specialist.log") and its siblings.
    await new Promise((resolve) => setTimeout(resolve, 1500)); // log channels flush asynchronously
    const logRoot = path.resolve(api.storage.logUri.fsPath, '..', '..');
    const logs = filesUnder(logRoot).filter((f) => statSync(f).size < 50_000_000);
    const ours = logs.filter((f) => readFileSync(f, 'utf8').includes('Secret good'));
    assert.ok(ours.length > 0, `our log was found under ${logRoot} (${logs.length} files)`);
    for (const file of logs) assert.ok(!readFileSync(file, 'utf8').includes(SECRET), `no secret in ${file}`);
    assert.deepEqual(await api.connections.getSecrets(good), { password: SECRET });
  });
});
