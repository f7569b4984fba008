/**
 * Redis code analyzer — public API (pure Node, no `vscode`).
 *
 * ## One-shot (CLI, "Analyze Workspace")
 * ```ts
 * const analyzer = new Analyzer({ wasm: path.join(extensionPath, 'dist'), options });
 * const result = await analyzer.analyzeText('src/cache.ts', text); // { findings, notes }
 * analyzer.dispose();
 * ```
 * `wasm` is a directory holding tree-sitter.wasm, tree-sitter-typescript.wasm, tree-sitter-tsx.wasm and
 * tree-sitter-javascript.wasm (the bundle copies them to `dist/`), or a `WasmLocation`
 * (`wasmLocationFromNodeModules()` in tests). Nothing is loaded until the first analysis; each
 * grammar loads on the first file that needs it.
 *
 * Several files at once, resolving clients imported from one another (`import { redis } from './redis'`,
 * `getRedis()`, re-exports and barrels): `await analyzeFiles(analyzer, files, (file, result) => …)` —
 * dependencies first, each file parsed once. Every analysis (also in the editor) updates the
 * analyzer's project index with the file's exports, so open documents resolve each other too.
 *
 * ## Editor (incremental)
 * ```ts
 * const doc = await analyzer.openDocument(document.fileName, document.getText()); // on open
 * publish(doc.analyze());
 * // on change — apply VS Code's contentChanges in order, then re-analyse (debounced):
 * for (const c of event.contentChanges) doc.applyEdit({ offset: c.rangeOffset, length: c.rangeLength, text: c.text });
 * publish(doc.analyze());      // re-parses with tree.edit() and re-extracts only the changed statements
 * doc.dispose();               // on close — frees the WASM tree (required: WASM memory is not GC'd)
 * ```
 * `analyze()` is synchronous once the document is open. Call `analyzer.setOptions()` when settings
 * change, then `analyze()` again (no re-parse is needed for option changes). `doc.stats` tells what the
 * last analysis did (full/incremental parse, statements re-extracted); `reanalyzeFromScratch()`
 * re-extracts everything from the current tree without touching the cache (a check for tests).
 * Multiple edits between analyses are fine. Texts above `maxFileSize` yield a `too-large` note, a
 * parse over `parseTimeoutMs` a `parse-timeout` note, and no findings.
 *
 * ## Findings and fixes
 * A `Finding` has `ruleId`, `severity` ('error'|'warning'|'info'|'hint'), `confidence`
 * ('certain'|'likely'), `range` (0-based lines/columns + offsets, UTF-16 like VS Code),
 * `message`, `docUrl`, and `fixes` (text edits against the analysed text; `isPreferred`,
 * `needsReview` for refactors such as the SCAN rewrite). Helpers:
 * - `applyFix(text, fix)` / `applyEdits(text, edits)`;
 * - `fixAll(text, findings, { ruleId? })` — "Fix all in file": preferred fixes of rules marked
 *   `fixAllSafe`, skipping fixes that need review or overlap; returns the edits to apply;
 * - `disableForLineFix(text, finding)` — "Disable for this line" (writes
 *   `// redis-specialist-disable-next-line <rule-id>`);
 * - `RULES` / `ruleMeta(id)` — titles, one-sentence "why" (hover text), default severities.
 * - `detectClientVersions(workspaceRoot)` — pass `nodeRedisMajor` in options for version-exact fixes.
 */
export { Analyzer, type AnalyzerConfig, type EditorDocument, type FileSettlement } from './engine/analyzer';
export { isLuaFile } from './lua/luaFile';
export { AnalysisDocument, type AnalysisStats, type TextChange } from './engine/analysisDocument';
export { analyzeFiles, eachInImportOrder, importSpecifiers, inImportOrder, type ProjectFile } from './engine/projectAnalysis';
export { SourceFiles, indexImportClosure, type ImportClosureOptions } from './engine/importClosure';
export { applyEdits, applyFix, fixAll, type FixAllOptions, type FixAllResult } from './fixes/applyFixes';
export { disableForLineFix, DISABLE_NEXT_LINE } from './fixes/disableLine';
export { detectClientVersions, type ClientVersions } from './detectClientVersions';
export {
  AnalysisOptionsError,
  DEFAULT_MAX_FILE_SIZE,
  DEFAULT_TEST_FILE_GLOBS,
  resolveOptions,
  isTestFile,
  type AnalysisOptions,
  type ResolvedOptions,
  type RuleSetting,
  type SeveritySetting,
} from './options';
export { type WasmLocation, wasmLocationFromNodeModules, wasmLocationInDir, grammarForFile, ANALYZED_EXTENSIONS } from './parser/wasmLocation';
export {
  PACKAGE_JSON_KEY,
  PROJECT_CONFIG_FILE,
  ProjectConfigError,
  ProjectConfigFinder,
  mergeAnalysisOptions,
  parseProjectConfig,
  type ProjectConfig,
} from './projectConfig';
export { RULES, ruleMeta } from './rules';
export type { RuleMeta } from './rules/ruleTypes';
export { matchesAnyGlob, globToRegExp, toPosixPath } from './glob';
export * from './types';
export type { KeySite, TtlPolicy } from './extract/keyTemplateTypes';
