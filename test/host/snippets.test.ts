import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/commands';
import { PATTERNS, SNIPPET_CLIENTS } from '../../src/core/snippets/catalog';
import { activateExtension, eventually } from './extensionApi';

/** The bundled suite runs from out/test/host; the repository (its node_modules and dist/cli.js) is three levels up. */
const REPO_ROOT = path.resolve(__dirname, '../../..');

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

  it('"Insert Pattern…" picks the node-redis v4 variant in a workspace whose lockfile pins redis 4', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const lockfile = vscode.Uri.joinPath(folder.uri, 'package-lock.json');
    const lock = { lockfileVersion: 3, packages: { '': { dependencies: { redis: '^4.7.0' } }, 'node_modules/redis': { version: '4.7.1' } } };
    await vscode.workspace.fs.writeFile(lockfile, new TextEncoder().encode(JSON.stringify(lock)));
    try {
      const editor = vscode.window.activeTextEditor as vscode.TextEditor;
      await vscode.commands.executeCommand('leaveSnippet');
      await editor.edit((edit) => edit.delete(new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end)));
      assert.equal(await vscode.commands.executeCommand<boolean>(Commands.insertPattern, { patternId: 'lock' }), true);
      assert.match(document.getText(), /\{ NX: true, PX: this\.ttlMs \}/, 'the v4 spelling of SET options');
    } finally {
      await vscode.workspace.fs.delete(lockfile);
    }
  });
});

describe('patterns compose in one file', () => {
  let checkDir: string;

  before(async () => {
    await activateExtension();
    checkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-pattern-compose-'));
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(checkDir, 'node_modules'), 'dir');
  });

  after(async () => {
    fs.rmSync(checkDir, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function openEmpty(name: string): Promise<vscode.TextEditor> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, 'src', name);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(''));
    return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  }

  /** Leaves snippet mode and puts the cursor at the end, two lines below the code, as a user about to add more. */
  async function moveToEnd(editor: vscode.TextEditor): Promise<void> {
    await vscode.commands.executeCommand('leaveSnippet');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, '\n\n'));
    const last = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(last, last);
  }

  /** The merged file must compile strictly with the real TypeScript compiler and give our analyzer nothing to report. */
  function assertCompilesAndIsClean(name: string, text: string): void {
    const file = path.join(checkDir, name);
    fs.writeFileSync(file, text);
    const tsc = spawnSync(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
        ...['--noEmit', '--strict', '--noUnusedLocals', '--noUnusedParameters', '--noImplicitReturns', '--skipLibCheck', '--esModuleInterop'],
        ...['--target', 'es2022', '--lib', 'es2022', '--module', 'commonjs', '--moduleResolution', 'node10', '--types', 'node', file],
      ],
      { cwd: checkDir, encoding: 'utf8' },
    );
    assert.equal(tsc.status, 0, `TypeScript diagnostics:\n${tsc.stdout}${tsc.stderr}`);
    const lint = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', file], { cwd: checkDir, encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stderr);
    assert.deepEqual(JSON.parse(lint.stdout), [], 'our analyzer finds nothing');
  }

  it('"Insert Pattern…" twice into one file: imports and helpers are not duplicated, and the file compiles', async () => {
    const editor = await openEmpty('composed.ts');
    assert.equal(await vscode.commands.executeCommand<boolean>(Commands.insertPattern, { patternId: 'lock', client: 'node-redis' }), true);
    await moveToEnd(editor);
    assert.equal(await vscode.commands.executeCommand<boolean>(Commands.insertPattern, { patternId: 'cache-warming', client: 'node-redis' }), true);
    const text = editor.document.getText();
    assert.equal(text.match(/^class LuaScript/gm)?.length, 1, 'the EVALSHA helper is declared once');
    assert.equal(text.match(/from 'node:crypto'/g)?.length, 1, 'node:crypto is imported once');
    assert.match(text, /export class RedisLock/);
    assert.match(text, /export class CacheWarmer/);
    assertCompilesAndIsClean('composed.ts', text);
  });

  it('the completion item merges a second pattern: missing imports via additionalTextEdits, shared helpers reused', async () => {
    const editor = await openEmpty('completed.ts');
    assert.equal(await vscode.commands.executeCommand<boolean>(Commands.insertPattern, { patternId: 'lock', client: 'ioredis' }), true);
    await moveToEnd(editor);
    const prefix = 'redis-cache-warming-ioredis';
    await editor.edit((edit) => edit.insert(editor.selection.active, prefix));
    const at = editor.selection.active;
    const list = await eventually(async () => {
      const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at);
      return completions.items.find((item) => typeof item.label !== 'string' && item.label.label === prefix && item.label.description === 'merged into this file');
    }, 'the merged completion item');
    assert.ok(list.insertText instanceof vscode.SnippetString);
    const imports = list.additionalTextEdits ?? [];
    assert.ok(imports.every((edit) => !edit.newText.includes('randomBytes')), 'randomBytes is already imported');
    const range = list.range instanceof vscode.Range ? list.range : new vscode.Range(at.translate(0, -prefix.length), at);
    await editor.edit((edit) => {
      edit.delete(range);
      for (const extra of imports) edit.insert(extra.range.start, extra.newText);
    });
    assert.ok(await editor.insertSnippet(list.insertText));
    const text = editor.document.getText();
    assert.equal(text.match(/^const RELEASE_LOCK_LUA/gm)?.length, 1, 'the release script is reused, not declared twice');
    assert.match(text, /export class CacheWarmer/);
    assertCompilesAndIsClean('completed.ts', text);
  });
});
