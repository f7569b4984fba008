import * as vscode from 'vscode';
import { CLIENT_LABELS, PATTERNS, SNIPPET_CLIENTS, type PatternEntry, type SnippetClient } from '../core/snippets/catalog';
import { findSnippet } from '../core/snippets/snippetFile';
import { Commands } from '../commands';
import type { FeatureContext } from '../feature';
import { registerCommand } from '../registration';
import { registerPatternCompletions } from './patternCompletions';
import { PATTERN_LANGUAGES, PatternSource, type InsertPatternArgs } from './patternSource';

const LANGUAGES: ReadonlySet<string> = new Set(PATTERN_LANGUAGES);

/**
 * The pattern feature: "Redis: Insert Pattern…" (the pattern library as a QuickPick) and the completion items that
 * merge a pattern into a file with code. Both insert the variant for the client and node-redis major the workspace
 * depends on (asking when it uses both or neither), add only missing imports, reuse helpers the file already has,
 * and offer a new file when a name would be declared twice.
 */
export function registerInsertPattern(context: FeatureContext): void {
  const { log } = context;
  const source = context.own(new PatternSource(context.extension.extensionUri));
  registerPatternCompletions(context, source, log);

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
    const client = args?.client ?? (await chooseClient(source, editor.document.uri));
    if (!client) return false;
    const body = findSnippet(await source.loadSnippets(), pattern, client).body.join('\n');
    if (args?.newFile) return insertIntoNewFile(editor.document.languageId, body);

    const composed = await source.compose(editor.document, body).catch((error: unknown) => {
      // Merging is a convenience: without it the self-contained snippet still works in a file of its own.
      log.warn(`could not merge ${pattern.id} into ${editor.document.uri.toString()}: ${String(error)}`);
      return undefined;
    });
    if (!composed) return editor.insertSnippet(new vscode.SnippetString(body));
    if (composed.clashes.length > 0) {
      const choice = await vscode.window.showWarningMessage(
        `This file already declares ${composed.clashes.join(', ')} differently, so ${pattern.title} cannot be merged into it.`,
        'Insert into a New File',
      );
      return choice ? insertIntoNewFile(editor.document.languageId, body) : false;
    }
    const imports = composed.imports;
    if (imports && !(await editor.edit((edit) => edit.insert(new vscode.Position(imports.line, 0), imports.text)))) return false;
    return editor.insertSnippet(new vscode.SnippetString(composed.body));
  });
}

async function insertIntoNewFile(languageId: string, body: string): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument({ language: languageId, content: '' });
  const editor = await vscode.window.showTextDocument(document);
  return editor.insertSnippet(new vscode.SnippetString(body));
}

async function pickPattern(): Promise<PatternEntry | undefined> {
  const picked = await vscode.window.showQuickPick(
    PATTERNS.map((pattern) => ({ label: pattern.title, description: pattern.prefixes.ioredis.replace(/-ioredis$/, ''), detail: pattern.description, pattern })),
    { title: 'Insert Redis Pattern', placeHolder: 'Atomic, with TTLs, proven against a real Redis', matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.pattern;
}

/** The variant for the client (and node-redis major) the workspace depends on; a pick when that is not one clear answer. */
async function chooseClient(source: PatternSource, document: vscode.Uri): Promise<SnippetClient | undefined> {
  const uses = await source.clientsFor(document);
  if (uses.length === 1) return uses[0];
  const picked = await vscode.window.showQuickPick(
    (uses.length > 0 ? uses : SNIPPET_CLIENTS).map((client) => ({ label: CLIENT_LABELS[client], client })),
    { title: 'Which Redis client does this code use?' },
  );
  return picked?.client;
}
