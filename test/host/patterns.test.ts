import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import Redis from 'ioredis';
import { Commands } from '../../src/commands';
import type { RedisSpecialistApi } from '../../src/context';
import type { PatternSite } from '../../src/core/patterns/patternIndex';
import type { LivePatternReport } from '../../src/core/patterns/livePatternStats';
import type { MemoryReport } from '../../src/core/memory';
import { startStandalone, type RedisFixture } from '../fixtures/redis';
import type { PatternNode } from '../../src/patterns/patternsTree';
import { activateExtension, eventually } from './extensionApi';
import { accept, QuickInputDriver } from './quickInputs';

const KEYS_MODULE = "export const sessionKey = (id: string) => `session:${id}`;\n";
const APP_MODULE = [
  `import Redis from 'ioredis';`,
  `import { sessionKey } from './patternKeys';`,
  `const redis = new Redis();`,
  `export async function save(id: string): Promise<void> {`,
  `  await redis.set(sessionKey(id), 'v', 'EX', 60);`,
  "  await redis.hset(`cart:${id}`, 'total', 1);",
  `}`,
  '',
].join('\n');

/** `vscode.executeCodeActionProvider`'s code actions (it mixes in plain commands). */
async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range);
  return actions.filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

/** `rule@line` (1-based) of the data diagnostics on `uri`. */
function dataDiagnostics(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).flatMap((d) => (typeof d.code === 'string' && d.code.startsWith('live-') ? [`${d.code}@${d.range.start.line + 1}`] : []));
}

/** Replaces a document's whole text (unsaved, as typing would). */
async function setText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.equal(await vscode.workspace.applyEdit(edit), true);
}

/**
 * The text of the extension's own log file, once a line logged now has reached it (log channels
 * write asynchronously but in order: everything logged before the marker is in the file then).
 */
async function ourLog(api: RedisSpecialistApi): Promise<string> {
  const marker = `Flush marker ${Date.now()}`;
  const id = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: 'redis://127.0.0.1:1', name: marker });
  await vscode.commands.executeCommand(Commands.removeConnection, id);
  const root = path.resolve(api.storage.logUri.fsPath, '..', '..');
  const files = (): string[] => readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  return eventually(() => files().map((f) => readFileSync(f, 'utf8')).find((text) => text.includes(marker)), `our log line "${marker}" under ${root}`);
}

describe('Key Patterns: the view, CodeLens and Find in Code', () => {
  let api: RedisSpecialistApi;
  let redis: RedisFixture;
  let connectionId: string;
  let folder: vscode.Uri;
  const files: vscode.Uri[] = [];

  before(async () => {
    api = await activateExtension();
    folder = vscode.Uri.joinPath((vscode.workspace.workspaceFolders ?? [])[0].uri, 'src');
    for (const [name, text] of [['patternKeys.ts', KEYS_MODULE], ['patternApp.ts', APP_MODULE]]) {
      const uri = vscode.Uri.joinPath(folder, name);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      files.push(uri);
    }
    redis = await startStandalone();
    const client = new Redis(redis.port, redis.host);
    const pipeline = client.pipeline();
    for (let i = 0; i < 20; i++) pipeline.set(`session:${i}`, 'v', 'EX', 600);
    for (let i = 0; i < 6; i++) pipeline.hset(`cart:${i}`, 'total', String(i));
    for (let i = 1; i <= 25; i++) pipeline.set(`orphan:x${i}`, '1');
    await pipeline.exec();
    client.disconnect();
    connectionId = await vscode.commands.executeCommand<string>(Commands.addConnection, { url: redis.url, name: 'Key patterns fixture' });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (connectionId) await vscode.commands.executeCommand(Commands.removeConnection, connectionId);
    for (const uri of files) await vscode.workspace.fs.delete(uri);
    await redis?.stop();
  });

  it('the view shows the patterns the workspace code builds, with their call sites', async () => {
    const rows = await vscode.commands.executeCommand<string[]>(Commands.refreshKeyPatterns);
    assert.ok(rows.includes('session:{id}|1 site'), rows.join(', '));
    assert.ok(rows.includes('cart:{id}|1 site'), rows.join(', '));
  });

  it('analysing a connection adds live figures and the patterns inferred from data; CodeLens shows them above the call', async () => {
    const report = await vscode.commands.executeCommand<LivePatternReport>(Commands.analyzeKeyPatterns, connectionId);
    const figures = new Map(report.patterns.map((p) => [p.pattern, [p.keys, p.withTtl, p.inferred]]));
    assert.deepEqual(figures.get('session:{id}'), [20, 20, false]);
    assert.deepEqual(figures.get('cart:{id}'), [6, 0, false]);
    assert.deepEqual(figures.get('orphan:*'), [25, 0, true]);
    const rows = await vscode.commands.executeCommand<string[]>(Commands.refreshKeyPatterns);
    assert.ok(rows.some((r) => r.startsWith('orphan:*|from data · 25 keys')), rows.join(', '));
    const app = files[1];
    await vscode.window.showTextDocument(app);
    const lenses = await eventually(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', app);
      return found.some((l) => l.command?.title.startsWith('session:{id}: 20 keys on Key patterns fixture')) ? found : undefined;
    }, 'the CodeLens with live figures');
    const session = lenses.find((l) => l.command?.title.startsWith('session:{id}'));
    assert.equal(session?.range.start.line, 4);
    assert.match(session?.command?.title ?? '', /TTL 100%/);
    assert.deepEqual(session?.command?.arguments, [connectionId, 'session:*']);
    // The lens opens the key browser filtered to the pattern's glob.
    await vscode.commands.executeCommand(session?.command?.command ?? '', ...(session?.command?.arguments ?? []));
    const connection = api.connections.require(connectionId);
    assert.equal(api.keys.filterOf({ connection, db: connection.db }).text, 'session:*');
    // Diagnostics that know the data: the HSET writes cart keys without a TTL, and none of the 6 live ones has one.
    const data = await eventually(() => {
      const found = vscode.languages.getDiagnostics(app).filter((d) => d.code === 'live-keys-without-ttl');
      return found.length > 0 ? found : undefined;
    }, 'the diagnostic with live figures');
    assert.deepEqual(data.map((d) => d.range.start.line), [5]);
    assert.match(data[0].message, /^cart:\{id\} is written without a TTL \(HSET at src\/patternApp\.ts:6\): 6 keys on Key patterns fixture, none with a TTL, ≈ [\d.]+ (B|KiB)\.$/);
  });

  it('data diagnostics honour redis-specialist-disable comments (next line, file-wide) and offer "Disable … for this line"', async () => {
    const app = files[1];
    const document = await vscode.workspace.openTextDocument(app);
    const original = document.getText();
    try {
      const shown = await eventually(() => vscode.languages.getDiagnostics(app).find((d) => d.code === 'live-keys-without-ttl'), 'the data diagnostic');
      const titles = (await codeActions(app, shown.range)).map((a) => a.title);
      const disable = (await codeActions(app, shown.range)).find((a) => a.title === 'Disable live-keys-without-ttl for this line');
      assert.ok(disable?.edit, `"Disable" is offered; offered: ${titles.join(' | ')}`);
      assert.equal(await vscode.workspace.applyEdit(disable.edit), true);
      assert.equal(document.lineAt(5).text, '  // redis-specialist-disable-next-line live-keys-without-ttl');
      await eventually(() => dataDiagnostics(app).length === 0 || undefined, 'the data diagnostic silenced by the comment above the call');
      // A comment naming another rule silences nothing; the same rule file-wide silences the finding again.
      await setText(document, original.replace("  await redis.hset(", "  // redis-specialist-disable-next-line live-type-mismatch\n  await redis.hset("));
      await eventually(() => dataDiagnostics(app).join() === 'live-keys-without-ttl@7' || undefined, 'the data diagnostic back below a comment for another rule');
      await setText(document, `${original}/* redis-specialist-disable live-keys-without-ttl */\n`);
      await eventually(() => dataDiagnostics(app).length === 0 || undefined, 'the data diagnostic silenced file-wide');
    } finally {
      await setText(document, original);
      await document.save();
    }
    await eventually(() => dataDiagnostics(app).join() === 'live-keys-without-ttl@6' || undefined, 'the data diagnostic back without the comments');
  });

  it('a bad analysis setting warns once, though both the analyzer and the data diagnostics read it', async () => {
    const rule = `no-such-rule-${Date.now()}`;
    const analysis = vscode.workspace.getConfiguration('redisSpecialist.analysis');
    const keysFile = vscode.Uri.joinPath(folder, 'patternWarnOnce.ts');
    files.push(keysFile);
    await vscode.workspace.fs.writeFile(keysFile, new TextEncoder().encode("import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', () => undefined);\nexport const all = () => redis.keys('*');\n"));
    await vscode.window.showTextDocument(keysFile);
    const app = files[1];
    const severity = (uri: vscode.Uri, code: string): vscode.DiagnosticSeverity | undefined =>
      vscode.languages.getDiagnostics(uri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === code)?.severity;
    try {
      await analysis.update('rules', { [rule]: 'error', 'no-keys': 'hint', 'live-keys-without-ttl': 'warning' }, vscode.ConfigurationTarget.Workspace);
      // Both read the new options (the valid entries apply), so both met the bad one.
      await eventually(() => severity(keysFile, 'no-keys') === vscode.DiagnosticSeverity.Hint || undefined, 'the analyzer under the new settings');
      await eventually(() => severity(app, 'live-keys-without-ttl') === vscode.DiagnosticSeverity.Warning || undefined, 'the data diagnostics under the new settings');
      const warnings = (await ourLog(api)).split('\n').filter((line) => line.includes(`Unknown rule "${rule}"`));
      assert.equal(warnings.length, 1, warnings.join('\n'));
    } finally {
      await analysis.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('Find in Code on a key of the key browser finds the call site that writes it (through the helper in another file)', async () => {
    const connection = { id: connectionId, name: 'Key patterns fixture' };
    const node = { kind: 'key', id: 'x', scope: { connection, db: 0 }, key: Buffer.from('session:7'), name: Buffer.from('7') };
    const sites = await vscode.commands.executeCommand<PatternSite[]>(Commands.findKeyInCode, node);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.deepEqual(
      sites.map((s) => `${s.file}:${s.line + 1} ${s.command} ${s.ttl}`),
      ['src/patternApp.ts:5 SET EX'],
    );
  });

  it('Analyze Memory groups the keys by the patterns the workspace code builds, with their call sites', async () => {
    const report = await vscode.commands.executeCommand<MemoryReport>(Commands.analyzeMemory, connectionId, {});
    const session = report.patterns.find((p) => p.pattern === 'session:{id}');
    assert.deepEqual([session?.keys, session?.withTtl, session?.inferred], [20, 20, false]);
    assert.deepEqual(session?.sites?.map((s) => `${s.file}:${s.line}`), ['src/patternApp.ts:5']);
    assert.equal(report.patterns.find((p) => p.pattern === 'orphan:*')?.inferred, true);
    assert.ok(report.notes.some((n) => n.startsWith('Keys are grouped by the ')), report.notes.join(' | '));
  });

  it('Delete Keys Matching… on a pattern of the Key Patterns view acts on the connection it was analysed on, with its glob', async () => {
    const connection = api.connections.require(connectionId);
    // The key browser's filter (session:*, set by the CodeLens above) is the browser's, not the pattern's.
    assert.equal(api.keys.filterOf({ connection, db: connection.db }).text, 'session:*');
    const report = await vscode.commands.executeCommand<LivePatternReport>(Commands.analyzeKeyPatterns, connectionId, { resume: false });
    const orphan = report.patterns.find((p) => p.pattern === 'orphan:*');
    assert.equal(orphan?.keys, 25);
    // The node the view gives a pattern with figures from a connection (its context value ends in `.live`).
    const row = { pattern: 'orphan:*', glob: 'orphan:*', inferred: true, code: null, live: orphan ?? null };
    const node: PatternNode = { kind: 'pattern', row, live: { connection, report } };
    const input = new QuickInputDriver(api);
    const client = new Redis(redis.port, redis.host);
    try {
      const command = vscode.commands.executeCommand<{ deleted: number } | undefined>(Commands.deleteKeysMatching, node);
      const mode = await input.choose(/How should the text be read/, /Glob/);
      assert.match(mode.activeItems[0]?.label ?? '', /Glob/, 'a key pattern is read as a glob by default');
      assert.equal((await input.type(/glob/, 'orphan:*')).value, 'orphan:*', "the pattern's glob is filled in");
      const confirm = (await input.next()) as vscode.InputBox;
      assert.match(confirm.title ?? '', /^Delete 25 keys in db0 of "Key patterns fixture"\?$/);
      assert.match(confirm.prompt ?? '', /^Keys matching glob "orphan:\*": orphan:x\d+/, 'the whole pattern, not within the filter');
      confirm.value = '25';
      await accept();
      assert.equal((await command)?.deleted, 25);
      assert.equal(await client.exists(...Array.from({ length: 25 }, (_, i) => `orphan:x${i + 1}`)), 0);
      assert.equal(await client.dbsize(), 20 + 6, 'the session and cart keys stay');
    } finally {
      input.dispose();
      client.disconnect();
    }
  });
});
