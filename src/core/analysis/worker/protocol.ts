/** Messages between the extension host and the analysis worker (plain data: structured-cloned). */
import type { AnalysisOptions } from '../options';
import type { WasmLocation } from '../parser/wasmLocation';
import type { AnalysisResult, Finding } from '../types';

export interface WorkerInit {
  /** Directory with tree-sitter.wasm and the grammars, or their paths. */
  wasm: string | WasmLocation;
}

export interface AnalyzeRequest {
  id: number;
  fileName: string;
  text: string;
  options: AnalysisOptions;
  /** Equal keys mean equal options: the worker re-applies options only when the key changes. */
  optionsKey: string;
  /** Only publish what the file re-exports (a barrel read before the files of its import cycle: see reexports.ts). */
  reexportsOnly?: true;
  /**
   * After every file of a scan: the file's findings as analysed, to be answered without the ones another file of the
   * scan settled (a collection it trims, a client it listens on: Analyzer.workspaceFindings). No text is sent.
   */
  settle?: Finding[];
}

export type AnalyzeResponse = { id: number; ok: true; result: AnalysisResult } | { id: number; ok: false; error: string };
