// Parses a file and a snippet with tree-sitter (the analyzer's grammars) and composes them; one instance per
// extension, loading each grammar on first use.
import { TreeSitterHost } from '../../analysis/parser/treeSitterHost';
import type { WasmLocation } from '../../analysis/parser/wasmLocation';
import type { Grammar } from '../../analysis/types';
import { expandDefaults } from '../snippetSyntax';
import { composePattern, type ComposedPattern } from './composePattern';
import { topLevelItems, type TopLevelItem } from './topLevel';

const PARSE_TIMEOUT_MS = 2000;

export class PatternComposer {
  private readonly host: TreeSitterHost;
  /** Snippets are fixed, and a completion request composes every pattern against the same file: parse each once. */
  private readonly snippetItems = new Map<string, TopLevelItem[]>();
  private lastDocument?: { text: string; grammar: Grammar; items: TopLevelItem[] };

  constructor(location: WasmLocation) {
    this.host = new TreeSitterHost(location);
  }

  /** What to insert for `snippetBody` (VS Code snippet syntax) into a file whose text is `documentText`. */
  async compose(documentText: string, grammar: Grammar, snippetBody: string): Promise<ComposedPattern> {
    if (this.lastDocument?.text !== documentText || this.lastDocument.grammar !== grammar) {
      this.lastDocument = { text: documentText, grammar, items: await this.parse(documentText, grammar) };
    }
    const documentItems = this.lastDocument.items;
    let snippetItems = this.snippetItems.get(snippetBody);
    if (!snippetItems) {
      snippetItems = await this.parse(expandDefaults(snippetBody), 'typescript');
      this.snippetItems.set(snippetBody, snippetItems);
    }
    return composePattern(documentItems, snippetBody, snippetItems);
  }

  dispose(): void {
    this.host.dispose();
  }

  private async parse(text: string, grammar: Grammar): Promise<TopLevelItem[]> {
    await this.host.load(grammar);
    const outcome = this.host.parse(grammar, text, null, PARSE_TIMEOUT_MS);
    if (!outcome.ok) throw new Error(`Could not read the file to merge the pattern into: ${outcome.message}`);
    try {
      return topLevelItems(outcome.tree.rootNode);
    } finally {
      outcome.tree.delete();
    }
  }
}
