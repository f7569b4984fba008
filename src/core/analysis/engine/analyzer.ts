/** The analyzer façade: options, lazy grammar loading, documents and one-shot analysis. */
import type { ModuleKeyUse } from '../clients/keyUse';
import type { ModuleListeners } from '../clients/listenerIndex';
import { ProjectIndex, moduleKeyOf } from '../clients/projectIndex';
import { type AnalysisOptions, type ResolvedOptions, resolveOptions } from '../options';
import { TreeSitterHost } from '../parser/treeSitterHost';
import { type WasmLocation, grammarForFile, wasmLocationInDir } from '../parser/wasmLocation';
import type { AnalysisResult, Finding } from '../types';
import { settledKeyFindings } from './workspaceKeys';
import { withoutListenedElsewhere } from './workspaceListeners';
import { AnalysisDocument } from './analysisDocument';
import { reexportsOf } from './reexports';
import { LuaScriptDocument, analyzeLuaText, isLuaFile } from '../lua/luaFile';

/** A document the editor keeps open: JavaScript/TypeScript (incremental) or a Lua script. */
export type EditorDocument = Pick<AnalysisDocument, 'text' | 'setText' | 'applyEdit' | 'analyze' | 'dispose'>;

export interface AnalyzerConfig {
  /** Directory holding all four .wasm files (like `dist/`), or explicit paths. */
  wasm: string | WasmLocation;
  options?: AnalysisOptions;
}

/** What one file published for the run's last pass (workspaceFindings): which keys it shrinks, which clients it listens on. */
export interface FileSettlement {
  moduleKey: string;
  keyUse?: ModuleKeyUse;
  listeners?: ModuleListeners;
}

export class Analyzer {
  private readonly host: TreeSitterHost;
  private resolved: ResolvedOptions;
  /** Exports of every file analysed so far: imports between them resolve (see analyzeFiles). */
  readonly project = new ProjectIndex();

  constructor(config: AnalyzerConfig) {
    this.host = new TreeSitterHost(typeof config.wasm === 'string' ? wasmLocationInDir(config.wasm) : config.wasm);
    this.resolved = resolveOptions(config.options);
  }

  get options(): ResolvedOptions {
    return this.resolved;
  }

  /** Validates and applies new options; open documents use them from their next `analyze()`. */
  setOptions(options: AnalysisOptions): void {
    this.resolved = resolveOptions(options);
  }

  /** True for .ts/.mts/.cts/.tsx/.js/.mjs/.cjs/.jsx (not .d.ts) and .lua (Redis scripts). */
  supports(fileName: string): boolean {
    return grammarForFile(fileName) !== undefined || isLuaFile(fileName);
  }

  /** Opens any supported document for the editor: see openDocument; a `.lua` script is re-read whole on each analysis. */
  async open(fileName: string, text: string): Promise<EditorDocument> {
    return isLuaFile(fileName) ? new LuaScriptDocument(fileName, text, () => this.resolved) : this.openDocument(fileName, text);
  }

  /** Opens a document for repeated (incremental) analysis; loads its grammar on first use. */
  async openDocument(fileName: string, text: string): Promise<AnalysisDocument> {
    const grammar = grammarForFile(fileName);
    if (!grammar) throw new Error(`Not a JavaScript/TypeScript file: ${fileName}`);
    await this.host.load(grammar);
    return new AnalysisDocument(fileName, text, grammar, this.host, () => this.resolved, this.project);
  }

  /**
   * Publishes what a file re-exports, read from its text, unless the file was analysed already: call it
   * when a file is read, before the files it imports are analysed (see reexports.ts).
   */
  noteReexports(fileName: string, text: string): void {
    if (this.project.has(fileName)) return;
    const reexports = reexportsOf(text);
    if (reexports) this.project.update(fileName, reexports);
  }

  /** Analyses a text once (CLI, workspace scan). */
  async analyzeText(fileName: string, text: string): Promise<AnalysisResult> {
    if (!this.supports(fileName)) {
      return { fileName, findings: [], notes: [{ kind: 'unsupported-language', message: 'Skipped: not a JavaScript, TypeScript or Lua file.' }] };
    }
    if (isLuaFile(fileName)) return analyzeLuaText(fileName, text, this.resolved);
    const grammar = grammarForFile(fileName);
    if (!grammar) throw new Error(`Not a JavaScript/TypeScript file: ${fileName}`);
    await this.host.load(grammar);
    const doc = new AnalysisDocument(fileName, text, grammar, this.host, () => this.resolved, this.project, 'once');
    try {
      const before = this.project.version;
      const result = doc.analyze();
      return this.project.version === before ? result : { ...result, exportsChanged: true };
    } finally {
      doc.dispose();
    }
  }

  /**
   * After a run over many files (the CLI): `findings` of `fileName` without the unbounded-growth
   * findings on collections another file of the run shrinks, nor missing-error-listener findings on
   * clients another file listens on (it may have been analysed later).
   */
  workspaceFindings(fileName: string, findings: readonly Finding[]): Finding[] {
    return withoutListenedElsewhere(this.project, fileName, settledKeyFindings(this.project, fileName, findings));
  }

  /** What the run's last pass needs of `fileName` (plain data): a thread of a parallel lint sends it to the others. */
  settlementOf(fileName: string): FileSettlement {
    const moduleKey = moduleKeyOf(fileName);
    return { moduleKey, keyUse: this.project.keyUse.entryOf(moduleKey), listeners: this.project.listeners.entryOf(moduleKey) };
  }

  /** Takes in what another thread's analyzer published about a file, before workspaceFindings. */
  absorbSettlement(settlement: FileSettlement): void {
    if (settlement.keyUse) this.project.keyUse.update(settlement.moduleKey, settlement.keyUse);
    if (settlement.listeners) this.project.listeners.update(settlement.moduleKey, settlement.listeners);
  }

  dispose(): void {
    this.host.dispose();
  }
}
