import { Language, Parser, type Tree } from 'web-tree-sitter';
import type { SourceText } from '../syntax';
import type { Grammar } from '../types';
import type { WasmLocation } from './wasmLocation';

// web-tree-sitter copies at most 5,119 UTF-16 units per read (a 10 KiB buffer); larger chunks are waste.
const CHUNK = 5000;

/**
 * Feeds the text in chunks. Given a plain string, web-tree-sitter reads `text.slice(index)` — the
 * whole rest of the file — on every call: 170 MB of string handling for one full parse of 1 MB, and
 * the rest of the file again on every incremental re-parse. A chunk never ends inside a surrogate pair.
 */
export function chunkedInput(text: SourceText): (index: number) => string {
  return (index) => {
    let end = index + CHUNK;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end++;
    return text.slice(index, end);
  };
}

/** Node's global `performance` is a lazy getter: read it once, not at every progress report. */
const clock = globalThis.performance;

export type ParseOutcome =
  | { ok: true; tree: Tree }
  | { ok: false; reason: 'parse-timeout' | 'parse-failed'; message: string };

// The WASM runtime is process-wide: initialise it once, with the first location we are given.
let runtimeReady: Promise<void> | undefined;

function initRuntime(runtimePath: string): Promise<void> {
  runtimeReady ??= Parser.init({ locateFile: () => runtimePath }).catch((err: unknown) => {
    runtimeReady = undefined; // let a later call retry (e.g. after the path is fixed)
    throw new Error(`Could not load the tree-sitter runtime from ${runtimePath}: ${String(err)}`);
  });
  return runtimeReady;
}

/**
 * Owns the tree-sitter parsers and languages. Loading is lazy: nothing touches WASM until the
 * first `load()`. A parser whose parse throws (e.g. the WASM heap aborts) is deleted and replaced,
 * never reused, because its internal state is undefined afterwards.
 */
export class TreeSitterHost {
  private readonly languages = new Map<Grammar, Language>();
  private readonly loading = new Map<Grammar, Promise<Language>>();
  private readonly parsers = new Map<Grammar, Parser>();
  private disposed = false;

  constructor(private readonly location: WasmLocation) {}

  /** Makes `grammar` ready for synchronous parsing. */
  async load(grammar: Grammar): Promise<void> {
    if (this.languages.has(grammar)) return;
    let pending = this.loading.get(grammar);
    if (!pending) {
      const file = this.location.grammars[grammar];
      pending = initRuntime(this.location.runtime).then(() =>
        Language.load(file).catch((err: unknown) => {
          throw new Error(`Could not load the ${grammar} grammar from ${file}: ${String(err)}`);
        }),
      );
      this.loading.set(grammar, pending);
    }
    try {
      this.languages.set(grammar, await pending);
    } finally {
      this.loading.delete(grammar);
    }
  }

  isLoaded(grammar: Grammar): boolean {
    return this.languages.has(grammar);
  }

  /**
   * Parses `text` (reusing `oldTree` if given, which must already be `edit()`ed). The caller owns
   * the returned tree and must `delete()` it.
   */
  parse(grammar: Grammar, text: SourceText, oldTree: Tree | null, timeoutMs: number): ParseOutcome {
    if (this.disposed) throw new Error('TreeSitterHost used after dispose()');
    const language = this.languages.get(grammar);
    if (!language) throw new Error(`Grammar ${grammar} is not loaded; await load('${grammar}') first`);
    const parser = this.parserFor(grammar, language);
    const deadline = clock.now() + timeoutMs;
    // tree-sitter reports progress every hundred or so steps: reading the clock at every report costs
    // a few percent of a parse, every 32nd still stops within a fraction of a millisecond.
    let reports = 0;
    const progressCallback = (): boolean => (++reports & 31) === 0 && clock.now() > deadline;
    let tree: Tree | null;
    try {
      tree = parser.parse(chunkedInput(text), oldTree, { progressCallback });
    } catch (err) {
      this.dropParser(grammar);
      return { ok: false, reason: 'parse-failed', message: `tree-sitter failed: ${String(err)}` };
    }
    if (!tree) {
      // Cancelled: a parser resumes a cancelled parse unless reset, so start afresh next time.
      this.dropParser(grammar);
      return { ok: false, reason: 'parse-timeout', message: `parsing took longer than ${timeoutMs} ms` };
    }
    return { ok: true, tree };
  }

  dispose(): void {
    this.disposed = true;
    for (const grammar of [...this.parsers.keys()]) this.dropParser(grammar);
    this.languages.clear();
  }

  private parserFor(grammar: Grammar, language: Language): Parser {
    let parser = this.parsers.get(grammar);
    if (!parser) {
      parser = new Parser();
      parser.setLanguage(language);
      this.parsers.set(grammar, parser);
    }
    return parser;
  }

  private dropParser(grammar: Grammar): void {
    const parser = this.parsers.get(grammar);
    this.parsers.delete(grammar);
    try {
      parser?.delete();
    } catch {
      // A parser from an aborted heap may not be deletable; it is unreachable either way.
    }
  }
}
