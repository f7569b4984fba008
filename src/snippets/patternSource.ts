// What both ways of inserting a pattern (the command and the completion list) share: the shipped snippet file,
// the composer that merges a snippet into the open file, and the snippet variant the workspace uses.
import * as vscode from 'vscode';
import { detectClientVersions } from '../core/analysis/detectClientVersions';
import { wasmLocationInDir } from '../core/analysis/parser/wasmLocation';
import type { Grammar } from '../core/analysis/types';
import type { SnippetClient } from '../core/snippets/catalog';
import { snippetClientsFor } from '../core/snippets/clientChoice';
import type { ComposedPattern } from '../core/snippets/composition/composePattern';
import { PatternComposer } from '../core/snippets/composition/patternComposer';
import { parseSnippetFile, type SnippetFile } from '../core/snippets/snippetFile';

/** Programmatic form (tests, keybindings, completion items): skips the pickers. */
export interface InsertPatternArgs {
  patternId: string;
  client?: SnippetClient;
  /** Insert into a new file without asking (what the user is offered when the pattern clashes with this file). */
  newFile?: boolean;
}

export const PATTERN_LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;

const GRAMMARS: Readonly<Record<string, Grammar>> = {
  typescript: 'typescript',
  typescriptreact: 'tsx',
  javascript: 'javascript',
  javascriptreact: 'javascript',
};

export class PatternSource implements vscode.Disposable {
  private snippets?: Promise<SnippetFile>;
  private composer?: PatternComposer;

  constructor(private readonly extensionUri: vscode.Uri) {}

  loadSnippets(): Promise<SnippetFile> {
    this.snippets ??= this.readSnippets();
    return this.snippets;
  }

  /** The snippet body merged into `document`: missing imports, reused declarations, clashes. */
  compose(document: vscode.TextDocument, snippetBody: string): Promise<ComposedPattern> {
    // The grammars ship next to the bundle in dist/, like the analyzer's.
    this.composer ??= new PatternComposer(wasmLocationInDir(vscode.Uri.joinPath(this.extensionUri, 'dist').fsPath));
    return this.composer.compose(document.getText(), GRAMMARS[document.languageId] ?? 'typescript', snippetBody);
  }

  /** The variants the document's workspace installs (ioredis, node-redis 5 or 4); empty when unknown. */
  async clientsFor(document: vscode.Uri): Promise<SnippetClient[]> {
    const folder = vscode.workspace.getWorkspaceFolder(document);
    if (!folder || folder.uri.scheme !== 'file') return [];
    return snippetClientsFor(await detectClientVersions(folder.uri.fsPath));
  }

  dispose(): void {
    this.composer?.dispose();
  }

  private async readSnippets(): Promise<SnippetFile> {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'snippets', 'redis-patterns.code-snippets'));
    return parseSnippetFile(new TextDecoder().decode(bytes));
  }
}
