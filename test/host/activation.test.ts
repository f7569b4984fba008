import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/commands';
import { activateExtension, EXTENSION_ID } from './extensionApi';

describe('activation', () => {
  it('runs in a real VS Code extension host', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), 'the extension under development is loaded');
  });

  it('activates and returns its API', async () => {
    const api = await activateExtension();
    assert.ok(api.connections && api.manager && api.tree);
  });

  it('registers exactly the commands that package.json declares, all under the Redis category', async () => {
    await activateExtension();
    const extension = vscode.extensions.getExtension(EXTENSION_ID) as vscode.Extension<unknown>;
    const manifest = JSON.parse(readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string; category?: string }[]; views: Record<string, { id: string }[]> };
    };
    // VS Code adds focus/open/… commands for every view; they are not ours to declare.
    const viewIds = Object.values(manifest.contributes.views).flat().map((v) => `${v.id}.`);
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('redisSpecialist.') && !viewIds.some((v) => c.startsWith(v))).sort();
    assert.deepEqual(registered, declared);
    assert.deepEqual([...Object.values(Commands)].sort(), declared);
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'Redis', command.command);
  });
});
