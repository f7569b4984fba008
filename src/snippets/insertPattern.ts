import * as vscode from 'vscode';
import { detectClientVersions } from '../core/analysis/detectClientVersions';
import { CLIENT_LABELS, PATTERNS, SNIPPET_CLIENTS, type PatternEntry, type SnippetClient } from '../core/snippets/catalog';
import { snippetClientsFor } from '../core/snippets/clientChoice';
import { findSnippet, parseSnippetFile, type SnippetFile } from '../core/snippets/snippetFile';
import { Commands } from '../commands';
import { registerCommand } from '../registration';

/** Programmatic form (tests, keybindings): skips both pickers. */
export interface InsertPatternArgs {
  patternId: string;
  client?: SnippetClient;
}

const LANGUAGES = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);

/**
 * "Redis: Insert Pattern…": the pattern library as a QuickPick with descriptions; inserts the
 * snippet for the client and node-redis major the workspace depends on (asks when it uses both or neither).
 */
export function registerInsertPattern(context: { subscriptions: vscode.Disposable[] }, extensionUri: vscode.Uri, log: vscode.LogOutputChannel): void {
  let snippets: SnippetFile | undefined;
  const loadSnippets = async (): Promise<SnippetFile> => {
    snippets ??= parseSnippetFile(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'snippets', 'redis-patterns.code-snippets'))));
    return snippets;
  };

  registerCommand(context, log, Commands.insertPattern, async (args?: InsertPatternArgs) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !LANGUAGES.has(editor.document.languageId)) {
      void vscode.window.showInformationMessage('Open a TypeScript or JavaScript file to insert a Redis pattern.');
      return false;
    }
    const pattern = args ? PATTERNS.find((p) => p.id === args.patternId) : await pickPattern();
    if (!pattern) {
      if (args) throw new Error(`There is no pattern "${args.patternId}". Known: ${PATTERNS.map((p) => p.id).join(', ')}.`);
      return false;
    }
    const client = args?.client ?? (await chooseClient(editor.document.uri));
    if (!client) return false;
    const snippet = findSnippet(await loadSnippets(), pattern, client);
    return editor.insertSnippet(new vscode.SnippetString(snippet.body.join('\n')));
  });
}

async function pickPattern(): Promise<PatternEntry | undefined> {
  const picked = await vscode.window.showQuickPick(
    PATTERNS.map((pattern) => ({ label: pattern.title, description: pattern.prefixes.ioredis.replace(/-ioredis$/, ''), detail: pattern.description, pattern })),
    { title: 'Insert Redis Pattern', placeHolder: 'Atomic, with TTLs, proven against a real Redis', matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.pattern;
}

/** The variant for the client (and node-redis major) the file's workspace depends on; a pick when that is not one clear answer. */
async function chooseClient(document: vscode.Uri): Promise<SnippetClient | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(document);
  const versions = folder && folder.uri.scheme === 'file' ? await detectClientVersions(folder.uri.fsPath) : undefined;
  const uses = versions ? snippetClientsFor(versions) : [];
  if (uses.length === 1) return uses[0];
  const picked = await vscode.window.showQuickPick(
    (uses.length > 0 ? uses : SNIPPET_CLIENTS).map((client) => ({ label: CLIENT_LABELS[client], client })),
    { title: 'Which Redis client does this code use?' },
  );
  return picked?.client;
}
