import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/commands';
import { Analyzer } from '../../src/core/analysis';
import type { WorkspaceAnalysisSummary } from '../../src/diagnostics/analyzeWorkspace';
import { activateExtension, EXTENSION_ID, eventually } from './extensionApi';

const SOURCE = 'Redis Specialist';

const CACHE_MODULE = `import Redis from 'ioredis';

const redis = new Redis();

export async function userKeys(): Promise<string[]> {
  const keys = await redis.keys('user:*');
  return keys;
}

export async function remember(id: string, value: string): Promise<void> {
  await redis.set(\`item:\${id}\`, value);
}
`;

function ruleOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** `rule@line` of our diagnostics, sorted: compact to compare and readable in a failure. */
function summary(uri: vscode.Uri): string[] {
  return ours(uri)
    .map((d) => `${ruleOf(d)}@${d.range.start.line + 1}`)
    .sort();
}

async function diagnosticsBecome(uri: vscode.Uri, expected: string[], what: string): Promise<void> {
  const want = JSON.stringify([...expected].sort());
  try {
    await eventually(() => JSON.stringify(summary(uri)) === want || undefined, what);
  } catch {
    assert.fail(`${what}: expected ${want}, have ${JSON.stringify(summary(uri))}`);
  }
}

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind);
  // The API mixes commands (whose `command` is a string) with code actions.
  return actions.filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

function actionTitled(actions: vscode.CodeAction[], pattern: RegExp): vscode.CodeAction {
  const action = actions.find((a) => pattern.test(a.title));
  assert.ok(action, `no action matching ${pattern}; offered: ${actions.map((a) => a.title).join(' | ')}`);
  return action;
}

async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `${action.title} carries an edit`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true);
}

describe('code analysis in the editor', () => {
  let folder: vscode.WorkspaceFolder;

  before(async () => {
    await activateExtension();
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'the host tests open a workspace');
    folder = first;
  });

  afterEach(async () => {
    // Save first: closing a dirty editor would ask the (absent) user.
    for (const document of vscode.workspace.textDocuments) if (document.isDirty && document.uri.scheme === 'file') await document.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function write(relPath: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.joinPath(folder.uri, relPath);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    return uri;
  }

  async function open(relPath: string, text: string): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(await write(relPath, text));
    return vscode.window.showTextDocument(document);
  }

  it('reports KEYS and a SET without TTL in an opened file, linking each rule to its documentation', async () => {
    const { document } = await open('src/analysis/cache.ts', CACHE_MODULE);
    await diagnosticsBecome(document.uri, ['no-keys@6', 'set-without-ttl@11'], 'diagnostics for the opened file');
    const keys = ours(document.uri).find((d) => ruleOf(d) === 'no-keys') as vscode.Diagnostic;
    assert.equal(document.getText(keys.range), "keys('user:*')");
    assert.equal(keys.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(keys.message, /KEYS/);
    const code = keys.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.fragment, 'no-keys');
    assert.match(code.target.toString(true), /^https:\/\/.*\/docs\/rules\.md#no-keys$/);
  });

  it('uses the test severity in test files (matched relative to the workspace folder)', async () => {
    const { document } = await open('src/__tests__/cache.test.ts', CACHE_MODULE);
    await diagnosticsBecome(document.uri, ['no-keys@6'], 'no-keys only: set-without-ttl is off in tests');
    assert.equal(ours(document.uri)[0].severity, vscode.DiagnosticSeverity.Information);
  });

  it('applies the preferred quick fix through the code action provider, and the diagnostic disappears', async () => {
    const { document } = await open('src/analysis/ttl.ts', CACHE_MODULE);
    await diagnosticsBecome(document.uri, ['no-keys@6', 'set-without-ttl@11'], 'initial diagnostics');
    const set = ours(document.uri).find((d) => ruleOf(d) === 'set-without-ttl') as vscode.Diagnostic;
    const actions = await codeActions(document.uri, set.range);
    const fix = actionTitled(actions, /^Add a TTL/);
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(!actions.some((a) => /^Fix all/.test(a.title)), 'no "Fix all" for a single problem: the fix itself does that');
    await apply(fix);
    assert.match(document.getText(), /await redis\.set\(`item:\$\{id\}`, value, 'EX', 3600\);/);
    await diagnosticsBecome(document.uri, ['no-keys@6'], 'the fixed SET is no longer reported');
  });

  it('rewrites KEYS to scanStream: the first, preferred quick fix, marked for review; "Disable" comes last', async () => {
    const { document } = await open('src/analysis/scan.ts', CACHE_MODULE);
    await diagnosticsBecome(document.uri, ['no-keys@6', 'set-without-ttl@11'], 'initial diagnostics');
    const keys = ours(document.uri).find((d) => ruleOf(d) === 'no-keys') as vscode.Diagnostic;
    const actions = await codeActions(document.uri, keys.range);
    const titles = actions.map((a) => a.title);
    const rewrite = actions[0];
    assert.match(rewrite.title, /^Rewrite KEYS as a SCAN loop/, `the SCAN rewrite comes first; offered: ${titles.join(' | ')}`);
    assert.equal(rewrite.isPreferred, true);
    assert.equal(rewrite.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.match(rewrite.title, /review: SCAN is not a snapshot/);
    // TypeScript's refactorings follow ours; of our actions, "Disable" is the last.
    const disable = titles.indexOf('Disable no-keys for this line');
    assert.ok(disable > 0, `"Disable" is offered after the fix; offered: ${titles.join(' | ')}`);
    assert.ok(!titles.slice(disable + 1).some((t) => /^(Rewrite|Fix all|Disable)\b/.test(t)), `"Disable" comes last of ours; offered: ${titles.join(' | ')}`);
    await apply(rewrite);
    assert.match(document.getText(), /for await \(const batch of redis\.scanStream\(\{ match: 'user:\*', count: 100 \}\)\)/);
    assert.doesNotMatch(document.getText(), /redis\.keys\(/);
    await diagnosticsBecome(document.uri, ['set-without-ttl@15'], 'KEYS is gone and the SET moved down');
  });

  it('offers "Fix all" for a rule with several safe fixes, and source.fixAll for codeActionsOnSave', async () => {
    const text = `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function f(): Promise<void> {\n  await redis.set('a', '1');\n  await redis.set('b', '2');\n  await redis.keys('x*');\n}\n`;
    const { document } = await open('src/analysis/fixAll.ts', text);
    await diagnosticsBecome(document.uri, ['no-keys@6', 'set-without-ttl@4', 'set-without-ttl@5'], 'initial diagnostics');
    const source = await codeActions(document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.redisSpecialist');
    assert.deepEqual(source.map((a) => a.kind?.value), ['source.fixAll.redisSpecialist']);
    const generic = await codeActions(document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll');
    assert.ok(generic.some((a) => a.kind?.value === 'source.fixAll.redisSpecialist'), '"source.fixAll": "explicit" on save includes ours');
    const first = ours(document.uri).find((d) => ruleOf(d) === 'set-without-ttl') as vscode.Diagnostic;
    const fixAll = actionTitled(await codeActions(document.uri, first.range), /^Fix all set-without-ttl problems in this file$/);
    await apply(fixAll);
    assert.equal(document.getText().match(/'EX', 3600/g)?.length, 2);
    await diagnosticsBecome(document.uri, ['no-keys@6'], 'both SETs fixed, KEYS (needs review) left alone');
  });

  it('writes node-redis fixes for the major version in package.json, and follows a change to it', async () => {
    const text = `import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\nexport async function f(): Promise<void> {\n  await client.set('k', 'v');\n}\n`;
    const { document } = await open('src/analysis/nodeRedis.ts', text);
    await diagnosticsBecome(document.uri, ['set-without-ttl@5'], 'initial diagnostics');
    const fixText = async (): Promise<string> => {
      const set = ours(document.uri)[0];
      const fix = actionTitled(await codeActions(document.uri, set.range), /^Add a TTL/);
      return (fix.edit?.entries() ?? []).flatMap(([, edits]) => edits.map((e) => e.newText)).join('');
    };
    assert.equal(await fixText(), ', { EX: 3600 }', 'the workspace does not depend on node-redis: the v4 form, which v5 also accepts');
    const manifest = vscode.Uri.joinPath(folder.uri, 'package.json');
    const original = await vscode.workspace.fs.readFile(manifest);
    try {
      await vscode.workspace.fs.writeFile(manifest, new TextEncoder().encode(JSON.stringify({ name: 'host-test-workspace', dependencies: { redis: '^5.0.0' } })));
      await eventually(async () => (await fixText()).includes('expiration') || undefined, 'the node-redis 5 form after package.json changed');
      assert.equal(await fixText(), ", { expiration: { type: 'EX', value: 3600 } }");
    } finally {
      await vscode.workspace.fs.writeFile(manifest, original);
    }
  });

  it('"Disable … for this line" writes the suppression comment and silences the finding', async () => {
    const { document } = await open('src/analysis/disable.ts', CACHE_MODULE);
    await diagnosticsBecome(document.uri, ['no-keys@6', 'set-without-ttl@11'], 'initial diagnostics');
    const keys = ours(document.uri).find((d) => ruleOf(d) === 'no-keys') as vscode.Diagnostic;
    const disable = actionTitled(await codeActions(document.uri, keys.range), /^Disable no-keys for this line$/);
    await apply(disable);
    assert.equal(document.lineAt(5).text, '  // redis-specialist-disable-next-line no-keys');
    await diagnosticsBecome(document.uri, ['set-without-ttl@12'], 'no-keys silenced');
  });

  it('re-analyses as the user types, incrementally, and agrees with a fresh analysis', async () => {
    const editor = await open('src/analysis/typing.ts', CACHE_MODULE);
    const { document } = editor;
    await diagnosticsBecome(document.uri, ['no-keys@6', 'set-without-ttl@11'], 'initial diagnostics');
    // Lines above the findings, a new KEYS call typed character by character, and a deletion.
    await editor.edit((e) => e.insert(new vscode.Position(2, 0), '// a comment\n// another\n'));
    for (const ch of "\nexport const all = () => redis.keys('*');") await editor.edit((e) => e.insert(document.positionAt(document.getText().length), ch));
    await editor.edit((e) => e.delete(new vscode.Range(2, 0, 3, 0)));
    await diagnosticsBecome(document.uri, ['no-keys@15', 'no-keys@7', 'set-without-ttl@12'], 'findings move with the edits and the new call is reported');
    const extension = vscode.extensions.getExtension(EXTENSION_ID) as vscode.Extension<unknown>;
    const fresh = new Analyzer({ wasm: path.join(extension.extensionPath, 'dist') });
    try {
      const result = await fresh.analyzeText('src/analysis/typing.ts', document.getText());
      const expected = result.findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.column}-${f.range.end.line + 1}:${f.range.end.column}`).sort();
      const live = ours(document.uri).map((d) => `${ruleOf(d)}@${d.range.start.line + 1}:${d.range.start.character}-${d.range.end.line + 1}:${d.range.end.character}`).sort();
      assert.deepEqual(live, expected);
    } finally {
      fresh.dispose();
    }
  });

  it('follows settings: a rule turned off disappears, a severity change applies, and both revert', async () => {
    const { document } = await open('src/analysis/settings.ts', CACHE_MODULE);
    await diagnosticsBecome(document.uri, ['no-keys@6', 'set-without-ttl@11'], 'initial diagnostics');
    const config = vscode.workspace.getConfiguration('redisSpecialist.analysis');
    try {
      await config.update('rules', { 'no-keys': 'off', 'set-without-ttl': 'error' }, vscode.ConfigurationTarget.Workspace);
      await diagnosticsBecome(document.uri, ['set-without-ttl@11'], 'no-keys off');
      await eventually(() => ours(document.uri)[0]?.severity === vscode.DiagnosticSeverity.Error || undefined, 'set-without-ttl as an error');
      await config.update('exclude', ['src/analysis/settings.ts'], vscode.ConfigurationTarget.Workspace);
      await diagnosticsBecome(document.uri, [], 'an excluded file is not analysed');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsBecome(document.uri, ['no-keys@6', 'set-without-ttl@11'], 'defaults restored');
    assert.ok(ours(document.uri).every((d) => d.severity === vscode.DiagnosticSeverity.Warning));
  });

  it('applies the nearest redis-specialist.config.json over settings, follows its changes, and honours file-wide disables', async () => {
    const configUri = vscode.Uri.joinPath(folder.uri, 'src/project/redis-specialist.config.json');
    const { document } = await open('src/project/nested/cache.ts', CACHE_MODULE);
    await diagnosticsBecome(document.uri, ['no-keys@6', 'set-without-ttl@11'], 'initial diagnostics');
    try {
      await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode(JSON.stringify({ rules: { 'no-keys': 'off', 'set-without-ttl': 'error' } })));
      await diagnosticsBecome(document.uri, ['set-without-ttl@11'], 'no-keys off by the project config');
      await eventually(() => ours(document.uri)[0]?.severity === vscode.DiagnosticSeverity.Error || undefined, 'set-without-ttl as an error');
    } finally {
      await vscode.workspace.fs.delete(configUri);
    }
    await diagnosticsBecome(document.uri, ['no-keys@6', 'set-without-ttl@11'], 'config deleted: defaults again');
    const silenced = await open('src/project/silenced.ts', `/* redis-specialist-disable no-keys */\n${CACHE_MODULE}`);
    await diagnosticsBecome(silenced.document.uri, ['set-without-ttl@12'], 'no-keys silenced for the whole file');
  });

  it('explains the rule when hovering a finding, and only there', async () => {
    const { document } = await open('src/analysis/hover.ts', CACHE_MODULE);
    await diagnosticsBecome(document.uri, ['no-keys@6', 'set-without-ttl@11'], 'initial diagnostics');
    const keys = ours(document.uri).find((d) => ruleOf(d) === 'no-keys') as vscode.Diagnostic;
    const hoverText = async (position: vscode.Position): Promise<string> => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    const text = await hoverText(keys.range.start.translate(0, 3));
    assert.match(text, /Redis Specialist: `no-keys`/);
    assert.match(text, /blocks the single-threaded server/);
    assert.match(text, /\[Rule documentation\]\(https:.*rules\.md#no-keys\)/);
    assert.doesNotMatch(await hoverText(new vscode.Position(0, 2)), /Redis Specialist/);
  });

  it('resolves a client imported from a file that is not open, and follows that file’s changes on disk', async () => {
    const client = (body: string): string => `import Redis from 'ioredis';\n\nexport const client = ${body};\n`;
    const redisModule = await write('src/imported/redis.ts', client('new Redis()'));
    const { document } = await open('src/imported/users.ts', `import { client } from './redis';\n\nexport const userKeys = () => client.keys('user:*');\n`);
    await diagnosticsBecome(document.uri, ['no-keys@3'], 'KEYS on the imported client');
    await eventually(() => ours(document.uri)[0]?.severity === vscode.DiagnosticSeverity.Warning || undefined, 'a certain (warning) finding once redis.ts was read');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === redisModule.toString()), 'the imported file is read, not opened');
    // redis.ts no longer makes the client (it is set up elsewhere): the finding is only a likely one again.
    await vscode.workspace.fs.writeFile(redisModule, new TextEncoder().encode(`// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport const client: any = (globalThis as any).redisClient;\n`));
    await eventually(() => ours(document.uri)[0]?.severity === vscode.DiagnosticSeverity.Information || undefined, 'a likely (info) finding once redis.ts changed on disk');
    // Back to a client, then deleted: what it exported is forgotten.
    await vscode.workspace.fs.writeFile(redisModule, new TextEncoder().encode(client('new Redis()')));
    await eventually(() => ours(document.uri)[0]?.severity === vscode.DiagnosticSeverity.Warning || undefined, 'certain again');
    await vscode.workspace.fs.delete(redisModule);
    await eventually(() => ours(document.uri)[0]?.severity === vscode.DiagnosticSeverity.Information || undefined, 'likely once redis.ts was deleted');
  });

  it('reads a Lua script that calls Redis, and disables a finding with a Lua comment', async () => {
    const { document } = await open('lib/commands/cleanup.lua', "local n = 0\nlocal stale = redis.call('KEYS', ARGV[1])\nreturn #stale\n");
    await diagnosticsBecome(document.uri, ['keys-in-lua@2'], 'keys-in-lua in the opened .lua file');
    const [diagnostic] = ours(document.uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const disable = actions.find((a) => a.title === 'Disable keys-in-lua for this line');
    assert.ok(disable?.edit, 'a disable action');
    await vscode.workspace.applyEdit(disable.edit);
    assert.match(document.getText(), /\n-- redis-specialist-disable-next-line keys-in-lua\nlocal stale/);
    await diagnosticsBecome(document.uri, [], 'silenced by the Lua comment');
  });

  it('clears a document’s diagnostics when it closes', async () => {
    const { document } = await open('src/analysis/close.ts', CACHE_MODULE);
    await diagnosticsBecome(document.uri, ['no-keys@6', 'set-without-ttl@11'], 'initial diagnostics');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await diagnosticsBecome(document.uri, [], 'diagnostics cleared on close');
  });

  it('"Analyze Workspace" fills the Problems panel for files that are not open, skipping ignored and excluded ones', async () => {
    const keysFile = `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const all = () => redis.keys('*');\n`;
    const scanned = await write('src/jobs/cleanup.ts', keysFile);
    const nested = await write('lib/nested/deep.mjs', keysFile);
    const ignored = await write('generated/client.ts', keysFile);
    const excluded = await write('vendor/lib.ts', keysFile);
    const dependency = await write('node_modules/some-lib/index.js', keysFile);
    const declaration = await write('src/jobs/types.d.ts', 'export declare function keys(p: string): string[];\n');
    // Read in import order: the client a-report.ts imports from z-client.ts resolves although z sorts last.
    const importer = await write('src/jobs/a-report.ts', `import { redisClient } from './z-client';\nexport const all = () => redisClient.keys('*');\n`);
    await write('src/jobs/z-client.ts', `import Redis from 'ioredis';\nexport const redisClient = new Redis();\n`);
    // An import cycle through a barrel: z-service.ts imports the barrel that re-exports it.
    await write('src/cycle/index.ts', `export * from './types';\nexport * from './z-service';\n`);
    await write('src/cycle/types.ts', `import { Redis } from 'ioredis';\nexport type CacheClient = Redis;\n`);
    const cyclic = await write('src/cycle/z-service.ts', `import type { CacheClient } from '.';\nexport class S {\n  constructor(private readonly c: CacheClient) {}\n  all() { return this.c.keys('*'); }\n}\n`);
    // A client exported without a listener, given one by the file that imports it (analysed after it).
    const exported = await write('src/app/redis.ts', `import { createClient } from 'redis';\nexport const client = createClient();\nexport const cache = createClient();\n`);
    await write('src/app/main.ts', `import { client } from './redis';\nclient.on('error', console.error);\n`);
    // A key written without a TTL that a file read after it deletes: lowered to info when the scan settles.
    const writer = await write('src/app/a-callback.ts', `import Redis from 'ioredis';\nconst r = new Redis();\nexport const save = (id: string, t: string) => r.set(\`import:\${id}:token\`, t);\n`);
    await write('src/app/b-finish.ts', `import Redis from 'ioredis';\nconst r = new Redis();\nexport const finish = (id: string) => r.del(\`import:\${id}:token\`);\n`);
    await write('.gitignore', 'generated/\n');
    const files = vscode.workspace.getConfiguration('files');
    await files.update('exclude', { '**/vendor': true }, vscode.ConfigurationTarget.Workspace);
    try {
      const result = await vscode.commands.executeCommand<WorkspaceAnalysisSummary>(Commands.analyzeWorkspace);
      assert.ok(result, 'the command returns its summary');
      assert.equal(result.cancelled, false);
      assert.ok(result.analysed >= 2 && result.findings >= 2, JSON.stringify(result));
      assert.deepEqual(summary(scanned), ['no-keys@3']);
      assert.deepEqual(summary(nested), ['no-keys@3']);
      assert.deepEqual(summary(importer), ['no-keys@2']);
      assert.equal(ours(importer)[0].severity, vscode.DiagnosticSeverity.Warning, 'certain: the imported client was resolved');
      assert.deepEqual(summary(cyclic), ['no-keys@4']);
      assert.deepEqual(summary(exported), ['missing-error-listener@3'], 'src/app/main.ts listens on `client`, nothing on `cache`');
      assert.deepEqual(summary(writer), ['set-without-ttl@3']);
      assert.equal(ours(writer)[0].severity, vscode.DiagnosticSeverity.Information, 'b-finish.ts deletes the key: info');
      assert.equal(ours(cyclic)[0].severity, vscode.DiagnosticSeverity.Warning, 'certain: resolved through the barrel of its cycle');
      for (const uri of [ignored, excluded, dependency, declaration]) assert.deepEqual(summary(uri), [], vscode.workspace.asRelativePath(uri));
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === scanned.toString()), 'files are read, not opened');
    } finally {
      await files.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
