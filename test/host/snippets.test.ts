import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/commands';
import { PATTERNS, SNIPPET_CLIENTS } from '../../src/core/snippets/catalog';
import { activateExtension } from './extensionApi';

describe('pattern snippets in the editor', () => {
  let document: vscode.TextDocument;

  before(async () => {
    await activateExtension();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host tests open a workspace');
    const uri = vscode.Uri.joinPath(folder.uri, 'src', 'patterns.ts');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('\n'));
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('offers every pattern prefix through VS Code completion in a TypeScript file', async () => {
    const editor = vscode.window.activeTextEditor as vscode.TextEditor;
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'redis-'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 6));
    const offered = new Set(list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label)));
    const missing = PATTERNS.flatMap((p) => SNIPPET_CLIENTS.map((c) => p.prefixes[c])).filter((prefix) => !offered.has(prefix));
    assert.deepEqual(missing, [], `offered: ${[...offered].join(', ')}`);
    await editor.edit((edit) => edit.delete(new vscode.Range(0, 0, 0, 6)));
  });

  it('"Insert Pattern…" inserts the chosen pattern for the chosen client', async () => {
    const inserted = await vscode.commands.executeCommand<boolean>(Commands.insertPattern, { patternId: 'lock', client: 'ioredis' });
    assert.equal(inserted, true);
    const text = document.getText();
    assert.match(text, /defineCommand/);
    assert.match(text, /'NX'/);
    assert.doesNotMatch(text, /\$\{\d+:/, 'placeholders are expanded by the snippet engine, not inserted raw');
  });
});
