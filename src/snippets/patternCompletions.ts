// Completion items of our own for `redis-<pattern>-<client>` in a file that already has code: the same snippets
// VS Code offers from contributes.snippets, but merged — missing imports as additionalTextEdits, helpers the
// file already declares reused — so a second pattern never declares anything twice. When a name clashes, the item
// opens the pattern in a new file instead. In an empty file the contributed snippets are all that is needed.
import * as vscode from 'vscode';
import { PATTERNS, SNIPPET_CLIENTS } from '../core/snippets/catalog';
import { findSnippet } from '../core/snippets/snippetFile';
import { Commands } from '../commands';
import type { DisposableOwner } from '../registration';
import { PATTERN_LANGUAGES, type InsertPatternArgs, type PatternSource } from './patternSource';

const TYPED_PREFIX = /redis-[\w-]*$/;

export function registerPatternCompletions(context: DisposableOwner, source: PatternSource, log: vscode.LogOutputChannel): void {
  const provider: vscode.CompletionItemProvider = {
    async provideCompletionItems(document, position) {
      try {
        return await mergedItems(source, document, position);
      } catch (error) {
        // The contributed snippets are still offered; only the merged variants are missing.
        log.warn(`pattern completions: ${String(error)}`);
        return undefined;
      }
    },
  };
  const selector = PATTERN_LANGUAGES.map((language) => ({ language }));
  context.own(vscode.languages.registerCompletionItemProvider(selector, provider, '-'));
}

async function mergedItems(source: PatternSource, document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
  const typed = TYPED_PREFIX.exec(document.lineAt(position.line).text.slice(0, position.character));
  if (!typed) return undefined;
  const range = new vscode.Range(position.line, position.character - typed[0].length, position.line, position.character);
  if (!hasOtherCode(document, range)) return undefined;
  const installed = await source.clientsFor(document.uri);
  const snippets = await source.loadSnippets();
  const items: vscode.CompletionItem[] = [];
  for (const pattern of PATTERNS) {
    for (const client of installed.length > 0 ? installed : SNIPPET_CLIENTS) {
      const prefix = pattern.prefixes[client];
      const composed = await source.compose(document, findSnippet(snippets, pattern, client).body.join('\n'));
      const clashes = composed.clashes.length > 0;
      const item = new vscode.CompletionItem({ label: prefix, description: clashes ? 'new file' : 'merged into this file' }, vscode.CompletionItemKind.Snippet);
      item.range = range;
      item.filterText = prefix;
      item.sortText = `0${prefix}`;
      item.detail = pattern.title;
      if (clashes) {
        item.documentation = `This file already declares ${composed.clashes.join(', ')} differently: the pattern opens in a new file.`;
        item.insertText = '';
        const args: InsertPatternArgs = { patternId: pattern.id, client, newFile: true };
        item.command = { title: 'Insert into a new file', command: Commands.insertPattern, arguments: [args] };
      } else {
        item.documentation = `${pattern.description}${composed.reused.length > 0 ? `\n\nReuses ${composed.reused.join(', ')} from this file.` : ''}`;
        item.insertText = new vscode.SnippetString(composed.body);
        if (composed.imports) item.additionalTextEdits = [vscode.TextEdit.insert(new vscode.Position(composed.imports.line, 0), composed.imports.text)];
      }
      items.push(item);
    }
  }
  return items;
}

/** Anything but blank lines and the prefix being typed. */
function hasOtherCode(document: vscode.TextDocument, typed: vscode.Range): boolean {
  const before = document.getText(new vscode.Range(new vscode.Position(0, 0), typed.start));
  const after = document.getText(new vscode.Range(typed.end, document.lineAt(document.lineCount - 1).range.end));
  return `${before}${after}`.trim() !== '';
}
