import * as path from 'node:path';
import type * as vscode from 'vscode';
import type * as EngineModule from '../core/analysis';
import type { AnalysisResult, Analyzer, EditorDocument, Finding, ImportClosureOptions } from '../core/analysis';
import { WorkerAnalyzer } from '../core/analysis/worker/workerAnalyzer';
import type { MappedOptions } from '../core/workspace/analysisSettings';

/** The analyzer's public module, loaded on first use (its import evaluates web-tree-sitter). */
export type EngineApi = typeof EngineModule;

/**
 * The analyzer, created on the first TS/JS document so that activation never loads tree-sitter.
 * One analyzer serves every workspace folder: options are applied right before each synchronous
 * `analyze()`, because folders may have different settings and client versions.
 */
export class AnalysisEngine implements vscode.Disposable {
  private loading: Promise<{ api: EngineApi; analyzer: Analyzer }> | undefined;
  private loaded: { api: EngineApi; analyzer: Analyzer } | undefined;
  private optionsKey: string | undefined;
  private worker: WorkerAnalyzer | undefined;
  private disposed = false;

  constructor(
    /** Directory with tree-sitter.wasm and the grammars (the bundle's `dist/`). */
    private readonly wasmDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The engine's functions once loaded (code actions and hovers only exist after a first analysis). */
  get api(): EngineApi | undefined {
    return this.loaded?.api;
  }

  private load(): Promise<{ api: EngineApi; analyzer: Analyzer }> {
    this.loading ??= import('../core/analysis').then((api) => {
      if (this.disposed) throw new Error('The Redis analyzer was disposed');
      this.loaded = { api, analyzer: new api.Analyzer({ wasm: this.wasmDir }) };
      this.log.info(`Redis code analyzer started (grammars from ${this.wasmDir})`);
      return this.loaded;
    });
    return this.loading;
  }

  /** Opens a document for incremental analysis; the caller disposes it. */
  async open(fileName: string, text: string): Promise<EditorDocument> {
    const { analyzer } = await this.load();
    return analyzer.open(fileName, text);
  }

  /** Analyses an open document under `options` (synchronous, so no other analysis can interleave). */
  analyze(document: EditorDocument, options: MappedOptions): AnalysisResult {
    const analyzer = this.loaded?.analyzer;
    if (!analyzer) throw new Error('analyze() before the analyzer was loaded');
    if (this.optionsKey !== options.key) {
      analyzer.setOptions(options.options);
      this.optionsKey = options.key;
    }
    return document.analyze();
  }

  /**
   * Analyses the files `name` imports that the index lacks, read through `options` (see importClosure.ts);
   * `files` are the folder's source files. Returns the names analysed: open documents resolve them from then on.
   */
  async indexImports(name: string, text: string, files: readonly string[], options: ImportClosureOptions): Promise<string[]> {
    const { api, analyzer } = await this.load();
    return api.indexImportClosure(analyzer, name, text, new api.SourceFiles(files), options);
  }

  /** Re-reads a file indexed from disk after it changed there; false when it was never indexed. */
  async reindex(name: string, text: string): Promise<boolean> {
    const analyzer = this.loaded?.analyzer;
    if (!analyzer?.project.has(name)) return false;
    await analyzer.analyzeText(name, text);
    return true;
  }

  /** Forgets a file indexed from disk that was deleted; false when it was never indexed. */
  forget(name: string): boolean {
    return this.loaded?.analyzer.project.remove(name) ?? false;
  }

  /** One-shot analysis in the worker thread (workspace scan): the extension host stays responsive. */
  analyzeInWorker(fileName: string, text: string, options: MappedOptions): Promise<AnalysisResult> {
    if (this.disposed) return Promise.reject(new Error('The Redis analyzer was disposed'));
    return this.startWorker().analyze(fileName, text, options.options, options.key);
  }

  /** After the workspace scan: a file's findings without those another file of the scan settled. */
  settleInWorker(fileName: string, findings: Finding[]): Promise<Finding[]> {
    if (this.disposed) return Promise.resolve(findings);
    return this.startWorker().settle(fileName, findings);
  }

  /** Tells the worker what a file read by the workspace scan re-exports, before the files it imports are analysed. */
  noteReexportsInWorker(fileName: string, text: string): Promise<void> {
    if (this.disposed) return Promise.resolve();
    return this.startWorker().noteReexports(fileName, text);
  }

  private startWorker(): WorkerAnalyzer {
    this.worker ??= new WorkerAnalyzer({ script: path.join(this.wasmDir, 'analysisWorker.js'), wasm: this.wasmDir });
    return this.worker;
  }

  dispose(): void {
    this.disposed = true;
    this.worker?.dispose();
    this.worker = undefined;
    this.loaded?.analyzer.dispose();
    this.loaded = undefined;
  }
}
